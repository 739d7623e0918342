package dev.tlsworkbook.tls12.server;

import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.tls12.clientauth.Tls12CertificateRequester;
import dev.tlsworkbook.tls12.connected.Tls12Session;
import dev.tlsworkbook.handshake.message.CertificateVerify;

/**
 * Server: the client presented a certificate, so after ClientKeyExchange it must prove it holds
 * the key: CertificateVerify, signed over every handshake message so far (RFC 5246 §7.4.8).
 *
 * @since chapter05
 */
final class ExpectCertificateVerify implements HandshakeState {
    private final ServerContext context;
    private final Tls12Session session;
    private final Transcript transcript;

    ExpectCertificateVerify(ServerContext context, Tls12Session session, Transcript transcript) {
        this.context = context;
        this.session = session;
        this.transcript = transcript;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        // 1. RFC 5246 §7.4.8: "This message is used to provide explicit verification of a client certificate. This
        //    message is only sent following a client certificate that has signing capability" -> a client that
        //    skips it (a ChangeCipherSpec now, or Finished) is refused: unexpected_message.
        CertificateVerify verify = Expect.message(frame, HandshakeType.CERTIFICATE_VERIFY, name(),
                CertificateVerify::decode, out);
        // 2. RFC 5246 §7.4.8: a scheme we requested (illegal_parameter), a signature over handshake_messages that
        //    verifies with the certificate's key (decrypt_error).
        Tls12CertificateRequester.certificateVerify(context.config(), verify, context.client().chain().orElseThrow(), transcript);
        return ExpectFinished.afterChangeCipherSpec(context, session, transcript.add(frame.wireBytes()));
    }

    @Override
    public String name() {
        return "ExpectCertificateVerify(TLS 1.2)";
    }
}
