package dev.tlsworkbook.tls12;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.engine.Peers;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.UnknownExtension;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.resumption.SessionCache;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.negotiation.Tls12Suites;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.message.SessionTicket;
import dev.tlsworkbook.tls12.message.Tls12Extension;
import dev.tlsworkbook.tls12.message.Tls12ServerHello;
import dev.tlsworkbook.tls12.resumption.Tls12ClientSession;
import dev.tlsworkbook.tls12.resumption.Tls12TicketState;
import dev.tlsworkbook.tls12.resumption.Tls12Tickets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS 1.2 resumption with session tickets (RFC 5077), ours against ours in memory: the abbreviated
 * handshake over every suite, the cases that fall back to a full handshake, and scripted peers
 * breaking RFC 7627 §5.3 (EMS on resumption) and RFC 5246 §7.4.1.3 (same suite), each asserting
 * the exact Violation and alert.
 */
class Tls12ResumptionTest {
    private static final int PORT = 4433;
    private static final String KEY = SessionCache.key("localhost", PORT);

    static List<CipherSuite> suites() {
        return Tls12Suites.DEFAULT;
    }

    private static KeyKind keyFor(CipherSuite suite) {
        return suite.keyExchange() == CipherSuite.KeyExchangeMethod.ECDHE_ECDSA ? KeyKind.EC_P256 : KeyKind.RSA_2048;
    }

    /** One connection, handshake and a line each way; returns {client, server}. */
    private static TlsEngine[] connect(TlsConfig client, TlsConfig server) {
        TlsEngine c = TlsEngine.client(client, "localhost", PORT);
        TlsEngine s = TlsEngine.server(server);
        Versions.connectAndTalk(c, s);
        return new TlsEngine[] {c, s};
    }

    @ParameterizedTest
    @MethodSource("suites")
    void theSecondConnectionResumesOverEverySuite(CipherSuite suite) {
        TlsConfig server = Versions.tls12Server(300, keyFor(suite)).build();
        TlsConfig client = Versions.tls12Client(301).cipherSuites(suite).build();
        TlsEngine[] first = connect(client, server);
        assertFalse(first[0].summary().orElseThrow().resumed());
        assertEquals(1, client.sessionCache().size(KEY), "RFC 5077 §3.3: the ticket is filed under name and port");

        TlsEngine[] second = connect(client, server);
        HandshakeSummary c = second[0].summary().orElseThrow();
        HandshakeSummary s = second[1].summary().orElseThrow();
        assertTrue(c.resumed());
        assertTrue(s.resumed());
        assertEquals(ProtocolVersion.TLS1_2, c.version());
        assertEquals(suite, c.cipherSuite());
        assertEquals(suite, s.cipherSuite());
        // The resumption inherits the first connection's authentication; no signature was made.
        assertEquals(TrustStatus.TRUSTED, c.trust());
        assertEquals(Optional.empty(), c.signatureScheme());
        assertEquals(first[0].peerCertificates(), second[0].peerCertificates());
        assertTrue(c.toString().endsWith(" resumed"), c.toString());
        // The session stays for the next connection, which resumes again.
        assertEquals(1, client.sessionCache().size(KEY));
        assertTrue(connect(client, server)[0].summary().orElseThrow().resumed());
    }

    @Test
    void aClientOfBothVersionsResumesTls12WithATls12OnlyServer() {
        TlsConfig server = Versions.tls12Server(302).build();
        TlsConfig client = Versions.bothClient(303).build();
        connect(client, server);
        HandshakeSummary second = connect(client, server)[0].summary().orElseThrow();
        assertEquals(ProtocolVersion.TLS1_2, second.version());
        assertTrue(second.resumed());
    }

    @Test
    void aTls12SessionIsNeverResumedAsTls13() {
        // The same client first meets a TLS 1.2-only server, then (same name and port) one that speaks TLS 1.3:
        // the TLS 1.2 ticket is offered in session_ticket only, so the TLS 1.3 handshake is a full one.
        TlsConfig client = Versions.bothClient(304).build();
        TlsConfig tls12 = Versions.tls12Server(305).build();
        connect(client, tls12);
        TlsConfig both = Versions.bothServer(306).ticketKeys(tls12.sealer().keys()).build();
        HandshakeSummary second = connect(client, both)[0].summary().orElseThrow();
        assertEquals(ProtocolVersion.TLS1_3, second.version());
        assertFalse(second.resumed());
        // And TLS 1.3 tickets are not taken as TLS 1.2 sessions.
        assertTrue(client.sessionCache().take(KEY, Peers.NOW.instant(), Tls12ClientSession.class).isEmpty());
    }

