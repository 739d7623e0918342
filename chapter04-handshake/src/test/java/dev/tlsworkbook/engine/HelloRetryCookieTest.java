package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.Cookie;
import dev.tlsworkbook.handshake.extension.EarlyData;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ServerName;
import dev.tlsworkbook.handshake.extension.ServerNameEntry;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.record.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The stateless HelloRetryRequest cookie (RFC 8446 §4.2.2) and the second-ClientHello rules it
 * carries (§4.1.2, §4.2.10), with the server_name checks of RFC 6066 §3.
 */
class HelloRetryCookieTest {

    /** A server that wants secp256r1 and a client that sends an x25519 share first: a HelloRetryRequest follows. */
    private static TlsConfig server(long seed) {
        return Peers.server(seed).groups(NamedGroup.SECP256R1).alpnProtocols("h2", "http/1.1").build();
    }

    private static TlsConfig.Builder client(long seed) {
        return Peers.client(seed).grease(false).middleboxCompatibility(false).groups(NamedGroup.X25519, NamedGroup.SECP256R1)
                .keyShareGroups(NamedGroup.X25519).alpnProtocols("h2");
    }

    /** Runs ClientHello1 → HelloRetryRequest → our client's ClientHello2, returning ClientHello2 (not yet sent). */
    private static ClientHello secondHello(TlsEngine client, TlsEngine server) {
        byte[] ch1 = Peers.drain(client);
        server.receive(ch1, 0, ch1.length);
        byte[] hrr = Peers.drain(server);
        client.receive(hrr, 0, hrr.length);
        return BadPeerTest.clientHello(Peers.drain(client));
    }

