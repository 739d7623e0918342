package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.handshake.clientauth.CertificateRequester;
import dev.tlsworkbook.handshake.clientauth.CertificateRequester.ClientCertificate;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;

/**
 * Server, WAIT_CERT (RFC 8446 Appendix A.2): we sent a CertificateRequest, so the client's second
 * flight starts with its Certificate (§4.4.2), empty when it has none. An empty one leads straight
 * to WAIT_FINISHED (or certificate_required, §4.4.2.4), a chain to WAIT_CV.
 *
 * @since chapter04
 */
public final class ExpectCertificate implements HandshakeState {
    private final CertificateRequester requester;
    private final ExpectFinished next;

    ExpectCertificate(CertificateRequester requester, ExpectFinished next) {
        this.requester = requester;
        this.next = next;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        // RFC 8446 §4.4.2: "The client MUST send a Certificate message if and only if the server has requested
        // client authentication via a CertificateRequest message" -> anything else here is unexpected_message.
        Certificate certificate = Expect.message(frame, HandshakeType.CERTIFICATE, name(), Certificate::decode, out);
        ClientCertificate presented = requester.certificate(certificate);
        Transcript t = next.transcript().add(frame.wireBytes());
        return presented.chain().isEmpty() ? next.withClient(t, presented)
                : new ExpectCertificateVerify(requester, presented, t, next);
    }
}
