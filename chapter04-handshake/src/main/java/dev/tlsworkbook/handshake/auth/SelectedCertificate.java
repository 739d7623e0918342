package dev.tlsworkbook.handshake.auth;

import java.util.Objects;

/**
 * What {@link CertificateSelector} chose for a ClientHello: the chain to send in Certificate and
 * the scheme to sign CertificateVerify with (RFC 8446 §4.4.2.2, §4.4.3).
 *
 * @param certifiedKey the chain and its private key
 * @param scheme the CertificateVerify signature scheme, one the client offered
 * @param serverNameMatched whether the chain matches what the peer named: for a server's chain the
 *     client's server_name (true when the client sent none), for a client's chain the request's
 *     certificate_authorities (true when the request has none)
 * @param chainSignaturesOffered whether every signature in the chain uses a scheme the client
 *     accepts for certificates
 * @since chapter04
 */
public record SelectedCertificate(CertifiedKey certifiedKey, SignatureScheme scheme, boolean serverNameMatched,
        boolean chainSignaturesOffered) {

    public SelectedCertificate {
        Objects.requireNonNull(certifiedKey, "certifiedKey");
        Objects.requireNonNull(scheme, "scheme");
    }

    /** The chain to send. */
    public CertificateChain chain() {
        return certifiedKey.chain();
    }
}
