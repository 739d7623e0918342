package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.ServerHelloMessage;
import dev.tlsworkbook.handshake.resumption.ClientSession;
import dev.tlsworkbook.handshake.resumption.SessionCache;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.session.TicketKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Resumption and 0-RTT ours against ours (RFC 8446 §2.2, §2.3, §4.2.10, §4.2.11, §4.6.1): tickets
 * are issued, filed by name and port, offered with a valid binder, accepted or refused for the
 * right reasons, and early data is read apart from ordinary data, once.
 */
class ResumptionTest {
    private static final int PORT = 4433;
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** A full handshake from {@code client} to {@code server}; the client ends up holding the server's tickets. */
    private static TlsEngine[] connect(TlsConfig client, TlsConfig server, String name, byte[] earlyData) {
        TlsEngine c = TlsEngine.client(client, name, PORT, earlyData);
        TlsEngine s = TlsEngine.server(server);
        Peers.pump(c, s);
        assertTrue(c.isHandshakeComplete() && s.isHandshakeComplete());
        return new TlsEngine[] {c, s};
    }

    private static TlsEngine[] connect(TlsConfig client, TlsConfig server) {
        return connect(client, server, "localhost", null);
    }

    @Test
    void secondConnectionResumesWithoutACertificate() {
        TlsConfig server = Peers.server(101).build();
        TlsConfig client = Peers.client(102).build();
        TlsEngine[] first = connect(client, server);
        assertFalse(first[0].summary().orElseThrow().resumed());
        // RFC 8446 §4.6.1: two tickets by default, filed under name and port.
        assertEquals(TlsConfig.DEFAULT_TICKET_COUNT, client.sessionCache().size(SessionCache.key("localhost", PORT)));

        TlsEngine[] second = connect(client, server);
        assertTrue(second[0].summary().orElseThrow().resumed());
        assertTrue(second[1].summary().orElseThrow().resumed());
        // The resumed connection inherits the first one's authentication, and no signature scheme was used.
        assertEquals(TrustStatus.TRUSTED, second[0].summary().orElseThrow().trust());
        assertEquals(Optional.empty(), second[0].summary().orElseThrow().signatureScheme());
        assertEquals(first[0].peerCertificates(), second[0].peerCertificates());
        // Data flows both ways.
        second[0].writePlaintext(REQUEST, 0, REQUEST.length);
        Peers.pump(second[0], second[1]);
        assertArrayEquals(REQUEST, Peers.readAll(second[1]));
        // One ticket used, one left, two new ones from the resumed connection.
        assertEquals(3, client.sessionCache().size(SessionCache.key("localhost", PORT)));
    }

    @Test
    void eachTicketHasItsOwnAgeAddAndNonce() {
        TlsConfig server = Peers.server(103).build();
        java.util.List<dev.tlsworkbook.handshake.message.NewSessionTicket> tickets = new java.util.ArrayList<>();
        TlsConfig client = Peers.client(104).traceListener(new dev.tlsworkbook.handshake.state.TraceListener() {
            @Override
            public void handshakeMessage(Direction direction, dev.tlsworkbook.handshake.message.HandshakeMessage message,
                    Opaque wireBytes, String epoch) {
                if (message instanceof dev.tlsworkbook.handshake.message.NewSessionTicket nst) {
                    tickets.add(nst);
                }
            }
        }).build();
        connect(client, server);
        assertEquals(2, tickets.size());
        assertTrue(tickets.get(0).ticketAgeAdd() != tickets.get(1).ticketAgeAdd());
        assertTrue(!tickets.get(0).ticketNonce().equals(tickets.get(1).ticketNonce()));
        assertTrue(!tickets.get(0).ticket().equals(tickets.get(1).ticket()));
        assertTrue(tickets.get(0).ticketLifetime() <= 604_800);
    }

