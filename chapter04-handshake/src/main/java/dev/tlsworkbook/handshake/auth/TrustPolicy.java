package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * How an endpoint decides whether to believe the peer's certificates, named after the levels mail
 * servers offer (Postfix's {@code smtp_tls_security_level}): {@link VerifyPolicy verify} (PKIX
 * path and host name, the default), {@link FingerprintPolicy fingerprint} (pinned end-entity
 * certificates) and {@link OpportunisticPolicy opportunistic} (encrypt, do not authenticate). A
 * client applies one to the server; a server that asks for client certificates applies one to
 * the client ({@link ClientAuthMode}).
 *
 * <p>RFC 8446 §4.4.2.4 leaves certificate validation to RFC 5280 and adds the TLS rules applied
 * here: an empty server Certificate is decode_error; an empty client Certificate is either
 * accepted (anonymous) or refused with certificate_required.
 *
 * @since chapter04
 */
public sealed interface TrustPolicy permits VerifyPolicy, FingerprintPolicy, OpportunisticPolicy {

    /** The default: PKIX against the JDK's trusted CAs (cacerts), checked at {@code clock}. */
    static VerifyPolicy verify(Clock clock) {
        return VerifyPolicy.jdkTrustStore(clock);
    }

    /** PKIX against the CA certificates of a PEM file (like {@code openssl -CAfile}). */
    static VerifyPolicy verify(Path caFile, Clock clock) throws IOException {
        return VerifyPolicy.trusting(Pem.readCertificates(caFile), clock);
    }

    /** PKIX against the given CA certificates. */
    static VerifyPolicy verify(List<X509Certificate> trustedCertificates, Clock clock) {
        return VerifyPolicy.trusting(trustedCertificates, clock);
    }

    /** Trust exactly the end-entity certificate with this SHA-256 fingerprint (hex, colons allowed). */
    static FingerprintPolicy fingerprint(String sha256Hex) {
        return FingerprintPolicy.of(sha256Hex);
    }

    /** Trust exactly the end-entity certificates with these SHA-256 fingerprints (a server's admitted clients). */
    static FingerprintPolicy fingerprints(java.util.Collection<String> sha256Hex) {
        return FingerprintPolicy.ofHex(sha256Hex);
    }

    /** Encrypt without authenticating; the result is always {@link PeerAuthentication.Untrusted}. */
    static OpportunisticPolicy opportunistic() {
        return new OpportunisticPolicy();
    }

    /**
     * The distinguished names of the CAs this policy trusts, for the certificate_authorities
     * extension of a CertificateRequest (RFC 8446 §4.2.4): only a policy with a configured CA list
     * has any; a store as large as the JDK's would only bloat the message.
     */
    default List<javax.security.auth.x500.X500Principal> certificateAuthorities() {
        return List.of();
    }

    /**
     * Judges a non-empty chain.
     *
     * @param reference the host name or IP address the client connected to, or empty (client certificates)
     * @param peer which side sent the chain (selects the extended key usage to require)
     */
    PeerAuthentication evaluate(CertificateChain chain, Optional<String> reference, Side peer);

    /**
     * A client judging the server's Certificate message (RFC 8446 §4.4.2.4).
     *
     * @param reference the host name or IP literal the client meant to reach
     */
    default PeerAuthentication authenticateServer(List<X509Certificate> presented, String reference) {
        if (presented.isEmpty()) {
            throw TlsException.local(Violation.EMPTY_SERVER_CERTIFICATE,
                    "RFC 8446 §4.4.2.4: the server sent an empty Certificate message");
        }
        return evaluate(new CertificateChain(presented), Optional.of(reference), Side.SERVER);
    }

    /**
     * A server judging the client's Certificate message (RFC 8446 §4.4.2.4): empty is
     * {@link PeerAuthentication.Anonymous} unless {@code required}, then certificate_required.
     */
    default PeerAuthentication authenticateClient(List<X509Certificate> presented, boolean required) {
        if (presented.isEmpty()) {
            if (required) {
                throw TlsException.local(Violation.CLIENT_CERTIFICATE_REQUIRED,
                        "RFC 8446 §4.4.2.4: the client sent no certificate and this server requires one");
            }
            return new PeerAuthentication.Anonymous();
        }
        return evaluate(new CertificateChain(presented), Optional.empty(), Side.CLIENT);
    }
}
