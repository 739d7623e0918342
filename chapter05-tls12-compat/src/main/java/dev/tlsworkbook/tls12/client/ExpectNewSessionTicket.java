package dev.tlsworkbook.tls12.client;

import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.tls12.connected.Tls12Session;
import dev.tlsworkbook.tls12.message.Tls12NewSessionTicket;
import dev.tlsworkbook.tls12.resumption.Tls12ClientSession;
import java.util.Optional;

/**
 * Client: the server's ServerHello carried session_ticket, so its NewSessionTicket (RFC 5077
 * §3.3) comes before its ChangeCipherSpec, in a full handshake after our Finished and in an
 * abbreviated one right after the ServerHello. The ticket is kept with the session and filed once
 * the server's Finished, which covers it, is verified.
 *
 * @since chapter05
 */
final class ExpectNewSessionTicket implements HandshakeState {
    private final ClientContext context;
    private final Tls12Session session;
    private final Transcript transcript;
    private final NamedGroup group;
    private final Optional<SignatureScheme> scheme;
    private final Optional<Tls12ClientSession> resuming;

    /**
     * @param scheme the ServerKeyExchange's scheme in a full handshake
     * @param resuming the session being resumed in an abbreviated handshake
     */
    ExpectNewSessionTicket(ClientContext context, Tls12Session session, Transcript transcript, NamedGroup group,
            Optional<SignatureScheme> scheme, Optional<Tls12ClientSession> resuming) {
        this.context = context;
        this.session = session;
        this.transcript = transcript;
        this.group = group;
        this.scheme = scheme;
        this.resuming = resuming;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        // RFC 5077 §3.3: "This message MUST be sent if the server included a SessionTicket extension in the
        // ServerHello"; anything else here (a ChangeCipherSpec included) is unexpected_message.
        Tls12NewSessionTicket ticket = Expect.message(frame, HandshakeType.NEW_SESSION_TICKET, name(),
                Tls12NewSessionTicket::decode, out);
        Transcript t = transcript.add(frame.wireBytes());
        ClientContext withTicket = context.withNewSession(
                Optional.of(Tls12ClientResumption.sessionFor(context, session, group, ticket)));
        return resuming.isPresent() ? ExpectResumedFinished.afterChangeCipherSpec(withTicket, session, t, resuming.get())
                : ExpectFinished.afterChangeCipherSpec(withTicket, session, t, group, scheme.orElseThrow());
    }

    @Override
    public String name() {
        return "ExpectNewSessionTicket(TLS 1.2)";
    }
}