    @Test
    void theTicketIsNeverOfferedToAnotherServer() {
        TlsConfig server = Versions.tls12Server(307).build();
        TlsConfig client = Versions.tls12Client(308).build();
        connect(client, server);
        // Same name, another port: another server as far as the cache is concerned (RFC 8446 §4.6.1's rule, kept).
        List<Opaque> tickets = new ArrayList<>();
        TlsConfig watching = Versions.tls12Client(308).sessionCache(client.sessionCache()).traceListener(sentTickets(tickets)).build();
        TlsEngine c = TlsEngine.client(watching, "localhost", PORT + 1);
        Versions.connectAndTalk(c, TlsEngine.server(server));
        assertFalse(c.summary().orElseThrow().resumed());
        // Another name on the same port (the certificate also names 127.0.0.1): nothing offered either.
        TlsEngine ip = TlsEngine.client(watching, "127.0.0.1", PORT);
        Versions.connectAndTalk(ip, TlsEngine.server(server));
        assertFalse(ip.summary().orElseThrow().resumed());
        assertEquals(List.of(Opaque.EMPTY, Opaque.EMPTY), tickets, "an empty session_ticket: ready for a ticket, offering none");
        assertEquals(1, client.sessionCache().size(KEY));
    }

    @Test
    void aTicketFromAnotherServerOrTamperedWithGivesAFullHandshake() {
        TlsConfig client = Versions.tls12Client(309).build();
        connect(client, Versions.tls12Server(310).build());
        // A restarted server has fresh ticket keys (RFC 5077 §3.1: "falls back to performing a full handshake").
        TlsEngine[] second = connect(client, Versions.tls12Server(311).build());
        assertFalse(second[0].summary().orElseThrow().resumed());
        assertFalse(second[1].summary().orElseThrow().resumed());
        // The full handshake's new ticket replaces the old one.
        assertEquals(1, client.sessionCache().size(KEY));
    }

    @Test
    void aServerWithoutTicketsNeitherIssuesNorResumes() {
        TlsConfig server = Versions.tls12Server(312).ticketCount(0).build();
        TlsConfig client = Versions.tls12Client(313).build();
        connect(client, server);
        assertEquals(0, client.sessionCache().size(KEY));
    }

    @Test
    void aServerIssuesNoTicketForASessionWithoutEms() {
        // RFC 7627 §5.3: such a session is never resumed, so its ticket would be of no use; the ServerHello
        // promises none (RFC 5077 §3.2) and none follows.
        TlsEngine c = TlsEngine.client(Versions.tls12Client(334).build(), "localhost", PORT);
        TlsEngine s = TlsEngine.server(Versions.tls12Server(335).build());
        byte[] hello = Flight.rewrite(Peers.drain(c), f -> editClientHello(f, ch -> without(ch, ExtensionType.EXTENDED_MASTER_SECRET)));
        s.receive(hello, 0, hello.length);
        byte[] flight = Peers.drain(s);
        List<Tls12ServerHello> hellos = new ArrayList<>();
        Flight.rewrite(flight, f -> {
            if (f.is(HandshakeType.SERVER_HELLO)) {
                hellos.add(Tls12ServerHello.decode(f.bodyReader()));
            }
            return f;
        });
        Tls12ServerHello sh = hellos.get(0);
        assertTrue(Tls12Extension.find(sh.extensions(), ExtensionType.SESSION_TICKET).isEmpty(), sh.traceFields());
        assertTrue(Tls12Extension.find(sh.extensions(), ExtensionType.EXTENDED_MASTER_SECRET).isEmpty());
    }

    @Test
    void aTicketForAnotherServerNameGivesAFullHandshake() {
        // RFC 6066 §3: the server "MUST NOT accept the request to resume the session if the server_name extension
        // contains a different name". The ticket was issued to "localhost"; the client offers it for 127.0.0.1.
        TlsConfig server = Versions.tls12Server(314).build();
        TlsConfig client = Versions.tls12Client(315).build();
        connect(client, server);
        Tls12ClientSession session = client.sessionCache().take(KEY, Peers.NOW.instant(), Tls12ClientSession.class).orElseThrow();
        TlsConfig other = Versions.tls12Client(316).build();
        TlsEngine s = TlsEngine.server(server);
        // The ticket names "localhost"; this ClientHello names nothing (an IP literal is never sent as server_name).
        TlsEngine ip = TlsEngine.client(withTicket(other, "127.0.0.1", session), "127.0.0.1", PORT);
        Versions.connectAndTalk(ip, s);
        assertFalse(ip.summary().orElseThrow().resumed());
        assertFalse(s.summary().orElseThrow().resumed());
    }

