package dev.tlsworkbook.tls12.client;

import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.connected.ExpectChangeCipherSpec;
import dev.tlsworkbook.tls12.connected.Tls12Connected;
import dev.tlsworkbook.tls12.connected.Tls12Session;
import dev.tlsworkbook.tls12.message.Tls12Finished;
import dev.tlsworkbook.tls12.resumption.Tls12ClientSession;
import java.util.Optional;

/**
 * Client, abbreviated handshake: the server's Finished (RFC 5246 §7.4.9) proves it holds the
 * session's master secret; then our ChangeCipherSpec and Finished, and the connection is up. The
 * session stays in the cache: under the new ticket if the server sent one, else under the one we
 * used (RFC 5077 lets a client present a ticket again; its lifetime still counts from the first).
 *
 * @since chapter05
 */
final class ExpectResumedFinished implements HandshakeState {
    private final ClientContext context;
    private final Tls12Session session;
    private final Transcript transcript;
    private final Tls12ClientSession resumed;


    /** Abbreviated handshake (RFC 5246 §7.3): the server's ChangeCipherSpec, then this state for its Finished. */
    static HandshakeState afterChangeCipherSpec(ClientContext context, Tls12Session session, Transcript transcript,
            Tls12ClientSession resumed) {
        return new ExpectChangeCipherSpec("ExpectResumedChangeCipherSpec(client)", session, true,
                () -> new ExpectResumedFinished(context, session, transcript, resumed));
    }

    ExpectResumedFinished(ClientContext context, Tls12Session session, Transcript transcript, Tls12ClientSession resumed) {
        this.context = context;
        this.session = session;
        this.transcript = transcript;
        this.resumed = resumed;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        Tls12Finished finished = Expect.message(frame, HandshakeType.FINISHED, name(), Tls12Finished::decode, out);
        session.checkFinished(false, transcript, finished);
        Transcript t = transcript.add(frame.wireBytes());
        // RFC 5246 §7.3: in the abbreviated handshake the client answers with its ChangeCipherSpec and Finished.
        out.sendChangeCipherSpec();
        session.installWrite(true, out);
        out.send(session.finished(true, t));
        // RFC 5246 §7.1: no change_cipher_spec after the handshake (we never renegotiate).
        out.changeCipherSpecMode(ChangeCipherSpecMode.REJECT);
        Tls12ClientResumption.file(context, context.newSession().or(() -> Optional.of(resumed)));
        PeerAuthentication auth = resumed.authentication();
        out.handshakeComplete(new HandshakeSummary(TrustStatus.of(auth), ProtocolVersion.TLS1_2, resumed.suite(), resumed.group(),
                Optional.empty(), auth.subject(), context.applicationProtocol(), false, true, EarlyDataStatus.NOT_OFFERED),
                resumed.peerChain());
        return new Tls12Connected(true);
    }

    @Override
    public String name() {
        return "ExpectResumedFinished(client)";
    }
}
