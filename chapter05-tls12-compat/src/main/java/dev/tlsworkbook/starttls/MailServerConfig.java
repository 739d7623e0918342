package dev.tlsworkbook.starttls;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What the SMTP, IMAP and POP3 servers of this package share.
 *
 * @param hostname the name the server greets with and writes into {@code Received:} headers
 * @param localDomains domains delivered here; mail for any other domain is relaying
 * @param tls the TLS configuration STARTTLS and implicit TLS use (with a certificate), or empty for no TLS;
 *     with {@code relayFingerprints} and no client authentication chosen in it, it is given
 *     {@link ClientAuthMode#OPTIONAL} with an opportunistic trust policy, as Postfix's
 *     {@code smtpd_tls_ask_ccert = yes}: the server asks every client for a certificate, a client
 *     without one (or with an unlisted one) still gets TLS, and the fingerprint decides relaying
 * @param serverKey the public key of that certificate, for the log line's server-signature field
 * @param requireTls refuse MAIL (SMTP) and logins (IMAP, POP3) before STARTTLS (RFC 3207 §4, 530 5.7.0)
 * @param relayFingerprints SHA-256 fingerprints (lower-case hex, no colons) of client certificates
 *     allowed to relay, as Postfix's {@code relay_clientcerts} with {@code permit_tls_clientcerts}
 * @param users IMAP and POP3 logins, name to password
 * @param store where delivered mail goes
 * @param log receives one line per event, in Postfix's words
 * @since chapter05
 */
public record MailServerConfig(String hostname, Set<String> localDomains, Optional<TlsConfig> tls,
        Optional<PublicKey> serverKey, boolean requireTls, Set<String> relayFingerprints, Map<String, String> users,
        MailStore store, Consumer<String> log, Clock clock) {

    public MailServerConfig {
        localDomains = localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        relayFingerprints = relayFingerprints.stream().map(MailServerConfig::normaliseFingerprint)
                .collect(Collectors.toUnmodifiableSet());
        users = Map.copyOf(users);
        if (!relayFingerprints.isEmpty() && tls.isPresent() && tls.get().clientAuth() == ClientAuthMode.NONE) {
            // RFC 8446 §4.3.2: a client sends a certificate only when asked. The certificate is judged by its
            // fingerprint after the handshake (relayPermitted), so no CA need vouch for it here.
            tls = Optional.of(tls.get().toBuilder().clientAuth(ClientAuthMode.OPTIONAL)
                    .trustPolicy(TrustPolicy.opportunistic()).build());
        }
        if (requireTls && tls.isEmpty()) {
            throw new IllegalArgumentException("requireTls needs a TLS configuration (a certificate)");
        }
    }

    /** {@code AA:BB:…} or {@code aabb…} → {@code aabb…}. */
    public static String normaliseFingerprint(String hex) {
        String h = hex.replace(":", "").trim().toLowerCase(Locale.ROOT);
        if (!h.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint (64 hex digits): " + hex);
        }
        return h;
    }

    /** Whether {@code domain} is one of ours. */
    public boolean isLocal(String domain) {
        return localDomains.contains(domain.toLowerCase(Locale.ROOT));
    }
}
