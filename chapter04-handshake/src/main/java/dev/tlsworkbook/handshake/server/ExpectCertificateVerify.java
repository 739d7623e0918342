package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.handshake.clientauth.CertificateRequester;
import dev.tlsworkbook.handshake.clientauth.CertificateRequester.ClientCertificate;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;

/**
 * Server, WAIT_CV (RFC 8446 Appendix A.2): the client proves it holds its certificate's key by
 * signing the transcript through its Certificate under "TLS 1.3, client CertificateVerify"
 * (§4.4.3), with a scheme from our CertificateRequest.
 *
 * @since chapter04
 */
public final class ExpectCertificateVerify implements HandshakeState {
    private final CertificateRequester requester;
    private final ClientCertificate presented;
    private final Transcript transcript;
    private final ExpectFinished next;

    ExpectCertificateVerify(CertificateRequester requester, ClientCertificate presented, Transcript transcript,
            ExpectFinished next) {
        this.requester = requester;
        this.presented = presented;
        this.transcript = transcript;
        this.next = next;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        CertificateVerify cv = Expect.message(frame, HandshakeType.CERTIFICATE_VERIFY, name(), CertificateVerify::decode, out);
        requester.certificateVerify(cv, presented.chain().orElseThrow(), transcript.currentHash());
        return next.withClient(transcript.add(frame.wireBytes()), presented);
    }
}
