package dev.tlsworkbook.tls12.clientauth;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.CertificateSelector;
import dev.tlsworkbook.handshake.auth.KeyType;
import dev.tlsworkbook.handshake.auth.SelectedCertificate;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.clientauth.CertificateResponder;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.negotiation.ServerKeyExchangeSignature;
import dev.tlsworkbook.tls12.message.Tls12Certificate;
import dev.tlsworkbook.tls12.message.Tls12CertificateRequest;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The client's side of TLS 1.2 client authentication: picks one of the configured chains for a
 * CertificateRequest with chapter 4's {@link CertificateSelector} (RFC 5246 §7.4.6), and signs
 * CertificateVerify over the handshake messages (§7.4.8).
 *
 * @since chapter05
 */
public final class Tls12CertificateResponder {
    private Tls12CertificateResponder() {
    }

    /**
     * The chain for {@code request}, or empty when none fits. RFC 5246 §7.4.6: the key must match
     * one of certificate_types and sign with a scheme of supported_signature_algorithms; a chain
     * issued under one of certificate_authorities is preferred (the selector's rule for TLS 1.3's
     * certificate_authorities, §7.4.4 has the same list).
     */
    public static Optional<SelectedCertificate> choose(TlsConfig config, Tls12CertificateRequest request) {
        if (config.certificates().isEmpty()) {
            return Optional.empty();
        }
        Set<KeyType> types = new HashSet<>();
        request.certificateTypes().forEach(t -> {
            if (t == Tls12CertificateRequester.RSA_SIGN) {
                types.add(KeyType.RSA);
            } else if (t == Tls12CertificateRequester.ECDSA_SIGN) {
                types.add(KeyType.EC);
            }
        });
        // Unknown codes are skipped, never rejected (GREASE, RFC 8701); only schemes TLS 1.2 allows for a requested type.
        List<Integer> schemes = request.supportedSignatureAlgorithms().stream()
                .filter(code -> SignatureScheme.fromCode(code).filter(ServerKeyExchangeSignature.ALLOWED::contains)
                        .filter(s -> types.contains(s.keyType())).isPresent())
                .toList();
        return CertificateSelector.of(config.certificates()).selectForRequest(schemes, Optional.empty(),
                CertificateResponder.principals(request.certificateAuthorities()));
    }

    /**
     * Our Certificate: the chosen chain, or none. RFC 5246 §7.4.6: "If no suitable certificate is
     * available, the client MUST send a certificate message containing no certificates."
     */
    public static Tls12Certificate certificate(Optional<SelectedCertificate> chosen) {
        return new Tls12Certificate(chosen.map(c -> c.chain().encoded()).orElse(List.of()));
    }

    /**
     * Our CertificateVerify (RFC 5246 §7.4.8): the chosen scheme's signature over the handshake
     * messages "starting at client hello and up to, but not including, this message".
     *
     * @param transcript a transcript that {@link Transcript#retainsMessages() retains messages},
     *     through our ClientKeyExchange
     */
    public static CertificateVerify certificateVerify(TlsConfig config, SelectedCertificate chosen, Transcript transcript) {
        return new CertificateVerify(chosen.scheme().code(), ServerKeyExchangeSignature.sign(chosen.scheme(),
                chosen.certifiedKey().privateKey(), transcript.messages(), config.random()));
    }
}
