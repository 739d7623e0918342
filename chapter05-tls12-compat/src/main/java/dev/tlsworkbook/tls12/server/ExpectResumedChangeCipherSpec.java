package dev.tlsworkbook.tls12.server;

import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.tls12.connected.Tls12Session;

/**
 * Server, abbreviated handshake (RFC 5246 §7.3): our ChangeCipherSpec and Finished are out; the
 * client's ChangeCipherSpec switches its records to the resumed session's new keys.
 *
 * @since chapter05
 */
final class ExpectResumedChangeCipherSpec implements HandshakeState {
    private final Tls12Session session;
    private final Transcript transcript;
    private final HandshakeSummary summary;

    ExpectResumedChangeCipherSpec(Tls12Session session, Transcript transcript, HandshakeSummary summary) {
        this.session = session;
        this.transcript = transcript;
        this.summary = summary;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        // RFC 5246 §7.4.9: the client's Finished comes after its ChangeCipherSpec, under the new keys.
        throw Expect.unexpected(name() + " (change_cipher_spec)", frame, HandshakeType.FINISHED);
    }

    @Override
    public HandshakeState onChangeCipherSpec(HandshakeOutput out) {
        session.installRead(false, out);
        return new ExpectResumedFinished(session, transcript, summary);
    }

    @Override
    public String name() {
        return "ExpectResumedChangeCipherSpec(server)";
    }
}