    @Test
    void aServerThatAsksForClientCertificatesAuthenticatesEveryClientInAFullHandshake() {
        // RFC 8446 §4.3.2: "Servers which are authenticating with a resumption PSK MUST NOT send the
        // CertificateRequest in the main handshake"; a ticket does not carry the client's certificate, so a
        // server that asks for one does not resume: the second connection authenticates the client again.
        TlsConfig server = Peers.server(117).clientAuth(dev.tlsworkbook.handshake.auth.ClientAuthMode.REQUIRED)
                .trustPolicy(dev.tlsworkbook.handshake.auth.TrustPolicy.verify(
                        java.util.List.of(Peers.pki().caCertificate()), Peers.NOW)).build();
        TlsConfig client = Peers.client(118).certificates(
                Peers.pki().issueClient("CN=alice", dev.tlsworkbook.handshake.auth.KeyKind.EC_P256)).build();
        connect(client, server);
        assertEquals(TlsConfig.DEFAULT_TICKET_COUNT, client.sessionCache().size(SessionCache.key("localhost", PORT)));
        TlsEngine[] second = connect(client, server);
        assertFalse(second[0].summary().orElseThrow().resumed());
        assertFalse(second[1].summary().orElseThrow().resumed());
        assertEquals(TrustStatus.TRUSTED, second[1].summary().orElseThrow().trust());
        assertEquals(Optional.of("CN=alice"), second[1].summary().orElseThrow().peerSubject());
    }

    @Test
    void serverWithNewTicketKeysFallsBackToAFullHandshake() {
        TlsConfig client = Peers.client(105).build();
        connect(client, Peers.server(106).build());
        TlsEngine[] second = connect(client, Peers.server(107).build());
        assertFalse(second[1].summary().orElseThrow().resumed());
        assertEquals(TrustStatus.TRUSTED, second[0].summary().orElseThrow().trust());
    }

    @Test
    void resumesAfterAHelloRetryRequestWithANewBinderAndWithoutEarlyData() {
        // The server accepts only secp256r1; the client's first share is x25519: a HelloRetryRequest comes first.
        TlsConfig server = Peers.server(140).groups(dev.tlsworkbook.crypto.NamedGroup.SECP256R1).maxEarlyDataSize(16384).build();
        TlsConfig client = Peers.client(141).build();
        connect(client, server);
        TlsEngine[] second = connect(client, server, "localhost", REQUEST);
        assertTrue(second[1].summary().orElseThrow().helloRetryRequest());
        assertTrue(second[1].summary().orElseThrow().resumed());
        assertTrue(second[0].summary().orElseThrow().resumed());
        // RFC 8446 §4.2.10: 0-RTT is abandoned with the first ClientHello; nothing reached the application.
        assertEquals(Optional.of(EarlyDataStatus.REJECTED), second[0].earlyDataStatus());
        assertEquals(Optional.of(EarlyDataStatus.REJECTED), second[1].earlyDataStatus());
        assertEquals(0, second[1].availableEarlyData());
        assertEquals(0, second[1].availablePlaintext());
    }

    @Test
    void ticketsCanBeTurnedOff() {
        TlsConfig client = Peers.client(112).build();
        connect(client, Peers.server(113).ticketCount(0).build());
        assertEquals(0, client.sessionCache().size(SessionCache.key("localhost", PORT)));
    }

    @Test
    void neverOffersATicketToAnotherPortOrName() {
        TlsConfig client = Peers.client(114).build();
        connect(client, Peers.server(115).build());
        TlsEngine otherPort = TlsEngine.client(client, "localhost", PORT + 1, null);
        assertFalse(BadPeerTest.clientHello(Peers.drain(otherPort)).extensions().contains(ExtensionType.PRE_SHARED_KEY));
        TlsEngine otherName = TlsEngine.client(client, "www.localhost", PORT, null);
        assertFalse(BadPeerTest.clientHello(Peers.drain(otherName)).extensions().contains(ExtensionType.PRE_SHARED_KEY));
        TlsEngine same = TlsEngine.client(client, "localhost", PORT, null);
        assertTrue(BadPeerTest.clientHello(Peers.drain(same)).extensions().contains(ExtensionType.PRE_SHARED_KEY));
    }

    @Test
    void serverIgnoresATicketIssuedForAnotherServerName() {
        TlsConfig server = Peers.server(116).build();
        TlsConfig client = Peers.client(117).build();
        connect(client, server);
        // The ticket for localhost is filed under another name, as a confused client might.
        ClientSession ticket = client.sessionCache().take(SessionCache.key("localhost", PORT), Peers.NOW.instant()).orElseThrow();
        // The server checks the ticket's server_name and answers with a full handshake (no pre_shared_key).
        assertFalse(serverSelectsPsk(server, client, "www.localhost", ticket));
        ClientSession again = client.sessionCache().take(SessionCache.key("localhost", PORT), Peers.NOW.instant()).orElseThrow();
        assertTrue(serverSelectsPsk(server, client, "localhost", again));
    }

