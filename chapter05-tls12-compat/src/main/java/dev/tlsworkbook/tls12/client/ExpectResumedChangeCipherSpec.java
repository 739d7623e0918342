package dev.tlsworkbook.tls12.client;

import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.tls12.connected.Tls12Session;
import dev.tlsworkbook.tls12.resumption.Tls12ClientSession;

/**
 * Client, abbreviated handshake (RFC 5246 §7.3): the server resumed our session; its
 * ChangeCipherSpec switches its records to the new keys before its Finished.
 *
 * @since chapter05
 */
final class ExpectResumedChangeCipherSpec implements HandshakeState {
    private final ClientContext context;
    private final Tls12Session session;
    private final Transcript transcript;
    private final Tls12ClientSession resumed;

    ExpectResumedChangeCipherSpec(ClientContext context, Tls12Session session, Transcript transcript,
            Tls12ClientSession resumed) {
        this.context = context;
        this.session = session;
        this.transcript = transcript;
        this.resumed = resumed;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        throw Expect.unexpected(name() + " (change_cipher_spec)", frame, HandshakeType.FINISHED);
    }

    @Override
    public HandshakeState onChangeCipherSpec(HandshakeOutput out) {
        session.installRead(true, out);
        return new ExpectResumedFinished(context, session, transcript, resumed);
    }

    @Override
    public String name() {
        return "ExpectResumedChangeCipherSpec(client)";
    }
}
