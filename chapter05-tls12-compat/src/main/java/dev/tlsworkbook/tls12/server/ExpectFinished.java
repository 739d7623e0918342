package dev.tlsworkbook.tls12.server;

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
 * Server: the client's Finished (RFC 5246 §7.4.9); then our ChangeCipherSpec and Finished, and
 * the connection is up.
 *
 * @since chapter05
 */
final class ExpectFinished implements HandshakeState {
    private final ServerContext context;
    private final Tls12Session session;
    private final Transcript transcript;


    /** The client's ChangeCipherSpec, then this state for its Finished (RFC 5246 §7.1, §7.4.9). */
    static HandshakeState afterChangeCipherSpec(ServerContext context, Tls12Session session, Transcript transcript) {
        return new ExpectChangeCipherSpec("ExpectChangeCipherSpec(server)", session, false,
                () -> new ExpectFinished(context, session, transcript));
    }

    ExpectFinished(ServerContext context, Tls12Session session, Transcript transcript) {
        this.context = context;
        this.session = session;
        this.transcript = transcript;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        Tls12Finished finished = Expect.message(frame, HandshakeType.FINISHED, name(), Tls12Finished::decode, out);
        session.checkFinished(true, transcript, finished);
        Transcript t = transcript.add(frame.wireBytes());
        if (context.issueTicket()) {
            // RFC 5077 §3.3: "This message MUST be sent if the server included a SessionTicket extension in the
            // ServerHello", after the client's Finished and before our ChangeCipherSpec.
            t = t.add(out.send(Tls12ServerResumption.newSessionTicket(context, session)));
        }
        out.changeCipherSpecMode(ChangeCipherSpecMode.REJECT);
        out.sendChangeCipherSpec();
        session.installWrite(false, out);
        out.send(session.finished(false, t));
        // The client's certificate, if it presented one (RFC 5246 §7.4.6), judged as in TLS 1.3.
        var client = context.client();
        out.handshakeComplete(new HandshakeSummary(TrustStatus.of(client.authentication()), ProtocolVersion.TLS1_2,
                context.suite(), context.group(), Optional.of(context.scheme()), client.authentication().subject(),
                context.applicationProtocol(), false), client.certificates());
        return new Tls12Connected(false);
    }

    @Override
    public String name() {
        return "ExpectFinished(TLS 1.2)";
    }
}