    @Test
    void expiredTicketGetsAFullHandshake() {
        TicketKeys keys = TicketKeys.rotating(Peers.random(118), Peers.NOW, Duration.ofHours(12));
        TlsConfig client = Peers.client(119).build();
        connect(client, Peers.server(120).ticketKeys(keys).ticketLifetime(Duration.ofMinutes(1)).build());
        TlsConfig later = Peers.server(121).ticketKeys(keys).clock(Clock.offset(Peers.NOW, Duration.ofMinutes(2))).build();
        TlsEngine[] second = connect(client, later);
        assertFalse(second[1].summary().orElseThrow().resumed());
    }

    @Test
    void badBinderIsDecryptError() {
        TlsConfig server = Peers.server(122).build();
        TlsConfig client = Peers.client(123).build();
        connect(client, server);
        String key = SessionCache.key("localhost", PORT);
        ClientSession good = client.sessionCache().take(key, Peers.NOW.instant()).orElseThrow();
        client.sessionCache().put(key, withPsk(good, SecretBytes.of(new byte[32])));
        TlsEngine c = TlsEngine.client(client, "localhost", PORT, null);
        TlsEngine s = TlsEngine.server(server);
        TlsException e = assertThrows(TlsException.class, () -> Peers.pump(c, s));
        assertEquals(Optional.of(Violation.BAD_PSK_BINDER), s.failure().orElseThrow().violation(), e.getMessage());
        assertEquals(AlertDescription.DECRYPT_ERROR, s.failure().orElseThrow().alert());
    }

    @Test
    void pskWithoutKeyExchangeModesIsRefused() {
        TlsConfig server = Peers.server(124).build();
        TlsConfig client = Peers.client(125).build();
        connect(client, server);
        ClientHello resuming = BadPeerTest.clientHello(Peers.drain(TlsEngine.client(client, "localhost", PORT, null)));
        ClientHello withoutModes = without(resuming, ExtensionType.PSK_KEY_EXCHANGE_MODES);
        TlsEngine s = TlsEngine.server(server);
        TlsException e = assertThrows(TlsException.class, () -> BadPeerTest.feed(s, withoutModes));
        assertEquals(Optional.of(Violation.PSK_WITHOUT_KEY_EXCHANGE_MODES), e.violation(), e.getMessage());
        assertEquals(AlertDescription.MISSING_EXTENSION, e.alert());
    }

    // ------------------------------------------------------------------ 0-RTT

    @Test
    void earlyDataIsAcceptedOnlyWhenConfiguredAndReadApart() {
        TlsConfig server = Peers.server(126).maxEarlyDataSize(16384).build();
        TlsConfig client = Peers.client(127).build();
        TlsEngine[] first = connect(client, server, "localhost", REQUEST);
        // No ticket yet: nothing sent early.
        assertEquals(0, first[0].earlyDataSent());
        assertEquals(Optional.of(EarlyDataStatus.NOT_OFFERED), first[0].earlyDataStatus());

        TlsEngine[] second = connect(client, server, "localhost", REQUEST);
        assertEquals(REQUEST.length, second[0].earlyDataSent());
        assertEquals(Optional.of(EarlyDataStatus.ACCEPTED), second[0].earlyDataStatus());
        assertEquals(Optional.of(EarlyDataStatus.ACCEPTED), second[1].earlyDataStatus());
        // Early data is never mixed into ordinary data.
        assertEquals(0, second[1].availablePlaintext());
        byte[] early = new byte[second[1].availableEarlyData()];
        second[1].readEarlyData(early, 0, early.length);
        assertArrayEquals(REQUEST, early);
        assertTrue(second[1].summary().orElseThrow().toString().endsWith("resumed early_data=accepted"));
    }

    @Test
    void earlyDataIsRejectedByAServerNotConfiguredForIt() {
        TicketKeys keys = TicketKeys.rotating(Peers.random(128), Peers.NOW, Duration.ofHours(12));
        TlsConfig client = Peers.client(129).build();
        connect(client, Peers.server(130).ticketKeys(keys).maxEarlyDataSize(16384).build());
        TlsEngine[] second = connect(client, Peers.server(131).ticketKeys(keys).build(), "localhost", REQUEST);
        assertTrue(second[1].summary().orElseThrow().resumed());
        assertEquals(Optional.of(EarlyDataStatus.REJECTED), second[0].earlyDataStatus());
        assertEquals(Optional.of(EarlyDataStatus.REJECTED), second[1].earlyDataStatus());
        assertEquals(0, second[1].availableEarlyData());
        assertEquals(0, second[1].availablePlaintext());
    }

