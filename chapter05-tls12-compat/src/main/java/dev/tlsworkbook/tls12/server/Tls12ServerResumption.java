package dev.tlsworkbook.tls12.server;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.connected.Tls12Session;
import dev.tlsworkbook.tls12.message.Tls12Extension;
import dev.tlsworkbook.tls12.message.Tls12NewSessionTicket;
import dev.tlsworkbook.tls12.message.Tls12ServerHello;
import dev.tlsworkbook.tls12.resumption.Tls12TicketState;
import dev.tlsworkbook.tls12.resumption.Tls12Tickets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server: TLS 1.2 session tickets (RFC 5077). Issues a ticket after a full handshake, and answers
 * a ClientHello carrying a ticket it can open and may honour with the abbreviated handshake
 * (RFC 5246 §7.3, RFC 5077 §3.1 figure 2):
 *
 * <pre>
 * ClientHello (session_ticket)  --------&gt;
 *                                            ServerHello (echoes the session_id)
 *                                            [ChangeCipherSpec]
 *                               &lt;--------   Finished
 * [ChangeCipherSpec]
 * Finished                      --------&gt;
 * </pre>
 *
 * Any ticket it cannot honour gives a full handshake, except a session made with RFC 7627's
 * extended master secret offered without it, which aborts (§5.3). Session-ID resumption from a
 * server-side cache is not offered: tickets keep the server stateless.
 *
 * @since chapter05
 */
public final class Tls12ServerResumption {
    private static final Logger LOG = LoggerFactory.getLogger(Tls12ServerResumption.class);

    private Tls12ServerResumption() {
    }

    /**
     * The abbreviated handshake for {@code ticket}, or empty for a full one.
     *
     * @param ems whether this ClientHello offers extended_master_secret
     * @param alpn the protocol chosen for this connection (RFC 7301 §3.2: chosen anew on resumption)
     * @param extensions the ServerHello extensions the full handshake would send (renegotiation_info,
     *     extended_master_secret, ec_point_formats, ALPN)
     */
    static Optional<HandshakeState> tryResume(TlsConfig config, ClientHello ch, HandshakeFrame frame, Opaque ticket, boolean ems,
            Optional<String> serverName, Optional<String> alpn, List<Tls12Extension> extensions, HandshakeOutput out) {
        if (ticket.isEmpty()) {
            return Optional.empty();
        }
        // 1. RFC 5077 §3.1: a ticket we cannot open (not ours, tampered with, key rotated out, a TLS 1.3 ticket)
        //    or past its lifetime (§5.6) -> full handshake.
        Instant now = config.clock().instant();
        Optional<Tls12TicketState> opened = Tls12Tickets.redeem(config.sealer(), ticket).filter(s -> s.validAt(now));
        if (opened.isEmpty()) {
            LOG.debug("TLS 1.2 ticket not accepted (unknown, tampered with or expired): full handshake");
            return Optional.empty();
        }
        Tls12TicketState state = opened.get();
        // 2. RFC 7627 §5.3: "If the original session used the "extended_master_secret" extension but the new
        //    ClientHello does not contain it, the server MUST abort the abbreviated handshake."
        Expect.check(ems || !state.extendedMasterSecret(), Violation.EXTENDED_MASTER_SECRET_MISMATCH,
                "RFC 7627 §5.3: the client resumes a session made with extended_master_secret but does not offer it");
        // 3. RFC 7627 §5.3: "If the original session did not use the "extended_master_secret" extension but the new
        //    ClientHello contains the extension, then the server MUST NOT perform the abbreviated handshake. Instead,
        //    it SHOULD continue with a full handshake". Where neither uses it the RFC says the server "SHOULD abort";
        //    we do not resume insecurely either, and give that old client a full handshake instead.
        if (!state.extendedMasterSecret()) {
            LOG.debug("TLS 1.2 ticket for a session without extended_master_secret: full handshake");
            return Optional.empty();
        }
        // 4. RFC 5246 §7.4.1.2: the resuming ClientHello "MUST include at least the cipher_suite from that session",
        //    and we must still enable it; otherwise a new session.
        if (!ch.cipherSuites().contains(state.suite().code()) || !config.cipherSuites(ProtocolVersion.TLS1_2).contains(state.suite())) {
            LOG.debug("TLS 1.2 ticket for {}, which this handshake cannot use: full handshake", state.suite());
            return Optional.empty();
        }
        // 5. RFC 6066 §3: "A server that implements this extension MUST NOT accept the request to resume the session
        //    if the server_name extension contains a different name. Instead, it proceeds with a full handshake".
        if (!sameName(state.serverName(), serverName)) {
            LOG.debug("TLS 1.2 ticket for server_name {} offered for {}: full handshake", state.serverName().orElse("-"),
                    serverName.orElse("-"));
            return Optional.empty();
        }
        // The abbreviated handshake. RFC 5077 §3.4: "If the server accepts the ticket and the Session ID is not
        // empty, then it MUST respond with the same Session ID present in the ClientHello."
        Opaque random = Tls12ServerStart.serverRandom(config);
        Tls12ServerHello sh = new Tls12ServerHello(ProtocolVersion.TLS1_2.code(), random, ch.legacySessionId(),
                state.suite().code(), 0, extensions);
        Transcript t = Transcript.of(state.suite().hash().orElseThrow()).add(frame.wireBytes());
        t = t.add(out.send(sh));
        Tls12Session session = Tls12Session.resume(state.suite(), state.masterSecret(), ch.random(), random, out);
        // RFC 5246 §7.3: in the abbreviated handshake the server sends its ChangeCipherSpec and Finished first.
        out.sendChangeCipherSpec();
        session.installWrite(false, out);
        t = t.add(out.send(session.finished(false, t)));
        HandshakeSummary summary = new HandshakeSummary(TrustStatus.ANONYMOUS, ProtocolVersion.TLS1_2, state.suite(), state.group(),
                Optional.empty(), Optional.empty(), alpn, false, true, EarlyDataStatus.NOT_OFFERED);
        return Optional.of(ExpectResumedFinished.afterChangeCipherSpec(session, t, summary));
    }

    /** RFC 5077 §3.3: the ticket for the session a full handshake just made, sealed under the current key. */
    static Tls12NewSessionTicket newSessionTicket(ServerContext context, Tls12Session session) {
        TlsConfig config = context.config();
        long lifetime = config.ticketLifetime().toSeconds();
        Tls12TicketState state = new Tls12TicketState(context.suite(), session.schedule().masterSecret(),
                context.extendedMasterSecret(), context.group(), config.clock().instant(), lifetime, context.serverName());
        return new Tls12NewSessionTicket(lifetime, Tls12Tickets.issue(config.sealer(), state));
    }

    private static boolean sameName(Optional<String> original, Optional<String> now) {
        return original.map(n -> n.toLowerCase(Locale.ROOT)).equals(now.map(n -> n.toLowerCase(Locale.ROOT)));
    }
}