    @Test
    void aServerNoLongerEnablingTheSessionsSuiteGivesAFullHandshake() {
        // RFC 5246 §7.4.1.2: a resumed session keeps its suite; a server that dropped it makes a new session.
        TlsConfig client = Versions.tls12Client(317).build();
        TlsConfig first = Versions.tls12Server(318).build();
        HandshakeSummary original = connect(client, first)[0].summary().orElseThrow();
        List<CipherSuite> others = Tls12Suites.DEFAULT.stream().filter(s -> s != original.cipherSuite()).toList();
        TlsConfig narrowed = Versions.tls12Server(319).cipherSuites(others).ticketKeys(first.sealer().keys()).build();
        HandshakeSummary second = connect(client, narrowed)[0].summary().orElseThrow();
        assertFalse(second.resumed());
        assertTrue(others.contains(second.cipherSuite()));
    }

    @Test
    void theTraceShowsTheAbbreviatedFlow() {
        TlsConfig server = Versions.tls12Server(320).build();
        List<String> flow = new ArrayList<>();
        TlsConfig client = Versions.tls12Client(321).traceListener(new TraceListener() {
            @Override
            public void handshakeMessage(Direction direction, HandshakeMessage message, Opaque wireBytes, String epoch) {
                flow.add(arrow(direction) + message.type().name());
            }

            @Override
            public void changeCipherSpec(Direction direction) {
                flow.add(arrow(direction) + "CHANGE_CIPHER_SPEC");
            }
        }).build();
        connect(client, server);
        flow.clear();
        connect(client, server);
        // RFC 5246 §7.3: ServerHello, the server's ChangeCipherSpec and Finished, then ours; no Certificate, no
        // key exchange.
        assertEquals(List.of("> CLIENT_HELLO", "< SERVER_HELLO", "< CHANGE_CIPHER_SPEC", "< FINISHED", "> CHANGE_CIPHER_SPEC",
                "> FINISHED"), flow);
    }

    // ------------------------------------------------------------------ RFC 7627 §5.3 and RFC 5246 §7.4.1.3, scripted

