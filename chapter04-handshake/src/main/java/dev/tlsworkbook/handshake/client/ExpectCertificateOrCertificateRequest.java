package dev.tlsworkbook.handshake.client;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.clientauth.CertificateResponder;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Client, WAIT_CERT_CR and WAIT_CERT (RFC 8446 Appendix A.1): the server's Certificate (§4.4.2),
 * possibly preceded by a CertificateRequest (§4.3.2). A request is remembered and answered in our
 * second flight with one of our chains that fits it, or an empty Certificate (§4.4.2: "If the
 * server requests client authentication but no suitable certificate is available, the client MUST
 * send a Certificate message containing no certificates").
 *
 * @since chapter04
 */
public final class ExpectCertificateOrCertificateRequest implements HandshakeState {
    private final ClientHandshake handshake;
    private final Transcript transcript;
    private final Optional<CertificateRequest> request;

    ExpectCertificateOrCertificateRequest(ClientHandshake handshake, Transcript transcript,
            Optional<CertificateRequest> request) {
        this.handshake = handshake;
        this.transcript = transcript;
        this.request = request;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (request.isEmpty() && frame.is(HandshakeType.CERTIFICATE_REQUEST)) {
            return certificateRequest(frame, out);
        }
        if (!frame.is(HandshakeType.CERTIFICATE)) {
            throw request.isEmpty()
                    ? Expect.unexpected(name(), frame, HandshakeType.CERTIFICATE, HandshakeType.CERTIFICATE_REQUEST)
                    : Expect.unexpected(name(), frame, HandshakeType.CERTIFICATE);
        }
        Certificate certificate = Expect.message(frame, HandshakeType.CERTIFICATE, name(), Certificate::decode, out);
        // 1. RFC 8446 §4.4.2: "In the case of server authentication, this field SHALL be zero length."
        Expect.check(certificate.certificateRequestContext().isEmpty(), Violation.ILLEGAL_SERVER_HELLO,
                "RFC 8446 §4.4.2: the server's certificate_request_context is not empty");
        // 2. RFC 8446 §4.4.2: CertificateEntry extensions must answer ones in our ClientHello.
        for (CertificateEntry entry : certificate.certificateList()) {
            entry.extensions().checkSolicited(handshake.offer().offeredExtensions());
        }
        // 3. RFC 8446 §4.4.2.4: "If the server supplies an empty Certificate message, the client MUST abort the
        //    handshake with a "decode_error" alert."
        Expect.check(!certificate.certificateList().isEmpty(), Violation.EMPTY_SERVER_CERTIFICATE,
                "RFC 8446 §4.4.2.4: the server sent an empty Certificate message");
        // 4. RFC 8446 §4.4.2.4: the chain is checked by the trust policy (bad_certificate, unknown_ca,
        //    certificate_expired, ... each named by the policy).
        List<X509Certificate> certificates = CertificateChain.parse(
                certificate.certificateList().stream().map(CertificateEntry::certData).toList());
        PeerAuthentication authentication = authenticate(certificates);
        return new ExpectCertificateVerify(handshake, transcript.add(frame.wireBytes()), request,
                new CertificateChain(certificates), authentication);
    }

    private HandshakeState certificateRequest(HandshakeFrame frame, HandshakeOutput out) {
        CertificateRequest cr = Expect.message(frame, HandshakeType.CERTIFICATE_REQUEST, name(), CertificateRequest::decode, out);
        // RFC 8446 §4.3.2: "The "signature_algorithms" extension MUST be specified" -> missing_extension (§9.2).
        CertificateResponder.checkRequest(cr);
        // RFC 8446 §4.3.2: the context "SHALL be zero length unless used for the post-handshake authentication".
        Expect.check(cr.certificateRequestContext().isEmpty(), Violation.ILLEGAL_SERVER_HELLO,
                "RFC 8446 §4.3.2: a handshake CertificateRequest has a non-empty certificate_request_context");
        return new ExpectCertificateOrCertificateRequest(handshake, transcript.add(frame.wireBytes()), Optional.of(cr));
    }

    private PeerAuthentication authenticate(List<X509Certificate> certificates) {
        Optional<String> reference = handshake.offer().serverName();
        return reference.isPresent()
                ? handshake.config().trustPolicy().authenticateServer(certificates, reference.get())
                : handshake.config().trustPolicy().evaluate(new CertificateChain(certificates), Optional.empty(), Side.SERVER);
    }
}
