package dev.tlsworkbook.tls12;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.engine.Peers;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.negotiation.Tls12Options;
import dev.tlsworkbook.tls12.demo.DowngradingMiddlebox;
import dev.tlsworkbook.tls12.message.RenegotiationInfo;
import dev.tlsworkbook.tls12.message.ServerKeyExchange;
import dev.tlsworkbook.tls12.message.Tls12Extension;
import dev.tlsworkbook.tls12.message.Tls12ServerHello;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scripted bad TLS 1.2 peers: one side is our engine, the other our engine whose messages a test
 * rewrites on the wire; each case asserts the {@link Violation} and the alert the victim sends.
 */
class BadPeerTls12Test {

    // ------------------------------------------------------------------ a bad server, our client checks

    @Test
    void refusesAServerWithoutRenegotiationInfo() {
        assertClientRefusesServerHello(sh -> withExtensions(sh, sh.extensions().stream()
                .filter(e -> e.type() != ExtensionType.RENEGOTIATION_INFO.code()).toList()), Violation.INSECURE_RENEGOTIATION);
    }

    @Test
    void refusesANonEmptyRenegotiationInfoInAFirstHandshake() {
        assertClientRefusesServerHello(sh -> withExtensions(sh, sh.extensions().stream()
                .map(e -> e.type() == ExtensionType.RENEGOTIATION_INFO.code()
                        ? new RenegotiationInfo(Opaque.filled(24, 7)).toExtension() : e).toList()), Violation.INSECURE_RENEGOTIATION);
    }