    @Test
    void theServerAbortsAResumptionWithoutEmsOfASessionMadeWithIt() {
        // "If the original session used the "extended_master_secret" extension but the new ClientHello does not
        // contain it, the server MUST abort the abbreviated handshake."
        TlsConfig server = Versions.tls12Server(322).build();
        TlsConfig client = Versions.tls12Client(323).build();
        connect(client, server);
        TlsEngine c = TlsEngine.client(client, "localhost", PORT);
        TlsEngine s = TlsEngine.server(server);
        byte[] hello = Flight.rewrite(Peers.drain(c), f -> editClientHello(f, ch -> without(ch, ExtensionType.EXTENDED_MASTER_SECRET)));
        TlsException e = assertThrows(TlsException.class, () -> s.receive(hello, 0, hello.length));
        assertEquals(Violation.EXTENDED_MASTER_SECRET_MISMATCH, e.violation().orElseThrow(), e.getMessage());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, sentAlert(s));
    }

    @Test
    void theServerMakesAFullHandshakeForASessionWithoutEmsOfferedWithIt() {
        // "If the original session did not use the "extended_master_secret" extension but the new ClientHello
        // contains the extension, then the server MUST NOT perform the abbreviated handshake."
        TlsConfig server = Versions.tls12Server(324).build();
        TlsConfig client = Versions.tls12Client(325).build();
        connect(client, server);
        Tls12ClientSession session = client.sessionCache().take(KEY, Peers.NOW.instant(), Tls12ClientSession.class).orElseThrow();
        // A ticket for the same session, but recorded as made without EMS.
        Opaque legacy = Tls12Tickets.issue(server.sealer(), new Tls12TicketState(session.suite(), session.masterSecret(), false,
                session.group(), Peers.NOW.instant(), 3600, Optional.of("localhost")));
        client.sessionCache().put(KEY, new Tls12ClientSession(legacy, session.masterSecret(), session.suite(), true,
                session.group(), session.serverName(), session.authentication(), session.peerChain(), session.received(),
                session.lifetimeSeconds()));
        TlsEngine[] second = connect(client, server);
        assertFalse(second[1].summary().orElseThrow().resumed());
        assertFalse(second[0].summary().orElseThrow().resumed());
    }

    @Test
    void theClientAbortsWhenTheServerResumesWithoutEmsASessionMadeWithIt() {
        // "If the original session used the extension but the new ServerHello does not contain the extension,
        // the client MUST abort the handshake."
        TlsException e = resumingServerHelloEdited(sh -> withExtensions(sh, sh.extensions().stream()
                .filter(x -> x.type() != ExtensionType.EXTENDED_MASTER_SECRET.code()).toList()));
        assertEquals(Violation.EXTENDED_MASTER_SECRET_MISMATCH, e.violation().orElseThrow(), e.getMessage());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
    }

    @Test
    void theClientAbortsWhenTheServerResumesWithAnotherSuite() {
        // RFC 5246 §7.4.1.3: "For resumed sessions, this field is the value from the state of the session being
        // resumed."
        TlsException e = resumingServerHelloEdited(sh -> new Tls12ServerHello(sh.serverVersion(), sh.random(), sh.sessionId(),
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384.code(), sh.compressionMethod(), sh.extensions()));
        assertEquals(Violation.ILLEGAL_SERVER_HELLO, e.violation().orElseThrow(), e.getMessage());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void aServerThatPromisesATicketAndSendsNoneIsRefused() {
        // RFC 5077 §3.3: NewSessionTicket "MUST be sent if the server included a SessionTicket extension in the
        // ServerHello". A resuming ServerHello edited to promise one, then the server's ChangeCipherSpec.
        TlsConfig server = Versions.tls12Server(332).build();
        TlsConfig client = Versions.tls12Client(333).build();
        connect(client, server);
        TlsEngine c = TlsEngine.client(client, "localhost", PORT);
        TlsEngine s = TlsEngine.server(server);
        Peers.transfer(c, s, Peers.Chunking.WHOLE, null);
        byte[] flight = Peers.drain(s);
        int length = 5 + ((flight[3] & 0xff) << 8 | (flight[4] & 0xff));
        byte[] sh = Flight.rewrite(Arrays.copyOf(flight, length), f -> {
            Tls12ServerHello hello = Tls12ServerHello.decode(f.bodyReader());
            List<Tls12Extension> extensions = new ArrayList<>(hello.extensions());
            extensions.add(SessionTicket.EMPTY.toExtension());
            return withExtensions(hello, extensions).frame();
        });
        byte[] edited = new byte[sh.length + flight.length - length];
        System.arraycopy(sh, 0, edited, 0, sh.length);
        System.arraycopy(flight, length, edited, sh.length, flight.length - length);
        TlsException e = assertThrows(TlsException.class, () -> c.receive(edited, 0, edited.length));
        assertEquals(Violation.BAD_CHANGE_CIPHER_SPEC, e.violation().orElseThrow(), e.getMessage());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void theClientNeverOffersASessionWithoutEms() {
        // RFC 7627 §5.3: "The client SHOULD NOT offer an abbreviated handshake to resume a session that does not use
        // an extended master secret."
        TlsConfig server = Versions.tls12Server(326).build();
        TlsConfig client = Versions.tls12Client(327).build();
        connect(client, server);
        Tls12ClientSession s = client.sessionCache().take(KEY, Peers.NOW.instant(), Tls12ClientSession.class).orElseThrow();
        client.sessionCache().put(KEY, new Tls12ClientSession(s.ticket(), s.masterSecret(), s.suite(), false, s.group(),
                s.serverName(), s.authentication(), s.peerChain(), s.received(), s.lifetimeSeconds()));
        List<Opaque> tickets = new ArrayList<>();
        TlsConfig watching = Versions.tls12Client(327).sessionCache(client.sessionCache()).traceListener(sentTickets(tickets)).build();
        TlsEngine c = TlsEngine.client(watching, "localhost", PORT);
        Versions.connectAndTalk(c, TlsEngine.server(server));
        assertEquals(List.of(Opaque.EMPTY), tickets);
        assertFalse(c.summary().orElseThrow().resumed());
    }

    @Test
    void aServerThatEchoesOurSessionIdWithoutATicketOfferedIsRefused() {
        // Without a TLS 1.2 ticket offered, an echo of our (TLS 1.3 compatibility) session_id is a lie (rustls#2360).
        TlsEngine client = TlsEngine.client(Versions.bothClient(328).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(329).build());
        byte[] hello = Peers.drain(client);
        ClientHello ch = ClientHello.decode(HandshakeFrame.parse(Opaque.of(hello, 5, hello.length - 5)).bodyReader());
        server.receive(hello, 0, hello.length);
        byte[] flight = Flight.rewrite(Peers.drain(server), f -> f.is(HandshakeType.SERVER_HELLO)
                ? echo(Tls12ServerHello.decode(f.bodyReader()), ch.legacySessionId()).frame() : f);
        TlsException e = assertThrows(TlsException.class, () -> client.receive(flight, 0, flight.length));
        assertEquals(Violation.ILLEGAL_SERVER_HELLO, e.violation().orElseThrow());
    }

    // ------------------------------------------------------------------ helpers

    /** A full handshake, then the resuming ServerHello edited on its way to the client; returns the client's error. */
    private static TlsException resumingServerHelloEdited(UnaryOperator<Tls12ServerHello> edit) {
        TlsConfig server = Versions.tls12Server(330).build();
        TlsConfig client = Versions.tls12Client(331).build();
        connect(client, server);
        TlsEngine c = TlsEngine.client(client, "localhost", PORT);
        TlsEngine s = TlsEngine.server(server);
        Peers.transfer(c, s, Peers.Chunking.WHOLE, null);
        byte[] flight = Peers.drain(s);
        // The ServerHello record only: ChangeCipherSpec and the encrypted Finished follow it.
        int length = 5 + ((flight[3] & 0xff) << 8 | (flight[4] & 0xff));
        byte[] sh = Flight.rewrite(Arrays.copyOf(flight, length),
                f -> edit.apply(Tls12ServerHello.decode(f.bodyReader())).frame());
        TlsException e = assertThrows(TlsException.class, () -> c.receive(sh, 0, sh.length));
        assertEquals(e.alert(), sentAlert(c));
        return e;
    }

    /** The alert {@code engine} queued after failing (a plaintext alert record: level, description). */
    private static AlertDescription sentAlert(TlsEngine engine) {
        byte[] out = Peers.drain(engine);
        assertEquals(21, out[0], "an alert record");
        return AlertDescription.fromCode(out[6] & 0xff).orElseThrow();
    }

    private static TlsConfig withTicket(TlsConfig base, String name, Tls12ClientSession session) {
        base.sessionCache().put(SessionCache.key(name, PORT), session);
        return base;
    }

    private static Tls12ServerHello echo(Tls12ServerHello sh, Opaque sessionId) {
        return new Tls12ServerHello(sh.serverVersion(), sh.random(), sessionId, sh.cipherSuite(), sh.compressionMethod(),
                sh.extensions());
    }

    private static Tls12ServerHello withExtensions(Tls12ServerHello sh, List<Tls12Extension> extensions) {
        return new Tls12ServerHello(sh.serverVersion(), sh.random(), sh.sessionId(), sh.cipherSuite(), sh.compressionMethod(),
                extensions);
    }

    private static HandshakeFrame editClientHello(HandshakeFrame frame, UnaryOperator<ClientHello> edit) {
        return edit.apply(ClientHello.decode(frame.bodyReader())).frame();
    }

    private static ClientHello without(ClientHello ch, ExtensionType type) {
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), new ExtensionBlock(ExtensionContext.CLIENT_HELLO, ch.extensions().extensions().stream()
                        .filter(e -> e.extensionType() != type.code()).toList()));
    }

    /** Records the session_ticket of every ClientHello sent. */
    private static TraceListener sentTickets(List<Opaque> tickets) {
        return new TraceListener() {
            @Override
            public void handshakeMessage(Direction direction, HandshakeMessage message, Opaque wireBytes, String epoch) {
                if (direction == Direction.SENT && message instanceof ClientHello ch) {
                    ch.extensions().find(ExtensionType.SESSION_TICKET).map(e -> ((UnknownExtension) e).extensionData())
                            .map(SessionTicket::decode).ifPresent(t -> tickets.add(t.ticket()));
                }
            }
        };
    }

    private static String arrow(TraceListener.Direction direction) {
        return direction == TraceListener.Direction.SENT ? "> " : "< ";
    }
}
