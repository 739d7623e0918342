package dev.tlsworkbook.tls12.client;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.handshake.extension.ServerName;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.tls12.connected.Tls12Session;
import dev.tlsworkbook.tls12.message.Tls12NewSessionTicket;
import dev.tlsworkbook.tls12.resumption.Tls12ClientSession;
import java.util.Optional;

/**
 * Client: TLS 1.2 session tickets (RFC 5077). The ticket is offered by {@code Tls12}'s
 * ClientHello contribution; here a ServerHello that echoes our session_id (§3.4) starts the
 * abbreviated handshake (RFC 5246 §7.3), after the checks that the server resumes the session we
 * offered as it was; and the sessions worth keeping are filed in the session cache.
 *
 * @since chapter05
 */
final class Tls12ClientResumption {
    private Tls12ClientResumption() {
    }

    /** The ServerHello in {@code context} resumes {@code offered}; {@code transcript} ends with it. */
    static HandshakeState onResumingServerHello(ClientContext context, Tls12ClientSession offered, Transcript transcript,
            HandshakeOutput out) {
        // 1. RFC 5246 §7.4.1.3: "For resumed sessions, this field is the value from the state of the session being
        //    resumed." Another suite -> illegal_parameter.
        Expect.check(context.suite() == offered.suite(), Violation.ILLEGAL_SERVER_HELLO, "RFC 5246 §7.4.1.3: the server "
                + "resumes our session with " + context.suite() + ", but the session was made with " + offered.suite());
        // 2. RFC 7627 §5.3: "If the original session did not use the "extended_master_secret" extension but the new
        //    ServerHello contains the extension, the client MUST abort the handshake"; and "If the original session
        //    used the extension but the new ServerHello does not contain the extension, the client MUST abort".
        Expect.check(context.extendedMasterSecret() == offered.extendedMasterSecret(), Violation.EXTENDED_MASTER_SECRET_MISMATCH,
                "RFC 7627 §5.3: the server resumes a session made " + (offered.extendedMasterSecret() ? "with" : "without")
                        + " extended_master_secret, " + (context.extendedMasterSecret() ? "with" : "without") + " it");
        // 3. RFC 5246 §7.4.1.2: the same master secret, keys from the new randoms. The peer is who it was.
        Tls12Session session = Tls12Session.resume(offered.suite(), offered.masterSecret(), context.sent().hello().random(),
                context.serverHello().random(), out);
        ClientContext resumed = context.withPeer(offered.peerChain(), offered.authentication());
        return context.ticketExpected()
                ? new ExpectNewSessionTicket(resumed, session, transcript, offered.group(), Optional.empty(), Optional.of(offered))
                : ExpectResumedFinished.afterChangeCipherSpec(resumed, session, transcript, offered);
    }

    /** The session a NewSessionTicket stands for (RFC 5077 §3.3: the ticket with "the master secret and other parameters"). */
    static Tls12ClientSession sessionFor(ClientContext context, Tls12Session session, dev.tlsworkbook.crypto.NamedGroup group,
            Tls12NewSessionTicket ticket) {
        return new Tls12ClientSession(ticket.ticket(), session.schedule().masterSecret(), context.suite(),
                context.extendedMasterSecret(), group,
                context.sent().hello().extensions().find(ServerName.class).flatMap(ServerName::hostName),
                context.authentication().orElseThrow(), context.peerChain(), context.config().clock().instant(),
                Tls12ClientSession.lifetimeFor(ticket.ticketLifetimeHint()));
    }

    /**
     * Files {@code session} under the server's name and port once the server's Finished is verified:
     * only one with an extended master secret (RFC 7627 §5.3: the client "SHOULD NOT offer" the
     * others), and an empty ticket, which RFC 5077 §3.3 lets a server send to mean "no ticket", is
     * not kept.
     */
    static void file(ClientContext context, Optional<Tls12ClientSession> session) {
        session.filter(s -> s.extendedMasterSecret() && !s.ticket().isEmpty())
                .ifPresent(s -> context.sent().cacheKey().ifPresent(k -> context.config().sessionCache().put(k, s)));
    }
}
