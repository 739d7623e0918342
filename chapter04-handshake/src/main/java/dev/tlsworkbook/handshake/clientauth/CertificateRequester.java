package dev.tlsworkbook.handshake.clientauth;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.CertificateVerifySignature;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.extension.CertificateAuthorities;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.state.Expect;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's side of client authentication (RFC 8446 §4.3.2, §4.4.2.4, §4.4.3): the
 * CertificateRequest it sends, then the judgement of the client's Certificate and the check of
 * its CertificateVerify against that request. Used during the handshake (empty context) and after
 * it (post-handshake authentication, §4.6.2, a fresh context per request).
 *
 * @param request the CertificateRequest as sent
 * @since chapter04
 */
public record CertificateRequester(TlsConfig config, CertificateRequest request, boolean required) {

    public CertificateRequester {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(request, "request");
    }

    /**
     * The CertificateRequest for {@code config} (RFC 8446 §4.3.2): signature_algorithms with the
     * schemes we accept in the client's CertificateVerify ("The "signature_algorithms" extension
     * MUST be specified"), and certificate_authorities (§4.2.4) naming the CAs of a configured CA
     * file, so a client with several chains can pick the right one.
     *
     * @param context empty during the handshake; unique per post-handshake request (§4.3.2)
     */
    public static CertificateRequester of(TlsConfig config, Opaque context, boolean required) {
        List<Extension> extensions = new ArrayList<>();
        List<Integer> listed = config.certificateRequestSignatureAlgorithms().isEmpty()
                ? acceptedSchemes(config).stream().map(SignatureScheme::code).toList()
                : config.certificateRequestSignatureAlgorithms();
        extensions.add(new SignatureAlgorithms(listed));
        List<Opaque> authorities = config.trustPolicy().certificateAuthorities().stream()
                .map(p -> Opaque.of(p.getEncoded())).toList();
        if (!authorities.isEmpty()) {
            extensions.add(new CertificateAuthorities(authorities));
        }
        CertificateRequest request = new CertificateRequest(context,
                new ExtensionBlock(ExtensionContext.CERTIFICATE_REQUEST, extensions));
        return new CertificateRequester(config, request, required);
    }

    /** The schemes we accept in the client's CertificateVerify: ours that TLS 1.3 allows there (RFC 8446 §4.4.3). */
    public static List<SignatureScheme> acceptedSchemes(TlsConfig config) {
        return config.signatureSchemes().stream().filter(SignatureScheme::allowedInTls13CertificateVerify).toList();
    }

    /**
     * Judges the client's Certificate (RFC 8446 §4.4.2, §4.4.2.4). An empty one is anonymous,
     * or certificate_required when {@link #required()}.
     */
    public ClientCertificate certificate(Certificate certificate) {
        // 1. RFC 8446 §4.4.2: certificate_request_context is "the same value" as in the CertificateRequest.
        Expect.check(certificate.certificateRequestContext().equals(request.certificateRequestContext()),
                Violation.BAD_CERTIFICATE_REQUEST_CONTEXT, "RFC 8446 §4.4.2: the client's certificate_request_context "
                        + certificate.certificateRequestContext() + " does not echo the request's "
                        + request.certificateRequestContext());
        // 2. RFC 8446 §4.4.2: CertificateEntry extensions must answer ones in the CertificateRequest.
        for (CertificateEntry entry : certificate.certificateList()) {
            entry.extensions().checkSolicited(request.extensions().types());
        }
        // 3. RFC 8446 §4.4.2.4: empty -> anonymous unless required (certificate_required); else the trust policy.
        List<X509Certificate> chain = CertificateChain.parse(
                certificate.certificateList().stream().map(CertificateEntry::certData).toList());
        PeerAuthentication authentication = config.trustPolicy().authenticateClient(chain, required);
        return new ClientCertificate(chain.isEmpty() ? Optional.empty() : Optional.of(new CertificateChain(chain)),
                authentication);
    }

    /**
     * Checks the client's CertificateVerify (RFC 8446 §4.4.3): the scheme must be one the request
     * offered ("MUST be one of those present in the supported_signature_algorithms field of the
     * "signature_algorithms" extension in the CertificateRequest message", else illegal_parameter),
     * and the signature, under the client context string, must verify (decrypt_error).
     */
    public SignatureScheme certificateVerify(CertificateVerify cv, CertificateChain chain, Opaque transcriptHash) {
        // Only schemes both listed and accepted by us: a replayed request's listing (TlsConfig
        // #certificateRequestSignatureAlgorithms) never widens what we verify.
        List<SignatureScheme> accepted = acceptedSchemes(config);
        List<SignatureScheme> offered = request.extensions().find(SignatureAlgorithms.class).orElseThrow()
                .supportedSignatureAlgorithms().stream().map(SignatureScheme::fromCode).flatMap(Optional::stream)
                .filter(accepted::contains).toList();
        return CertificateVerifySignature.verify(cv.algorithm(), offered, chain.publicKey(), transcriptHash, Side.CLIENT,
                cv.signature());
    }

    /**
     * What the client presented: its chain (empty for an anonymous client) and the policy's verdict.
     */
    public record ClientCertificate(Optional<CertificateChain> chain, PeerAuthentication authentication) {
        public ClientCertificate {
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(authentication, "authentication");
        }

        /** The certificates, end-entity first; empty for an anonymous client. */
        public List<X509Certificate> certificates() {
            return chain.map(CertificateChain::certificates).orElse(List.of());
        }
    }
}
