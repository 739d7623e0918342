package dev.tlsworkbook.tls12.client;

import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
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
import java.util.Optional;

/**
 * Client: the server's Finished (RFC 5246 §7.4.9), under its new keys, proves it saw the same
 * handshake; then the connection is up.
 *
 * @since chapter05
 */
final class ExpectFinished implements HandshakeState {
    private final ClientContext context;
    private final Tls12Session session;
    private final Transcript transcript;
    private final NamedGroup group;
    private final SignatureScheme scheme;


    /** The server's ChangeCipherSpec, then this state for its Finished (RFC 5246 §7.1, §7.4.9). */
    static HandshakeState afterChangeCipherSpec(ClientContext context, Tls12Session session, Transcript transcript,
            NamedGroup group, SignatureScheme scheme) {
        return new ExpectChangeCipherSpec("ExpectChangeCipherSpec(client)", session, true,
                () -> new ExpectFinished(context, session, transcript, group, scheme));
    }

    ExpectFinished(ClientContext context, Tls12Session session, Transcript transcript, NamedGroup group,
            SignatureScheme scheme) {
        this.context = context;
        this.session = session;
        this.transcript = transcript;
        this.group = group;
        this.scheme = scheme;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        Tls12Finished finished = Expect.message(frame, HandshakeType.FINISHED, name(), Tls12Finished::decode, out);
        session.checkFinished(false, transcript, finished);
        Tls12ClientResumption.file(context, context.newSession());
        // RFC 5246 §7.1: no change_cipher_spec after the handshake (we never renegotiate).
        out.changeCipherSpecMode(ChangeCipherSpecMode.REJECT);
        var auth = context.authentication().orElseThrow();
        out.handshakeComplete(new HandshakeSummary(TrustStatus.of(auth), ProtocolVersion.TLS1_2, context.suite(), group,
                Optional.of(scheme), auth.subject(), context.applicationProtocol(), false), context.peerChain());
        return new Tls12Connected(true);
    }

    @Override
    public String name() {
        return "ExpectFinished(TLS 1.2)";
    }
}
