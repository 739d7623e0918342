package dev.tlsworkbook.handshake.clientauth;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.CertificateSelector;
import dev.tlsworkbook.handshake.auth.CertificateVerifySignature;
import dev.tlsworkbook.handshake.auth.SelectedCertificate;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.extension.CertificateAuthorities;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithmsCert;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.keyschedule.Transcript;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The client's side of client authentication (RFC 8446 §4.4.2, §4.4.3): checks a
 * CertificateRequest, picks one of the configured chains for it and sends Certificate and
 * CertificateVerify (signed under "TLS 1.3, client CertificateVerify"), or an empty Certificate
 * when none fits. The caller sends Finished, whose key differs between the handshake and
 * post-handshake authentication (§4.4).
 *
 * @since chapter04
 */
public final class CertificateResponder {
    private CertificateResponder() {
    }

    /** RFC 8446 §4.3.2: "The "signature_algorithms" extension MUST be specified" -> missing_extension (§9.2). */
    public static void checkRequest(CertificateRequest request) {
        Expect.check(request.extensions().contains(ExtensionType.SIGNATURE_ALGORITHMS), Violation.MISSING_EXTENSION,
                "RFC 8446 §4.3.2: the CertificateRequest has no signature_algorithms");
    }

    /**
     * Sends our answer to {@code request}: Certificate (echoing its context) and, when a chain was
     * chosen, CertificateVerify over the transcript through that Certificate.
     *
     * @param transcript the transcript through the CertificateRequest
     * @return the transcript through our last message
     */
    public static Transcript answer(TlsConfig config, CertificateRequest request, Transcript transcript,
            HandshakeOutput out) {
        Optional<SelectedCertificate> chosen = choose(config, request);
        List<CertificateEntry> entries = chosen.map(c -> c.certifiedKey().encodedChain().stream().map(CertificateEntry::of).toList())
                .orElse(List.of());
        // RFC 8446 §4.4.2: the context echoes the request's; no suitable certificate -> no certificates.
        Transcript t = transcript.add(out.send(new Certificate(request.certificateRequestContext(), entries)));
        if (chosen.isEmpty()) {
            return t;
        }
        // RFC 8446 §4.4.3: "If sent by a client, the signature algorithm used in the signature MUST be one of those
        // present in the supported_signature_algorithms field of the "signature_algorithms" extension in the
        // CertificateRequest message."
        SelectedCertificate c = chosen.get();
        Opaque signature = CertificateVerifySignature.sign(c.scheme(), c.certifiedKey().privateKey(), t.currentHash(),
                Side.CLIENT, config.random());
        return t.add(out.send(new CertificateVerify(c.scheme().code(), signature)));
    }

    /** The chain for {@code request}, chosen by its signature_algorithms, signature_algorithms_cert and certificate_authorities. */
    static Optional<SelectedCertificate> choose(TlsConfig config, CertificateRequest request) {
        if (config.certificates().isEmpty()) {
            return Optional.empty();
        }
        List<Integer> schemes = request.extensions().find(SignatureAlgorithms.class).orElseThrow()
                .supportedSignatureAlgorithms();
        Optional<List<Integer>> certSchemes = request.extensions().find(SignatureAlgorithmsCert.class)
                .map(SignatureAlgorithmsCert::supportedSignatureAlgorithms);
        List<X500Principal> authorities = request.extensions().find(CertificateAuthorities.class)
                .map(a -> principals(a.authorities())).orElse(List.of());
        return CertificateSelector.of(config.certificates()).selectForRequest(schemes, certSchemes, authorities);
    }

    /**
     * The names of a certificate_authorities list (RFC 8446 §4.2.4; TLS 1.2's CertificateRequest
     * carries the same DER DistinguishedNames, RFC 5246 §7.4.4); a name that does not parse matches
     * nothing and is left out.
     */
    public static List<X500Principal> principals(List<Opaque> der) {
        return der.stream().map(CertificateResponder::principal).flatMap(Optional::stream).toList();
    }

    /** A DER distinguished name; one that does not parse matches nothing. */
    private static Optional<X500Principal> principal(Opaque der) {
        try {
            return Optional.of(new X500Principal(der.bytes()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
