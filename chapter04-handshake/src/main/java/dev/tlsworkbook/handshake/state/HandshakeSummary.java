package dev.tlsworkbook.handshake.state;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.record.ProtocolVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * What a completed handshake agreed. {@link #toString()} is the one summary line the demos print,
 * e.g. {@code Trusted TLSv1.3 TLS_AES_128_GCM_SHA256 x25519 ecdsa_secp256r1_sha256 peer=CN=localhost alpn=http/1.1}.
 *
 * @param group the (EC)DHE or hybrid group of the key exchange; empty when a resumption used psk_ke
 *     (RFC 8446 §4.2.9 "PSK-only key establishment": no key exchange ran), which the line shows as {@code psk_ke}
 * @param signatureScheme the peer's CertificateVerify scheme (client side), or ours (server side)
 * @param peerSubject the peer's end-entity subject, empty for an anonymous peer
 * @param helloRetryRequest whether a HelloRetryRequest was needed (RFC 8446 §4.1.4)
 * @param resumed whether a resumption PSK was used (RFC 8446 §2.2): no certificate was sent, the
 *     peer is who it was in the connection that issued the ticket
 * @param earlyData what became of 0-RTT data (RFC 8446 §4.2.10)
 * @since chapter04
 */
public record HandshakeSummary(TrustStatus trust, ProtocolVersion version, CipherSuite cipherSuite, Optional<NamedGroup> group,
        Optional<SignatureScheme> signatureScheme, Optional<String> peerSubject, Optional<String> applicationProtocol,
        boolean helloRetryRequest, boolean resumed, EarlyDataStatus earlyData) {

    /** A full handshake without 0-RTT. */
    public HandshakeSummary(TrustStatus trust, ProtocolVersion version, CipherSuite cipherSuite, NamedGroup group,
            Optional<SignatureScheme> signatureScheme, Optional<String> peerSubject, Optional<String> applicationProtocol,
            boolean helloRetryRequest) {
        this(trust, version, cipherSuite, group, signatureScheme, peerSubject, applicationProtocol, helloRetryRequest,
                false, EarlyDataStatus.NOT_OFFERED);
    }

    /** A handshake whose key exchange used {@code group}. */
    public HandshakeSummary(TrustStatus trust, ProtocolVersion version, CipherSuite cipherSuite, NamedGroup group,
            Optional<SignatureScheme> signatureScheme, Optional<String> peerSubject, Optional<String> applicationProtocol,
            boolean helloRetryRequest, boolean resumed, EarlyDataStatus earlyData) {
        this(trust, version, cipherSuite, Optional.of(group), signatureScheme, peerSubject, applicationProtocol,
                helloRetryRequest, resumed, earlyData);
    }

    public HandshakeSummary {
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(signatureScheme, "signatureScheme");
        Objects.requireNonNull(peerSubject, "peerSubject");
        Objects.requireNonNull(applicationProtocol, "applicationProtocol");
        Objects.requireNonNull(earlyData, "earlyData");
    }

    /** The same summary with the peer authenticated after the handshake (RFC 8446 §4.6.2). */
    public HandshakeSummary withPeer(TrustStatus newTrust, Optional<String> newSubject) {
        return new HandshakeSummary(newTrust, version, cipherSuite, group, signatureScheme, newSubject, applicationProtocol,
                helloRetryRequest, resumed, earlyData);
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder()
                .append(trust).append(' ')
                .append(version == ProtocolVersion.TLS1_3 ? "TLSv1.3" : version == ProtocolVersion.TLS1_2 ? "TLSv1.2" : version.name())
                .append(' ').append(cipherSuite.name())
                .append(' ').append(group.map(NamedGroup::ianaName).orElse("psk_ke"));
        signatureScheme.ifPresent(s -> line.append(' ').append(s.name().toLowerCase(java.util.Locale.ROOT)));
        peerSubject.ifPresent(s -> line.append(" peer=").append(s));
        applicationProtocol.ifPresent(p -> line.append(" alpn=").append(p));
        if (helloRetryRequest) {
            line.append(" hrr");
        }
        if (resumed) {
            line.append(" resumed");
        }
        if (earlyData != EarlyDataStatus.NOT_OFFERED) {
            line.append(" early_data=").append(earlyData.name().toLowerCase(java.util.Locale.ROOT));
        }
        return line.toString();
    }
}
