package dev.tlsworkbook.tls12.server;

import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import dev.tlsworkbook.tls12.connected.ExpectChangeCipherSpec;
import dev.tlsworkbook.tls12.connected.Tls12Connected;
import dev.tlsworkbook.tls12.connected.Tls12Session;
import dev.tlsworkbook.tls12.message.Tls12Finished;
import java.util.List;

/**
 * Server, abbreviated handshake: the client's Finished (RFC 5246 §7.4.9) over ClientHello,
 * ServerHello and our Finished proves it holds the session's master secret; the connection is up.
 *
 * @since chapter05
 */
final class ExpectResumedFinished implements HandshakeState {
    private final Tls12Session session;
    private final Transcript transcript;
    private final HandshakeSummary summary;


    /** Abbreviated handshake (RFC 5246 §7.3): the client's ChangeCipherSpec, then this state for its Finished. */
    static HandshakeState afterChangeCipherSpec(Tls12Session session, Transcript transcript, HandshakeSummary summary) {
        return new ExpectChangeCipherSpec("ExpectResumedChangeCipherSpec(server)", session, false,
                () -> new ExpectResumedFinished(session, transcript, summary));
    }

    ExpectResumedFinished(Tls12Session session, Transcript transcript, HandshakeSummary summary) {
        this.session = session;
        this.transcript = transcript;
        this.summary = summary;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        Tls12Finished finished = Expect.message(frame, HandshakeType.FINISHED, name(), Tls12Finished::decode, out);
        session.checkFinished(true, transcript, finished);
        // RFC 5246 §7.1: no change_cipher_spec after the handshake (we never renegotiate).
        out.changeCipherSpecMode(ChangeCipherSpecMode.REJECT);
        out.handshakeComplete(summary, List.of());
        return new Tls12Connected(false);
    }

    @Override
    public String name() {
        return "ExpectResumedFinished(server)";
    }
}
