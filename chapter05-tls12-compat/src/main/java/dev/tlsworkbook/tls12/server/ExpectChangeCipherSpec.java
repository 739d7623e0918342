package dev.tlsworkbook.tls12.server;

import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.tls12.connected.Tls12Session;

/**
 * Server: the client's ChangeCipherSpec switches its records to the new keys (RFC 5246 §7.1).
 *
 * @since chapter05
 */
final class ExpectChangeCipherSpec implements HandshakeState {
    private final ServerContext context;
    private final Tls12Session session;
    private final Transcript transcript;

    ExpectChangeCipherSpec(ServerContext context, Tls12Session session, Transcript transcript) {
        this.context = context;
        this.session = session;
        this.transcript = transcript;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        // RFC 5246 §7.4.9: Finished must come after the ChangeCipherSpec, under the new keys.
        throw Expect.unexpected(name() + " (change_cipher_spec)", frame, HandshakeType.FINISHED);
    }

    @Override
    public HandshakeState onChangeCipherSpec(HandshakeOutput out) {
        session.installRead(false, out);
        return new ExpectFinished(context, session, transcript);
    }

    @Override
    public String name() {
        return "ExpectChangeCipherSpec(server)";
    }
}