    @Test
    void aClientRequiringExtendedMasterSecretRefusesAServerWithout() {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(1).versions(Tls12.support(new Tls12Options(true, false)))
                .build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(2).build());
        TlsException e = serverFlightTo(client, server, frame -> editServerHello(frame, sh -> withExtensions(sh,
                sh.extensions().stream().filter(x -> x.type() != ExtensionType.EXTENDED_MASTER_SECRET.code()).toList())));
        assertEquals(Violation.EXTENDED_MASTER_SECRET_REQUIRED, e.violation().orElseThrow());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
    }

    @Test
    void catchesTheDowngradeSentinel() {
        TlsEngine client = TlsEngine.client(Versions.bothClient(3).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.bothServer(4).build());
        byte[] hello = Peers.drain(client);
        byte[] forged = DowngradingMiddlebox.stripTls13(hello);
        server.receive(forged, 0, forged.length);
        byte[] flight = Peers.drain(server);
        TlsException e = assertThrows(TlsException.class, () -> client.receive(flight, 0, flight.length));
        assertEquals(Violation.DOWNGRADE_DETECTED, e.violation().orElseThrow());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void aTls12OnlyServerWritesNoSentinel() {
        TlsEngine client = TlsEngine.client(Versions.bothClient(5).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(6).build());
        Versions.connectAndTalk(client, server);
    }

    @Test
    void refusesAServerKeyExchangeSignedWithASchemeWeDidNotOffer() {
        TlsException e = assertClientRefusesFlight(frame -> frame.is(HandshakeType.SERVER_KEY_EXCHANGE)
                ? editSke(frame, ske -> new ServerKeyExchange(ske.namedCurve(), ske.point(), 0x0203 /* ecdsa_sha1 */, ske.signature()))
                : frame, Violation.SIGNATURE_SCHEME_NOT_ALLOWED);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void refusesAServerKeyExchangeOnACurveWeDidNotOffer() {
        TlsException e = assertClientRefusesFlight(frame -> frame.is(HandshakeType.SERVER_KEY_EXCHANGE)
                ? editSke(frame, ske -> new ServerKeyExchange(0x0019 /* secp521r1 */, ske.point(), ske.signatureScheme(), ske.signature()))
                : frame, Violation.ILLEGAL_SERVER_HELLO);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void refusesAServerKeyExchangeWithABadSignature() {
        TlsException e = assertClientRefusesFlight(frame -> frame.is(HandshakeType.SERVER_KEY_EXCHANGE)
                ? editSke(frame, ske -> new ServerKeyExchange(ske.namedCurve(), flipLast(ske.point()), ske.signatureScheme(),
                        ske.signature()))
                : frame, Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE);
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
    }

    @Test
    void refusesAChangeCipherSpecBeforeServerHelloDone() {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(7).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(8).build());
        Peers.transfer(client, server, Peers.Chunking.WHOLE, null);
        byte[] flight = Flight.rewrite(Peers.drain(server), frame -> frame); // one record per message
        // The server's first message, then a ChangeCipherSpec where the Certificate belongs.
        int first = 5 + ((flight[3] & 0xff) << 8 | (flight[4] & 0xff));
        byte[] ccs = {20, 3, 3, 0, 1, 1};
        byte[] injected = new byte[first + ccs.length];
        System.arraycopy(flight, 0, injected, 0, first);
        System.arraycopy(ccs, 0, injected, first, ccs.length);
        TlsException e = assertThrows(TlsException.class, () -> client.receive(injected, 0, injected.length));
        assertEquals(Violation.BAD_CHANGE_CIPHER_SPEC, e.violation().orElseThrow());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    // ------------------------------------------------------------------ a bad client, our server checks

    @Test
    void refusesAClientSignallingNoSecureRenegotiation() {
        TlsException e = assertServerRefusesClientHello(ch -> withoutExtension(ch, ExtensionType.RENEGOTIATION_INFO),
                Violation.INSECURE_RENEGOTIATION);
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
    }

    @Test
    void aServerRequiringExtendedMasterSecretRefusesAClientWithout() {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(9).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(10).versions(Tls12.support(new Tls12Options(true, false))).build());
        byte[] hello = Flight.rewrite(Peers.drain(client), f -> editClientHello(f, ch -> withoutExtension(ch, ExtensionType.EXTENDED_MASTER_SECRET)));
        TlsException e = assertThrows(TlsException.class, () -> server.receive(hello, 0, hello.length));
        assertEquals(Violation.EXTENDED_MASTER_SECRET_REQUIRED, e.violation().orElseThrow());
    }

    @Test
    void answersAFallbackFromATls13CapableServerWithInappropriateFallback() {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(11).versions(Tls12.support(new Tls12Options(false, true)))
                .build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.bothServer(12).build());
        TlsException atServer = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Violation.INAPPROPRIATE_FALLBACK, atServer.violation().orElseThrow());
        TlsException atClient = assertThrows(TlsException.class, () -> Peers.pump(server, client));
        assertEquals(AlertDescription.INAPPROPRIATE_FALLBACK, atClient.alert());
    }

    @Test
    void aTls12OnlyServerAcceptsTheFallbackSignal() {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(13).versions(Tls12.support(new Tls12Options(false, true)))
                .build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(14).build());
        Versions.connectAndTalk(client, server);
    }

    @Test
    void refusesAClientOfferingOnlyCbcAndStaticRsaAndSaysWhy() {
        TlsException e = assertServerRefusesClientHello(ch -> new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(),
                List.of(0x002f, 0x0035, 0xc013, 0xc014, 0x00ff), ch.legacyCompressionMethods(), ch.extensions()),
                Violation.INSECURE_CIPHER_SUITES_ONLY);
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("no forward secrecy")
                && e.getMessage().contains("padding oracles"), e.getMessage());
    }

    @Test
    void detectsABadClientFinished() {
        // Without the extended master secret the keys depend on the randoms only, so a changed ClientHello byte
        // (the session id) reaches the Finished check instead of breaking record decryption.
        TlsEngine client = TlsEngine.client(Versions.tls12Client(15).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(16).build());
        byte[] hello = Flight.rewrite(Peers.drain(client), f -> editClientHello(f, ch -> {
            ClientHello noEms = withoutExtension(ch, ExtensionType.EXTENDED_MASTER_SECRET);
            return new ClientHello(noEms.legacyVersion(), noEms.random(), flipLast(noEms.legacySessionId()),
                    noEms.cipherSuites(), noEms.legacyCompressionMethods(), noEms.extensions());
        }));
        server.receive(hello, 0, hello.length);
        // The client saw EMS offered but not answered: it continues without it (RFC 7627 §5.2, not required).
        Peers.transfer(server, client, Peers.Chunking.WHOLE, null);
        TlsException e = assertThrows(TlsException.class, () -> Peers.transfer(client, server, Peers.Chunking.WHOLE, null));
        assertEquals(Violation.BAD_FINISHED, e.violation().orElseThrow());
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
    }

    @Test
    void refusesTls11WithProtocolVersion() {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(17).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.bothServer(18).build());
        byte[] hello = Flight.rewrite(Peers.drain(client), f -> editClientHello(f, ch -> new ClientHello(0x0302, ch.random(),
                ch.legacySessionId(), ch.cipherSuites(), ch.legacyCompressionMethods(),
                withoutExtension(ch, ExtensionType.SUPPORTED_VERSIONS).extensions())));
        TlsException e = assertThrows(TlsException.class, () -> server.receive(hello, 0, hello.length));
        assertEquals(Violation.UNSUPPORTED_VERSION, e.violation().orElseThrow());
        assertEquals(AlertDescription.PROTOCOL_VERSION, e.alert());
    }

    @Test
    void closesAnSslv2ClientHelloWithoutAReply() {
        // SSL 2.0 CLIENT-HELLO (RFC 6101 Appendix E.2 form): length 0x802e, msg_type 1, version 0x0301, lengths, suites.
        byte[] sslv2 = dev.tlsworkbook.bytes.Hex.decode("802e0103010015000000100700c0030080010080060040040080020080"
                + "0000ff0a0b0c0d0e0f101112131415161718191a1b");
        TlsEngine server = TlsEngine.server(Versions.bothServer(24).build());
        TlsException e = assertThrows(TlsException.class, () -> server.receive(sslv2, 0, sslv2.length));
        assertEquals(Violation.UNSUPPORTED_VERSION, e.violation().orElseThrow());
        assertEquals(0, server.pendingOutput(), "nothing is sent back");
        assertTrue(server.isClosed());
    }

    // ------------------------------------------------------------------ helpers

    private static void assertClientRefusesServerHello(UnaryOperator<Tls12ServerHello> edit, Violation expected) {
        assertClientRefusesFlight(frame -> editServerHello(frame, edit), expected);
    }

    private static TlsException assertClientRefusesFlight(UnaryOperator<HandshakeFrame> edit, Violation expected) {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(20).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(21).build());
        TlsException e = serverFlightTo(client, server, edit);
        assertEquals(expected, e.violation().orElseThrow(), e.getMessage());
        return e;
    }

    private static TlsException serverFlightTo(TlsEngine client, TlsEngine server, UnaryOperator<HandshakeFrame> edit) {
        Peers.transfer(client, server, Peers.Chunking.WHOLE, null);
        byte[] flight = Flight.rewrite(Peers.drain(server), edit);
        return assertThrows(TlsException.class, () -> client.receive(flight, 0, flight.length));
    }

    private static TlsException assertServerRefusesClientHello(UnaryOperator<ClientHello> edit, Violation expected) {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(22).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.bothServer(23).build());
        byte[] hello = Flight.rewrite(Peers.drain(client), f -> editClientHello(f, edit));
        TlsException e = assertThrows(TlsException.class, () -> server.receive(hello, 0, hello.length));
        assertEquals(expected, e.violation().orElseThrow(), e.getMessage());
        return e;
    }

    private static HandshakeFrame editServerHello(HandshakeFrame frame, UnaryOperator<Tls12ServerHello> edit) {
        return frame.is(HandshakeType.SERVER_HELLO) ? edit.apply(Tls12ServerHello.decode(frame.bodyReader())).frame() : frame;
    }

    private static HandshakeFrame editSke(HandshakeFrame frame, UnaryOperator<ServerKeyExchange> edit) {
        return edit.apply(ServerKeyExchange.decode(frame.bodyReader())).frame();
    }

    private static HandshakeFrame editClientHello(HandshakeFrame frame, UnaryOperator<ClientHello> edit) {
        return edit.apply(ClientHello.decode(frame.bodyReader())).frame();
    }

    private static Tls12ServerHello withExtensions(Tls12ServerHello sh, List<Tls12Extension> extensions) {
        return new Tls12ServerHello(sh.serverVersion(), sh.random(), sh.sessionId(), sh.cipherSuite(), sh.compressionMethod(),
                extensions);
    }

    private static ClientHello withoutExtension(ClientHello ch, ExtensionType type) {
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites().stream()
                .filter(c -> type != ExtensionType.RENEGOTIATION_INFO || c != RenegotiationInfo.EMPTY_RENEGOTIATION_INFO_SCSV).toList(),
                ch.legacyCompressionMethods(), new ExtensionBlock(ExtensionContext.CLIENT_HELLO, ch.extensions().extensions().stream()
                        .filter(e -> e.extensionType() != type.code()).toList()));
    }

    private static Opaque flipLast(Opaque bytes) {
        byte[] b = bytes.bytes();
        b[b.length - 1] ^= 1;
        return Opaque.of(b);
    }


    @Test
    void aTls12MessageOverOurLimitIsRefusedUnderTls12sRules() {
        // A ClientKeyExchange (16) announcing 2^24-1 bytes, over any limit: refused on its header, before any
        // allocation, citing TLS 1.2's Handshake struct (RFC 5246 §7.4) rather than TLS 1.3's (RFC 8446 §4).
        byte[] hugeClientKeyExchange = {22, 3, 3, 0, 4, 16, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        TlsEngine client = TlsEngine.client(Versions.tls12Client(60).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(61).build());
        Peers.transfer(client, server, Peers.Chunking.WHOLE, null);
        TlsException atServer = assertThrows(TlsException.class,
                () -> server.receive(hugeClientKeyExchange, 0, hugeClientKeyExchange.length));
        assertEquals(java.util.Optional.of(Violation.HANDSHAKE_MESSAGE_TOO_LARGE), atServer.violation());
        assertTrue(atServer.getMessage().startsWith("RFC 5246 §7.4, §6.2.1: "), atServer.getMessage());

        // The client, once the ServerHello chose TLS 1.2: a ServerKeyExchange (12) of 2^24-1 bytes.
        TlsEngine client2 = TlsEngine.client(Versions.tls12Client(62).build(), "localhost");
        TlsEngine server2 = TlsEngine.server(Versions.tls12Server(63).build());
        Peers.transfer(client2, server2, Peers.Chunking.WHOLE, null);
        byte[] flight = Flight.rewrite(Peers.drain(server2), f -> f);
        int serverHello = 5 + (((flight[3] & 0xff) << 8) | (flight[4] & 0xff));
        client2.receive(flight, 0, serverHello);
        byte[] hugeServerKeyExchange = {22, 3, 3, 0, 4, 12, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        TlsException atClient = assertThrows(TlsException.class,
                () -> client2.receive(hugeServerKeyExchange, 0, hugeServerKeyExchange.length));
        assertEquals(java.util.Optional.of(Violation.HANDSHAKE_MESSAGE_TOO_LARGE), atClient.violation());
        assertTrue(atClient.getMessage().startsWith("RFC 5246 §7.4, §6.2.1: "), atClient.getMessage());
    }
}