    private static void assertSecondHelloRejected(UnaryOperator<ClientHello> mutate, Violation violation) {
        TlsEngine client = TlsEngine.client(client(201).build(), "localhost");
        TlsEngine server = TlsEngine.server(server(202));
        ClientHello ch2 = mutate.apply(secondHello(client, server));
        TlsException e = assertThrows(TlsException.class, () -> BadPeerTest.feed(server, ch2));
        assertEquals(Optional.of(violation), e.violation(), e.getMessage());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void handshakeAfterARetryCompletesWithTheCookie() {
        TlsEngine client = TlsEngine.client(client(203).build(), "localhost");
        TlsEngine server = TlsEngine.server(server(204));
        Peers.pump(client, server);
        assertTrue(client.summary().orElseThrow().helloRetryRequest());
        assertTrue(server.summary().orElseThrow().helloRetryRequest());
        assertEquals(Optional.of("localhost"), server.serverName());
    }

    @Test
    void tamperedCookieIsRefused() {
        assertSecondHelloRejected(ch2 -> {
            byte[] cookie = ch2.extensions().find(Cookie.class).orElseThrow().cookie().bytes();
            cookie[cookie.length - 1] ^= 1;
            return replace(ch2, new Cookie(Opaque.of(cookie)));
        }, Violation.BAD_COOKIE);
    }

    @Test
    void cookieFromAnotherConnectionIsRefused() {
        // A cookie legitimately issued to one ClientHello, replayed in another connection's second ClientHello.
        TlsEngine otherClient = TlsEngine.client(client(205).build(), "localhost");
        TlsConfig sharedServer = server(206);
        Cookie stolen = secondHello(otherClient, TlsEngine.server(sharedServer)).extensions().find(Cookie.class).orElseThrow();
        TlsEngine client = TlsEngine.client(client(207).build(), "localhost");
        TlsEngine server = TlsEngine.server(sharedServer);
        ClientHello ch2 = replace(secondHello(client, server), stolen);
        TlsException e = assertThrows(TlsException.class, () -> BadPeerTest.feed(server, ch2));
        assertEquals(Optional.of(Violation.BAD_COOKIE), e.violation(), e.getMessage());
    }

    @Test
    void secondClientHelloChangingServerNameIsRefused() {
        assertSecondHelloRejected(ch2 -> replace(ch2, ServerName.of("www.localhost")), Violation.ILLEGAL_SECOND_CLIENT_HELLO);
    }

    @Test
    void secondClientHelloChangingAlpnIsRefused() {
        assertSecondHelloRejected(ch2 -> replace(ch2, ApplicationLayerProtocolNegotiation.of("http/1.1")),
                Violation.ILLEGAL_SECOND_CLIENT_HELLO);
    }

    @Test
    void secondClientHelloWithoutTheCookieIsRefused() {
        assertSecondHelloRejected(ch2 -> ResumptionTest.without(ch2,
                dev.tlsworkbook.handshake.extension.ExtensionType.COOKIE), Violation.ILLEGAL_SECOND_CLIENT_HELLO);
    }

    @Test
    void undecryptableRecordAfterTheSecondClientHelloIsBadRecordMac() {
        // Defect: skipping rejected 0-RTT applies only while the ClientHello being answered offered early data
        // (RFC 8446 §4.2.10). ClientHello1 offers it, so a record before ClientHello2 is skipped; after ClientHello2
        // (which may not offer it) a record that fails to open is bad_record_mac.
        TlsEngine client = TlsEngine.client(client(208).build(), "localhost");
        TlsEngine server = TlsEngine.server(server(209));
        byte[] ch1Records = Peers.drain(client);
        ClientHello ch1 = add(BadPeerTest.clientHello(ch1Records), new EarlyData());
        BadPeerTest.feed(server, ch1);
        byte[] hrr = Peers.drain(server);
        // The client's 0-RTT record, in flight before it saw the HelloRetryRequest: skipped.
        byte[] early = fakeProtectedRecord();
        server.receive(early, 0, early.length);
        client.receive(hrr, 0, hrr.length);
        // Our client answers the HelloRetryRequest for a ClientHello1 without early_data; the server only checks
        // the random, session id and cookie, so ClientHello2 is accepted.
        byte[] ch2 = Peers.drain(client);
        server.receive(ch2, 0, ch2.length);
        TlsException e = assertThrows(TlsException.class, () -> server.receive(early, 0, early.length));
        assertEquals(Optional.of(Violation.BAD_RECORD_MAC), e.violation(), e.getMessage());
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
    }

    @Test
    void serverNameWithControlCharactersIsIllegalParameter() {
        assertInvalidServerName("local\nhost");
        assertInvalidServerName("localhost.");
        assertInvalidServerName("127.0.0.1");
        assertInvalidServerName("::1");
        assertInvalidServerName("a..b");
    }

    @Test
    void hostNameRulesOfRfc6066() {
        assertTrue(ServerName.isValidHostName("localhost"));
        assertTrue(ServerName.isValidHostName("www.example-1.com"));
        assertTrue(ServerName.isValidHostName("_dmarc.example.com"));
        assertTrue(!ServerName.isValidHostName("-bad.example"));
        assertTrue(!ServerName.isValidHostName("a".repeat(64) + ".com"));
        assertTrue(!ServerName.isValidHostName("bücher.example"));
    }

    private static void assertInvalidServerName(String name) {
        TlsEngine server = TlsEngine.server(server(210));
        ClientHello ch = BadPeerTest.clientHello(Peers.drain(TlsEngine.client(client(211).build(), "localhost")));
        ClientHello bad = replace(ch, new ServerName(List.of(ServerNameEntry.hostName(name))));
        TlsException e = assertThrows(TlsException.class, () -> BadPeerTest.feed(server, bad));
        assertEquals(Optional.of(Violation.INVALID_SERVER_NAME), e.violation(), name + ": " + e.getMessage());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    private static byte[] fakeProtectedRecord() {
        byte[] record = new byte[5 + 100];
        record[0] = (byte) ContentType.APPLICATION_DATA.code();
        record[1] = 3;
        record[2] = 3;
        record[4] = 100;
        return record;
    }

    static ClientHello replace(ClientHello ch, Extension replacement) {
        List<Extension> list = new ArrayList<>();
        for (Extension e : ch.extensions().extensions()) {
            list.add(e.extensionType() == replacement.extensionType() ? replacement : e);
        }
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), new ExtensionBlock(ExtensionContext.CLIENT_HELLO, list));
    }

    static ClientHello add(ClientHello ch, Extension extra) {
        List<Extension> list = new ArrayList<>(ch.extensions().extensions());
        list.add(extra);
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), new ExtensionBlock(ExtensionContext.CLIENT_HELLO, list));
    }
}