    @Test
    void replayedEarlyDataIsRejected() {
        TlsConfig server = Peers.server(132).maxEarlyDataSize(16384).build();
        TlsConfig client = Peers.client(133).build();
        connect(client, server);
        TlsEngine c = TlsEngine.client(client, "localhost", PORT, REQUEST);
        byte[] firstFlight = Peers.drain(c);
        TlsEngine original = TlsEngine.server(server);
        original.receive(firstFlight, 0, firstFlight.length);
        assertEquals(REQUEST.length, original.availableEarlyData());
        // An attacker replays the same bytes to the same server: the ticket was used for 0-RTT already.
        java.util.List<String> log = new java.util.ArrayList<>();
        TlsEngine replayed = TlsEngine.server(server.toBuilder().keyLog(dev.tlsworkbook.keyschedule.KeyLog.to(log::add)).build());
        replayed.receive(firstFlight, 0, firstFlight.length);
        assertEquals(0, replayed.availableEarlyData());
        // The resumption itself goes ahead (the binder is valid), without early_data in EncryptedExtensions.
        byte[] flight = Peers.drain(replayed);
        byte[] ee = Tamper.messages(Tamper.open(flight, dev.tlsworkbook.crypto.CipherSuite.TLS_AES_128_GCM_SHA256,
                Tamper.secret(log, "SERVER_HANDSHAKE_TRAFFIC_SECRET"))).get(0).bytes();
        assertEquals(8, ee[0]);
        assertFalse(dev.tlsworkbook.handshake.message.EncryptedExtensions.decode(HandshakeFrame.parse(Opaque.of(ee)).bodyReader())
                .extensions().contains(ExtensionType.EARLY_DATA));
    }

    @Test
    void earlyDataOverTheLimitIsUnexpectedMessage() {
        TlsConfig server = Peers.server(134).maxEarlyDataSize(100).build();
        TlsConfig client = Peers.client(135).build();
        connect(client, server);
        String key = SessionCache.key("localhost", PORT);
        ClientSession allowed = client.sessionCache().take(key, Peers.NOW.instant()).orElseThrow();
        // A client that ignores the ticket's max_early_data_size of 100.
        client.sessionCache().put(key, withMaxEarlyData(allowed, 100_000));
        TlsEngine c = TlsEngine.client(client, "localhost", PORT, new byte[5000]);
        TlsEngine s = TlsEngine.server(server);
        assertThrows(TlsException.class, () -> Peers.pump(c, s));
        assertEquals(Optional.of(Violation.TOO_MUCH_EARLY_DATA), s.failure().orElseThrow().violation());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, s.failure().orElseThrow().alert());
    }

    // ------------------------------------------------------------------ helpers

    private static boolean serverSelectsPsk(TlsConfig server, TlsConfig client, String name, ClientSession ticket) {
        client.sessionCache().put(SessionCache.key(name, PORT), ticket);
        TlsEngine c = TlsEngine.client(client, name, PORT, null);
        TlsEngine s = TlsEngine.server(server);
        byte[] ch = Peers.drain(c);
        s.receive(ch, 0, ch.length);
        byte[] sh = Tamper.plaintextHandshake(Peers.drain(s));
        ServerHelloMessage hello = ServerHelloMessage.decode(HandshakeFrame.parse(Opaque.of(sh)).bodyReader());
        return hello.extensions().contains(ExtensionType.PRE_SHARED_KEY);
    }

    static ClientHello without(ClientHello ch, ExtensionType type) {
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), new dev.tlsworkbook.handshake.extension.ExtensionBlock(
                        dev.tlsworkbook.handshake.extension.ExtensionContext.CLIENT_HELLO,
                        ch.extensions().extensions().stream().filter(e -> e.extensionType() != type.code()).toList()));
    }

    private static ClientSession withPsk(ClientSession s, SecretBytes psk) {
        return new ClientSession(s.ticket(), psk, s.suite(), s.received(), s.lifetimeSeconds(), s.ticketAgeAdd(),
                s.maxEarlyDataSize(), s.serverName(), s.applicationProtocol(), s.authentication());
    }

    private static ClientSession withMaxEarlyData(ClientSession s, long max) {
        return new ClientSession(s.ticket(), s.psk(), s.suite(), s.received(), s.lifetimeSeconds(), s.ticketAgeAdd(),
                max, s.serverName(), s.applicationProtocol(), s.authentication());
    }
}
