package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.keyschedule.KeyLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class HandshakeTest {

    static Stream<Arguments> suitesAndGroups() {
        List<Arguments> all = new ArrayList<>();
        for (CipherSuite suite : List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256)) {
            for (NamedGroup group : List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.X448, NamedGroup.SECP384R1)) {
                all.add(Arguments.of(suite, group));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("suitesAndGroups")
    void completesHandshakeAndExchangesDataOverEverySuiteAndGroup(CipherSuite suite, NamedGroup group) {
        TlsEngine client = TlsEngine.client(Peers.client(1).cipherSuites(suite).groups(group).keyShareGroups(group).build(),
                "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(2).build());
        HandshakeSummary summary = connectAndTalk(client, server, Peers.Chunking.WHOLE);
        assertEquals(suite, summary.cipherSuite());
        assertEquals(group, summary.group().orElseThrow());
        assertEquals(TrustStatus.TRUSTED, summary.trust());
        assertFalse(summary.helloRetryRequest());
        assertEquals(summary.cipherSuite(), server.summary().orElseThrow().cipherSuite());
        assertEquals(TrustStatus.ANONYMOUS, server.summary().orElseThrow().trust());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "EC_P384", "RSA_2048", "RSA_3072", "RSA_4096", "ED25519"})
    void authenticatesEveryCertificateType(KeyKind kind) {
        TlsEngine client = TlsEngine.client(Peers.client(3).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(4, kind).build());
        HandshakeSummary summary = connectAndTalk(client, server, Peers.Chunking.WHOLE);
        SignatureScheme expected = switch (kind) {
            case EC_P256 -> SignatureScheme.ECDSA_SECP256R1_SHA256;
            case EC_P384 -> SignatureScheme.ECDSA_SECP384R1_SHA384;
            case RSA_2048, RSA_3072, RSA_4096 -> SignatureScheme.RSA_PSS_RSAE_SHA256;
            default -> SignatureScheme.ED25519;
        };
        assertEquals(Optional.of(expected), summary.signatureScheme());
        assertEquals(Optional.of("CN=localhost"), summary.peerSubject().map(s -> s.replaceAll(",.*", "")));
        assertEquals(Peers.leaf(kind).chain().leaf(), client.peerCertificates().get(0));
    }

    @ParameterizedTest
    @EnumSource(value = Peers.Chunking.class, names = {"ONE_BYTE", "RANDOM"})
    void handlesBytesArrivingInAnyChunks(Peers.Chunking chunking) {
        TlsEngine client = TlsEngine.client(Peers.client(5).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(6).build());
        connectAndTalk(client, server, chunking);
    }

    @Test
    void retriesWithTheGroupTheServerAsksFor() {
        TlsEngine client = TlsEngine.client(Peers.client(7).keyShareGroups(NamedGroup.X25519).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(8).groups(NamedGroup.SECP256R1).build());
        HandshakeSummary summary = connectAndTalk(client, server, Peers.Chunking.WHOLE);
        assertTrue(summary.helloRetryRequest());
        assertEquals(NamedGroup.SECP256R1, summary.group().orElseThrow());
        assertTrue(server.summary().orElseThrow().helloRetryRequest());
    }

    @Test
    void updatesKeysBothWaysWhenRequested() {
        TlsEngine client = TlsEngine.client(Peers.client(9).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(10).build());
        Peers.pump(client, server);
        client.updateKeys(true);
        Peers.pump(client, server);
        server.updateKeys(true);
        Peers.pump(client, server);
        exchange(client, server, "after two key updates");
        exchange(server, client, "and back");
    }

    @Test
    void agreesOnTheServersPreferredApplicationProtocol() {
        TlsEngine client = TlsEngine.client(Peers.client(11).alpnProtocols("http/1.1", "h2").build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(12).alpnProtocols("h2", "http/1.1").build());
        HandshakeSummary summary = connectAndTalk(client, server, Peers.Chunking.WHOLE);
        assertEquals(Optional.of("h2"), summary.applicationProtocol());
        assertEquals(Optional.of("h2"), server.applicationProtocol());
    }

    @Test
    void refusesAClientWithNoApplicationProtocolInCommon() {
        TlsEngine client = TlsEngine.client(Peers.client(13).alpnProtocols("imap").build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(14).alpnProtocols("h2").build());
        TlsException e = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Optional.of(Violation.NO_APPLICATION_PROTOCOL), e.violation());
        TlsException atClient = assertThrows(TlsException.class, () -> Peers.pump(server, client));
        assertEquals(Optional.of(AlertDescription.NO_APPLICATION_PROTOCOL), atClient.received().map(a -> a.description()));
    }

    @Test
    void picksTheChainTheClientCanVerify() {
        TlsConfig serverConfig = Peers.server(15, KeyKind.RSA_2048, KeyKind.EC_P256).build();
        TlsEngine ecdsaClient = TlsEngine.client(Peers.client(16)
                .signatureSchemes(SignatureScheme.ECDSA_SECP256R1_SHA256).build(), "localhost");
        TlsEngine server1 = TlsEngine.server(serverConfig);
        assertEquals(Optional.of(SignatureScheme.ECDSA_SECP256R1_SHA256),
                connectAndTalk(ecdsaClient, server1, Peers.Chunking.WHOLE).signatureScheme());
        TlsEngine rsaClient = TlsEngine.client(Peers.client(17)
                .signatureSchemes(SignatureScheme.RSA_PSS_RSAE_SHA256).build(), "localhost");
        TlsEngine server2 = TlsEngine.server(serverConfig);
        assertEquals(Optional.of(SignatureScheme.RSA_PSS_RSAE_SHA256),
                connectAndTalk(rsaClient, server2, Peers.Chunking.WHOLE).signatureScheme());
    }

    @Test
    void acceptsAGreaseLadenClientHelloAndWithoutGreaseOrCompatibilityMode() {
        TlsEngine greasy = TlsEngine.client(Peers.client(18).grease(true).build(), "localhost");
        connectAndTalk(greasy, TlsEngine.server(Peers.server(19).build()), Peers.Chunking.WHOLE);
        TlsEngine plain = TlsEngine.client(Peers.client(20).grease(false).middleboxCompatibility(false).build(), "localhost");
        connectAndTalk(plain, TlsEngine.server(Peers.server(21).build()), Peers.Chunking.WHOLE);
    }

    @Test
    void reportsTruncationWhenTheStreamEndsWithoutCloseNotify() {
        TlsEngine client = TlsEngine.client(Peers.client(22).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(23).build());
        Peers.pump(client, server);
        TlsException e = assertThrows(TlsException.class, client::receiveEndOfStream);
        assertEquals(Optional.of(Violation.TRUNCATION), e.violation());
        assertEquals(0, client.pendingOutput(), "nothing is sent after EOF");
        assertThrows(TlsException.class, () -> client.writePlaintext(new byte[1], 0, 1));
    }

    @Test
    void writesTheSameSecretsToBothKeyLogs() {
        List<String> clientLines = Collections.synchronizedList(new ArrayList<>());
        List<String> serverLines = Collections.synchronizedList(new ArrayList<>());
        TlsEngine client = TlsEngine.client(Peers.client(24).keyLog(KeyLog.to(clientLines::add)).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(25).keyLog(KeyLog.to(serverLines::add)).build());
        connectAndTalk(client, server, Peers.Chunking.WHOLE);
        assertEquals(5, clientLines.size(), clientLines.toString());
        assertEquals(clientLines, serverLines);
        assertTrue(clientLines.get(0).startsWith("CLIENT_HANDSHAKE_TRAFFIC_SECRET "));
    }

    /** Handshake, data both ways, close_notify both ways; returns the client's summary. */
    static HandshakeSummary connectAndTalk(TlsEngine client, TlsEngine server, Peers.Chunking chunking) {
        Peers.pump(client, server, chunking);
        assertTrue(client.isHandshakeComplete());
        assertTrue(server.isHandshakeComplete());
        exchange(client, server, "hello from the client");
        exchange(server, client, "hello from the server");
        client.closeOutbound();
        Peers.pump(client, server, chunking);
        assertEquals(-1, server.readPlaintext(new byte[1], 0, 1));
        server.closeOutbound();
        Peers.pump(client, server, chunking);
        assertEquals(-1, client.readPlaintext(new byte[1], 0, 1));
        assertTrue(client.isClosed());
        assertTrue(server.isClosed());
        client.receiveEndOfStream();
        return client.summary().orElseThrow();
    }

    static void exchange(TlsEngine from, TlsEngine to, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        from.writePlaintext(bytes, 0, bytes.length);
        Peers.pump(from, to);
        assertArrayEquals(bytes, Peers.readAll(to));
    }
}
