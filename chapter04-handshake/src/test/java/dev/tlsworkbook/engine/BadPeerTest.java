package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.extension.Cookie;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.KeyShareEntry;
import dev.tlsworkbook.handshake.extension.KeyShareHelloRetryRequest;
import dev.tlsworkbook.handshake.extension.KeyShareServerHello;
import dev.tlsworkbook.handshake.extension.SupportedVersionsClientHello;
import dev.tlsworkbook.handshake.extension.SupportedVersionsServerHello;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.extension.UnknownExtension;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.EncryptedExtensions;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HelloRetryRequest;
import dev.tlsworkbook.handshake.message.ServerHello;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.ProtocolVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Scripted bad peers (GUIDE §9.4): one side is our engine, the other sends what the test builds. */
class BadPeerTest {

    // ------------------------------------------------------------------ against our client

    @Test
    void rejectsAMessageOutOfOrder() {
        assertClientRejects(ch -> new EncryptedExtensions(ExtensionBlock.empty(ExtensionContext.ENCRYPTED_EXTENSIONS)),
                Violation.UNEXPECTED_MESSAGE, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void rejectsACipherSuiteItDidNotOffer() {
        TlsConfig config = Peers.client(30).cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256).build();
        assertClientRejects(config, ch -> serverHello(ch, CipherSuite.TLS_AES_256_GCM_SHA384.code(), share(NamedGroup.X25519)),
                Violation.ILLEGAL_SERVER_HELLO, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void rejectsAGroupItSentNoShareFor() {
        assertClientRejects(ch -> serverHello(ch, 0x1301, share(NamedGroup.SECP256R1)),
                Violation.ILLEGAL_SERVER_HELLO, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void rejectsAServerHelloWithoutKeyShare() {
        assertClientRejects(ch -> new ServerHello(0x0303, Opaque.filled(32, 7), ch.legacySessionId(), 0x1301, 0,
                ExtensionBlock.of(ExtensionContext.SERVER_HELLO, SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3))),
                Violation.MISSING_EXTENSION, AlertDescription.MISSING_EXTENSION);
    }

    @Test
    void rejectsASmallOrderKeyShare() {
        assertClientRejects(ch -> serverHello(ch, 0x1301, KeyShareEntry.of(NamedGroup.X25519, Opaque.filled(32, 0))),
                Violation.INVALID_KEY_SHARE, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void rejectsALegacyVersionOtherThanTls12() {
        assertClientRejects(ch -> new ServerHello(0x0301, Opaque.filled(32, 7), ch.legacySessionId(), 0x1301, 0,
                        shExtensions(share(NamedGroup.X25519))),
                Violation.ILLEGAL_HELLO_FIELD, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void rejectsAServerHelloWithoutSupportedVersions() {
        assertClientRejects(ch -> new ServerHello(0x0303, Opaque.filled(32, 7), ch.legacySessionId(), 0x1301, 0,
                        ExtensionBlock.of(ExtensionContext.SERVER_HELLO, new KeyShareServerHello(share(NamedGroup.X25519)))),
                Violation.UNSUPPORTED_VERSION, AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void rejectsAHelloRetryRequestThatChangesNothing() {
        assertClientRejects(ch -> hrr(ch),
                Violation.HELLO_RETRY_REQUEST_CHANGES_NOTHING, AlertDescription.ILLEGAL_PARAMETER);
        assertClientRejects(ch -> hrr(ch, KeyShareHelloRetryRequest.of(NamedGroup.X25519)),
                Violation.HELLO_RETRY_REQUEST_CHANGES_NOTHING, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void rejectsASecondHelloRetryRequest() {
        TlsEngine client = TlsEngine.client(Peers.client(31).build(), "localhost");
        ClientHello ch = clientHello(Peers.drain(client));
        feed(client, hrr(ch, new Cookie(Opaque.filled(8, 1))));
        Peers.drain(client);
        TlsException e = assertThrows(TlsException.class, () -> feed(client, hrr(ch, new Cookie(Opaque.filled(8, 2)))));
        assertFailure(client, e, Violation.SECOND_HELLO_RETRY_REQUEST, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void rejectsAnExtensionInTheWrongMessageOrTwice() {
        // early_data is not allowed in a ServerHello (RFC 8446 §4.2 table)
        assertClientRejects(ch -> serverHelloWithRawExtensions(ch, ext(0x002a, ""), ext(0x002b, "0304"),
                        ext(0x0033, "001d0020" + "09".repeat(32))),
                Violation.EXTENSION_NOT_ALLOWED_HERE, AlertDescription.ILLEGAL_PARAMETER);
        assertClientRejects(ch -> serverHelloWithRawExtensions(ch, ext(0x002b, "0304"), ext(0x002b, "0304")),
                Violation.DUPLICATE_EXTENSION, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void rejectsABadFinished() {
        assertTamperedServerFlight(m -> {
            m[m.length - 1] ^= 1;
            return m;
        }, Violation.BAD_FINISHED, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void rejectsABadCertificateVerifySignature() {
        assertTamperedServerFlight(m -> {
            int cv = Tamper.find(m, 15);
            int length = (m[cv + 1] & 0xff) << 16 | (m[cv + 2] & 0xff) << 8 | (m[cv + 3] & 0xff);
            m[cv + 4 + length - 1] ^= 1;
            return m;
        }, Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void rejectsACertificateFromAnUnknownAuthority() {
        TestPki other = TestPki.create(Peers.ISSUE_CLOCK, Peers.random(99));
        TlsConfig config = Peers.client(32).trustPolicy(TrustPolicy.verify(List.of(other.caCertificate()), Peers.NOW)).build();
        assertHandshakeFails(TlsEngine.client(config, "localhost"), Violation.UNKNOWN_CERTIFICATE_AUTHORITY,
                AlertDescription.UNKNOWN_CA);
    }

    @Test
    void rejectsACertificateForAnotherHost() {
        assertHandshakeFails(TlsEngine.client(Peers.client(33).build(), "example.com"), Violation.CERTIFICATE_NAME_MISMATCH,
                AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void rejectsAnExpiredCertificate() {
        Clock later = Clock.offset(Peers.NOW, Duration.ofDays(3650));
        TlsConfig config = Peers.client(34).trustPolicy(TrustPolicy.verify(List.of(Peers.pki().caCertificate()), later)).build();
        assertHandshakeFails(TlsEngine.client(config, "localhost"), Violation.CERTIFICATE_EXPIRED,
                AlertDescription.CERTIFICATE_EXPIRED);
    }

    // ------------------------------------------------------------------ against our server

    @Test
    void serverRejectsCompressionOtherThanNull() {
        assertServerRejects(ch -> new ClientHello(0x0303, ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                Opaque.of(new byte[] {1, 0}), ch.extensions()), Violation.ILLEGAL_HELLO_FIELD, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void serverRejectsAClientWithoutTls13() {
        assertServerRejects(ch -> withExtensions(ch, replace(ch, SupportedVersionsClientHello.class,
                SupportedVersionsClientHello.of(ProtocolVersion.TLS1_2))), Violation.UNSUPPORTED_VERSION,
                AlertDescription.PROTOCOL_VERSION);
        assertServerRejects(ch -> withExtensions(ch, remove(ch, SupportedVersionsClientHello.class)),
                Violation.UNSUPPORTED_VERSION, AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void serverRejectsAClientWithNoSuiteInCommon() {
        assertServerRejects(ch -> new ClientHello(0x0303, ch.random(), ch.legacySessionId(), List.of(0x1304, 0xc02b),
                ch.legacyCompressionMethods(), ch.extensions()), Violation.NO_COMMON_CIPHER_SUITE, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void serverRejectsASmallOrderKeyShare() {
        assertServerRejects(ch -> withExtensions(ch, replace(ch, KeyShareClientHello.class,
                new KeyShareClientHello(List.of(KeyShareEntry.of(NamedGroup.X25519, Opaque.filled(32, 0)))))),
                Violation.INVALID_KEY_SHARE, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void serverRefusesEndOfEarlyDataWhenNoEarlyDataWasAccepted() {
        List<String> serverLog = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(35).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(36).keyLog(KeyLog.to(serverLog::add)).build());
        Peers.transfer(client, server, Peers.Chunking.WHOLE, new java.util.Random(1));
        Peers.transfer(server, client, Peers.Chunking.WHOLE, new java.util.Random(1));
        byte[] secondFlight = Tamper.rewrite(Peers.drain(client), CipherSuite.TLS_AES_128_GCM_SHA256,
                Tamper.secret(serverLog, "CLIENT_HANDSHAKE_TRAFFIC_SECRET"), m -> new byte[] {5, 0, 0, 0});
        TlsException e = assertThrows(TlsException.class, () -> server.receive(secondFlight, 0, secondFlight.length));
        assertFailure(server, e, Violation.UNEXPECTED_MESSAGE, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void serverCompletesAHandshakeWhoseClientHelloMixesUnknownAndGreaseValuesIntoEveryList() {
        // RFC 8701 §3 / RFC 8446 §4.1.2, §4.2: unknown suites, groups, schemes, versions, shares and extensions
        // are ignored; unassigned code points and GREASE ones alike, ahead of and after the known values.
        ScriptedClient client = ScriptedClient.hello(Peers.server(46), ch -> {
            List<Integer> suites = new ArrayList<>(List.of(0x0a0a, 0x13ff));
            suites.addAll(ch.cipherSuites());
            suites.add(0xfafa);
            List<Extension> extensions = new ArrayList<>(List.of(new UnknownExtension(0x4a4a, Opaque.EMPTY),
                    new UnknownExtension(0xfe77, Opaque.fromHex("00ff"))));
            for (Extension e : ch.extensions().extensions()) {
                extensions.add(withUnknownValues(e));
            }
            extensions.add(new UnknownExtension(0xdada, Opaque.filled(3, 0)));
            return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), suites, ch.legacyCompressionMethods(),
                    new ExtensionBlock(ExtensionContext.CLIENT_HELLO, extensions));
        });
        ServerHello sh = client.finish();
        assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256.code(), sh.cipherSuite());
        // The default client shares X25519MLKEM768 and x25519; the server prefers the hybrid.
        assertEquals(NamedGroup.X25519MLKEM768.code(),
                sh.extensions().find(KeyShareServerHello.class).orElseThrow().serverShare().group());
        assertTrue(client.server().isHandshakeComplete());
    }

    /** {@code e} with unknown and GREASE values in front of its list, for the lists a ClientHello offers. */
    private static Extension withUnknownValues(Extension e) {
        if (e instanceof SupportedGroups g) {
            return new SupportedGroups(concat(List.of(0x2a2a, 0x01ff), g.namedGroupList()));
        }
        if (e instanceof SignatureAlgorithms a) {
            return new SignatureAlgorithms(concat(List.of(0x0fff), a.supportedSignatureAlgorithms()));
        }
        if (e instanceof SupportedVersionsClientHello v) {
            return new SupportedVersionsClientHello(concat(List.of(0x3a3a, 0x7f1c), v.versions()));
        }
        if (e instanceof KeyShareClientHello k) {
            return new KeyShareClientHello(concat(List.of(new KeyShareEntry(0x2a2a, Opaque.filled(1, 0)),
                    new KeyShareEntry(0x01ff, Opaque.filled(7, 1))), k.clientShares()));
        }
        return e;
    }

    @Test
    void reportsTheServersUnprotectedAlertRightAfterServerHelloAsItsError() {
        TlsEngine client = TlsEngine.client(Peers.client(48).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(49).build());
        Peers.transfer(client, server, Peers.Chunking.WHOLE, new java.util.Random(1));
        Peers.drain(client);
        // Only the ServerHello of the server's flight, then a handshake_failure alert in the clear.
        byte[] serverHello = Tamper.plaintextRecord(ContentType.HANDSHAKE, Tamper.plaintextHandshake(Peers.drain(server)));
        client.receive(serverHello, 0, serverHello.length);
        byte[] alert = Tamper.plaintextRecord(ContentType.ALERT, new byte[] {2, 40});
        TlsException e = assertThrows(TlsException.class, () -> client.receive(alert, 0, alert.length));
        assertEquals(Optional.of(AlertDescription.HANDSHAKE_FAILURE), e.received().map(a -> a.description()), e.getMessage());
        assertEquals(0, client.pendingOutput(), "nothing is sent back for the peer's own error");
    }

    @Test
    void rejectsAnUnprotectedAlertOnceProtectedRecordsHaveArrived() {
        TlsEngine client = TlsEngine.client(Peers.client(48).build(), "localhost");
        Peers.pump(client, TlsEngine.server(Peers.server(49).build()));
        byte[] alert = Tamper.plaintextRecord(ContentType.ALERT, new byte[] {2, 40});
        TlsException e = assertThrows(TlsException.class, () -> client.receive(alert, 0, alert.length));
        assertFailure(client, e, Violation.UNEXPECTED_RECORD, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }

    // ------------------------------------------------------------------ helpers

    private static void assertClientRejects(java.util.function.Function<ClientHello, HandshakeMessage> reply,
            Violation violation, AlertDescription alert) {
        assertClientRejects(Peers.client(40).build(), reply, violation, alert);
    }

    private static void assertClientRejects(TlsConfig config, java.util.function.Function<ClientHello, HandshakeMessage> reply,
            Violation violation, AlertDescription alert) {
        TlsEngine client = TlsEngine.client(config, "localhost");
        ClientHello ch = clientHello(Peers.drain(client));
        TlsException e = assertThrows(TlsException.class, () -> feed(client, reply.apply(ch)));
        assertFailure(client, e, violation, alert);
    }

    private static void assertServerRejects(UnaryOperator<ClientHello> mutate, Violation violation, AlertDescription alert) {
        ClientHello ch = clientHello(Peers.drain(TlsEngine.client(Peers.client(41).grease(false).build(), "localhost")));
        TlsEngine server = TlsEngine.server(Peers.server(42).build());
        TlsException e = assertThrows(TlsException.class, () -> feed(server, mutate.apply(ch)));
        assertFailure(server, e, violation, alert);
    }

    private static void assertTamperedServerFlight(UnaryOperator<byte[]> edit, Violation violation, AlertDescription alert) {
        List<String> serverLog = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(43).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(44).keyLog(KeyLog.to(serverLog::add)).build());
        Peers.transfer(client, server, Peers.Chunking.WHOLE, new java.util.Random(1));
        byte[] flight = Tamper.rewrite(Peers.drain(server), CipherSuite.TLS_AES_128_GCM_SHA256,
                Tamper.secret(serverLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET"), edit);
        TlsException e = assertThrows(TlsException.class, () -> client.receive(flight, 0, flight.length));
        assertFailure(client, e, violation, alert);
    }

    private static void assertHandshakeFails(TlsEngine client, Violation violation, AlertDescription alert) {
        TlsEngine server = TlsEngine.server(Peers.server(45, KeyKind.EC_P256).build());
        TlsException e = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Optional.of(violation), e.violation(), e.getMessage());
        assertEquals(alert, e.alert());
        // The one fatal alert reaches the server, which fails with it.
        TlsException atServer = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Optional.of(alert), atServer.received().map(a -> a.description()));
    }

    /** The engine failed with {@code violation}, queued exactly one fatal alert, and repeats the error. */
    static void assertFailure(TlsEngine engine, TlsException e, Violation violation, AlertDescription alert) {
        assertEquals(Optional.of(violation), e.violation(), e.getMessage());
        assertEquals(alert, e.alert());
        assertSame(e, engine.failure().orElseThrow());
        assertSame(e, assertThrows(TlsException.class, () -> engine.receive(new byte[1], 0, 1)));
        byte[] out = Peers.drain(engine);
        assertEquals(1, countAlertRecords(out), "exactly one alert record");
    }

    private static int countAlertRecords(byte[] out) {
        int alerts = 0;
        for (int pos = 0; pos < out.length; pos += 5 + ((out[pos + 3] & 0xff) << 8 | (out[pos + 4] & 0xff))) {
            // A plaintext alert (type 21) or, once encrypted, the last protected record.
            if (out[pos] == 21 || (out[pos] == 23 && pos + 5 + ((out[pos + 3] & 0xff) << 8 | (out[pos + 4] & 0xff)) == out.length)) {
                alerts++;
            }
        }
        return alerts;
    }

    static ClientHello clientHello(byte[] records) {
        HandshakeFrame frame = HandshakeFrame.parse(Opaque.of(records, 5, records.length - 5));
        return ClientHello.decode(frame.bodyReader());
    }

    static void feed(TlsEngine engine, HandshakeMessage message) {
        feedRaw(engine, message.frame().wireBytes().bytes());
    }

    static void feedRaw(TlsEngine engine, byte[] handshake) {
        byte[] records = Tamper.plaintextRecord(ContentType.HANDSHAKE, handshake);
        engine.receive(records, 0, records.length);
    }

    static KeyShareEntry share(NamedGroup group) {
        return KeyShareEntry.of(group, KeyExchanges.generate(group, Peers.random(50)).publicKey());
    }

    static ExtensionBlock shExtensions(KeyShareEntry share) {
        return ExtensionBlock.of(ExtensionContext.SERVER_HELLO, SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3),
                new KeyShareServerHello(share));
    }

    static ServerHello serverHello(ClientHello ch, int suite, KeyShareEntry share) {
        return new ServerHello(0x0303, Opaque.filled(32, 7), ch.legacySessionId(), suite, 0, shExtensions(share));
    }

    static HelloRetryRequest hrr(ClientHello ch, Extension... extra) {
        List<Extension> list = new ArrayList<>();
        list.add(SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3));
        list.addAll(Arrays.asList(extra));
        return new HelloRetryRequest(0x0303, ch.legacySessionId(), 0x1301, 0,
                new ExtensionBlock(ExtensionContext.HELLO_RETRY_REQUEST, list));
    }

    /** A ServerHello body with hand-written extension bytes, to send what the codec would refuse to build. */
    static HandshakeMessage serverHelloWithRawExtensions(ClientHello ch, String... extensions) {
        String hex = "0303" + "07".repeat(32) + String.format("%02x", ch.legacySessionId().length()) + ch.legacySessionId().hex()
                + "1301" + "00";
        String exts = String.join("", extensions);
        hex += String.format("%04x", exts.length() / 2) + exts;
        Opaque body = Opaque.fromHex(hex);
        return new HandshakeMessage() {
            @Override
            public dev.tlsworkbook.handshake.message.HandshakeType type() {
                return dev.tlsworkbook.handshake.message.HandshakeType.SERVER_HELLO;
            }

            @Override
            public void encode(dev.tlsworkbook.wire.WireWriter out) {
                out.bytes(body);
            }
        };
    }

    static String ext(int type, String dataHex) {
        return String.format("%04x%04x", type, dataHex.length() / 2) + dataHex;
    }

    static ClientHello withExtensions(ClientHello ch, List<Extension> extensions) {
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), new ExtensionBlock(ExtensionContext.CLIENT_HELLO, extensions));
    }

    static List<Extension> replace(ClientHello ch, Class<? extends Extension> type, Extension replacement) {
        return ch.extensions().extensions().stream().map(e -> type.isInstance(e) ? replacement : e).toList();
    }

    static List<Extension> remove(ClientHello ch, Class<? extends Extension> type) {
        return ch.extensions().extensions().stream().filter(e -> !type.isInstance(e)).toList();
    }
}
