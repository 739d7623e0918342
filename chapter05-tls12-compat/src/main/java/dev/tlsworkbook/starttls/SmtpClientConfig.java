package dev.tlsworkbook.starttls;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * How an {@link SmtpClient} treats TLS.
 *
 * @param level Postfix's security level
 * @param heloName the name we EHLO with
 * @param trustAnchors CA certificates for {@code verify} and {@code secure} (and for the Trusted/Untrusted word under {@code may})
 * @param nextHop the domain {@code secure} matches against; by default the host connected to
 * @param fingerprints SHA-256 fingerprints (lower-case hex) for {@code fingerprint}
 * @param clientCertificates certificates to present when the server asks (relaying by fingerprint)
 * @param tlsCustomizer last word on the TLS configuration (versions, suites, a trace listener)
 * @param dialogue sees the SMTP lines, before and after the upgrade
 * @since chapter05
 */
public record SmtpClientConfig(SecurityLevel level, String heloName, List<X509Certificate> trustAnchors,
        Optional<String> nextHop, Set<String> fingerprints, List<CertifiedKey> clientCertificates,
        Consumer<TlsConfig.Builder> tlsCustomizer, MailLines.Dialogue dialogue, Consumer<String> log, Clock clock, SecureRandom random,
        Duration timeout) {

    public SmtpClientConfig {
        trustAnchors = List.copyOf(trustAnchors);
        fingerprints = fingerprints.stream().map(MailServerConfig::normaliseFingerprint)
                .collect(Collectors.toUnmodifiableSet());
        clientCertificates = List.copyOf(clientCertificates);
        if ((level == SecurityLevel.VERIFY || level == SecurityLevel.SECURE) && trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("security level " + level + " needs CA certificates (--cafile)");
        }
        if (level == SecurityLevel.FINGERPRINT && fingerprints.isEmpty()) {
            throw new IllegalArgumentException("security level fingerprint needs at least one --fingerprint");
        }
    }

    /** A configuration with defaults: EHLO as {@code localhost}, 30 s timeout, system clock and randomness. */
    public static SmtpClientConfig of(SecurityLevel level, List<X509Certificate> trustAnchors, Set<String> fingerprints,
            Consumer<String> log) {
        return new SmtpClientConfig(level, "localhost", trustAnchors, Optional.empty(), fingerprints, List.of(),
                b -> { }, MailLines.Dialogue.NONE, log, Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(30));
    }

    /** The same with {@code secure} matching against {@code domain}. */
    public SmtpClientConfig withNextHop(String domain) {
        return new SmtpClientConfig(level, heloName, trustAnchors, Optional.of(domain), fingerprints, clientCertificates,
                tlsCustomizer, dialogue, log, clock, random, timeout);
    }

    /** The same, presenting {@code certificates} when the server asks for one. */
    public SmtpClientConfig withClientCertificates(List<CertifiedKey> certificates) {
        return new SmtpClientConfig(level, heloName, trustAnchors, nextHop, fingerprints, certificates,
                tlsCustomizer, dialogue, log, clock, random, timeout);
    }

    /** The same, with a last word on the TLS configuration and a listener for the SMTP lines. */
    public SmtpClientConfig withTls(Consumer<TlsConfig.Builder> customizer, MailLines.Dialogue lines) {
        return new SmtpClientConfig(level, heloName, trustAnchors, nextHop, fingerprints, clientCertificates,
                customizer, lines, log, clock, random, timeout);
    }
}
