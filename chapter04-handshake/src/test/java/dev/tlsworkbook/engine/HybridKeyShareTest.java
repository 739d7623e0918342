package dev.tlsworkbook.engine;

import static dev.tlsworkbook.engine.BadPeerTest.assertFailure;
import static dev.tlsworkbook.engine.BadPeerTest.clientHello;
import static dev.tlsworkbook.engine.BadPeerTest.feed;
import static dev.tlsworkbook.engine.BadPeerTest.hrr;
import static dev.tlsworkbook.engine.BadPeerTest.replace;
import static dev.tlsworkbook.engine.BadPeerTest.serverHello;
import static dev.tlsworkbook.engine.BadPeerTest.withExtensions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.HybridKem;
import dev.tlsworkbook.crypto.Kems;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.KeyShareEntry;
import dev.tlsworkbook.handshake.extension.KeyShareHelloRetryRequest;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hybrid groups of draft-ietf-tls-ecdhe-mlkem in the handshake: the defaults (X25519MLKEM768
 * first, shares for it and x25519), the server's choice, scripted peers sending malformed hybrid
 * shares, a HelloRetryRequest for a hybrid, and the 1.2 KB share through every fragmentation path.
 */
class HybridKeyShareTest {

    // ------------------------------------------------------------------ defaults and the server's choice

    @Test
    void theDefaultClientHelloListsX25519MlKem768FirstAndSharesItAndX25519() {
        ClientHello ch = clientHello(Peers.drain(TlsEngine.client(Peers.client(60).grease(false).build(), "localhost")));
        List<Integer> groups = ch.extensions().find(SupportedGroups.class).orElseThrow().namedGroupList();
        assertEquals(NamedGroup.X25519MLKEM768.code(), groups.get(0));
        List<KeyShareEntry> shares = ch.extensions().find(KeyShareClientHello.class).orElseThrow().clientShares();
        assertEquals(List.of(NamedGroup.X25519MLKEM768.code(), NamedGroup.X25519.code()),
                shares.stream().map(KeyShareEntry::group).toList());
        assertEquals(List.of(1216, 32), shares.stream().map(s -> s.keyExchange().length()).toList());
    }

    @Test
    void twoDefaultPeersNegotiateX25519MlKem768WithoutAHelloRetryRequest() {
        HandshakeSummary summary = handshake(Peers.client(61), Peers.server(62), Peers.Chunking.WHOLE);
        assertEquals(NamedGroup.X25519MLKEM768, summary.group().orElseThrow());
        assertFalse(summary.helloRetryRequest());
        assertTrue(summary.toString().contains(" X25519MLKEM768 "), summary.toString());
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519MLKEM768", "SECP256R1MLKEM768", "SECP384R1MLKEM1024"})
    void eachHybridCompletesBetweenOurPeers(NamedGroup group) {
        HandshakeSummary summary = handshake(Peers.client(63).groups(group), Peers.server(64), Peers.Chunking.WHOLE);
        assertEquals(group, summary.group().orElseThrow());
    }

    @Test
    void theServerTakesAGroupTheClientSharedRatherThanAskingForTheHybrid() {
        // The client lists the hybrid but shares x25519 only: the default server does not force a HelloRetryRequest.
        HandshakeSummary summary = handshake(Peers.client(65).keyShareGroups(NamedGroup.X25519), Peers.server(66),
                Peers.Chunking.WHOLE);
        assertEquals(NamedGroup.X25519, summary.group().orElseThrow());
        assertFalse(summary.helloRetryRequest());
    }

    @Test
    void theServersGroupPreferenceIsConfigurable() {
        // A server that prefers x25519 takes it even though the client shared the hybrid too.
        HandshakeSummary summary = handshake(Peers.client(67),
                Peers.server(68).groups(NamedGroup.X25519, NamedGroup.X25519MLKEM768), Peers.Chunking.WHOLE);
        assertEquals(NamedGroup.X25519, summary.group().orElseThrow());
    }

    // ------------------------------------------------------------------ HelloRetryRequest for a hybrid

    @Test
    void ourServerAsksForTheHybridAndOurClientAnswersWithAHybridShare() {
        HandshakeSummary summary = handshake(Peers.client(69).keyShareGroups(NamedGroup.X25519),
                Peers.server(70).groups(NamedGroup.X25519MLKEM768), Peers.Chunking.WHOLE);
        assertEquals(NamedGroup.X25519MLKEM768, summary.group().orElseThrow());
        assertTrue(summary.helloRetryRequest());
    }

    @Test
    void aScriptedHelloRetryRequestForTheHybridGetsOneHybridShare() {
        // RFC 8446 §4.1.4 / §4.2.8: legal, since we listed the group without sharing it.
        TlsEngine client = TlsEngine.client(Peers.client(71).grease(false).keyShareGroups(NamedGroup.X25519).build(),
                "localhost");
        ClientHello ch = clientHello(Peers.drain(client));
        feed(client, hrr(ch, KeyShareHelloRetryRequest.of(NamedGroup.X25519MLKEM768)));
        byte[] out = Peers.drain(client);
        int ccs = out[0] == 20 ? 6 : 0; // the compatibility change_cipher_spec comes first
        ClientHello second = clientHello(java.util.Arrays.copyOfRange(out, ccs, out.length));
        List<KeyShareEntry> shares = second.extensions().find(KeyShareClientHello.class).orElseThrow().clientShares();
        assertEquals(1, shares.size());
        assertEquals(NamedGroup.X25519MLKEM768.code(), shares.get(0).group());
        assertEquals(HybridKem.X25519MLKEM768.clientShareLength(), shares.get(0).keyExchange().length());
    }

    // ------------------------------------------------------------------ malformed hybrid shares, to our server

    @Test
    void serverRejectsAHybridShareOneByteShort() {
        assertServerRejects(share -> share.slice(0, share.length() - 1));
    }

    @Test
    void serverRejectsAHybridShareOneByteLong() {
        assertServerRejects(share -> share.concat(Opaque.of(new byte[1])));
    }

    @Test
    void serverRejectsTheX25519ShareAloneUnderTheHybridsCode() {
        assertServerRejects(share -> share.slice(1184, 32));
    }

    @Test
    void serverRejectsAnEncapsulationKeyFailingTheFips203ModulusCheck() {
        assertServerRejects(share -> {
            byte[] b = share.bytes();
            b[0] = (byte) 0xff; // first coefficient 0x?ff | 0xf00 = 4095 >= q
            b[1] |= 0x0f;
            return Opaque.of(b);
        });
    }

    @Test
    void serverRejectsASmallOrderX25519PartInsideTheHybridShare() {
        assertServerRejects(share -> {
            byte[] b = share.bytes();
            java.util.Arrays.fill(b, 1184, 1216, (byte) 0);
            return Opaque.of(b);
        });
    }

    @Test
    void serverRejectsAHybridShareForAGroupNotInSupportedGroups() {
        // RFC 8446 §4.2.8: "Clients MUST NOT offer any KeyShareEntry values for groups not listed in the client's
        // "supported_groups" extension" -> illegal_parameter.
        ClientHello ch = defaultClientHello(72);
        List<Integer> withoutHybrid = ch.extensions().find(SupportedGroups.class).orElseThrow().namedGroupList().stream()
                .filter(g -> g != NamedGroup.X25519MLKEM768.code()).toList();
        ClientHello bad = withExtensions(ch, replace(ch, SupportedGroups.class, new SupportedGroups(withoutHybrid)));
        TlsEngine server = TlsEngine.server(Peers.server(73).build());
        TlsException e = assertThrows(TlsException.class, () -> feed(server, bad));
        assertFailure(server, e, Violation.ILLEGAL_HELLO_FIELD, AlertDescription.ILLEGAL_PARAMETER);
    }

    // ------------------------------------------------------------------ malformed hybrid shares, to our client

    static Stream<Integer> badServerShareLengths() {
        return Stream.of(1, 32, 1088, 1119, 1121, 1216); // an empty one is a decode_error (opaque<1..2^16-1>)
    }

    @ParameterizedTest
    @MethodSource("badServerShareLengths")
    void clientRejectsAHybridServerShareOfTheWrongSize(int length) {
        assertClientRejects(Opaque.filled(length, 0x55));
    }

    @Test
    void clientRejectsASmallOrderX25519PartInTheServersHybridShare() {
        byte[] share = new byte[1120];
        java.util.Arrays.fill(share, 0, 1088, (byte) 0x55); // any ciphertext bytes; the X25519 part is all zeros
        assertClientRejects(Opaque.of(share));
    }

    @Test
    void clientRejectsAServerHelloForTheHybridWhenItSentNoHybridShare() {
        TlsEngine client = TlsEngine.client(Peers.client(74).keyShareGroups(NamedGroup.X25519).build(), "localhost");
        ClientHello ch = clientHello(Peers.drain(client));
        TlsException e = assertThrows(TlsException.class, () -> feed(client, serverHello(ch, 0x1301,
                KeyShareEntry.of(NamedGroup.X25519MLKEM768, Opaque.filled(1120, 0x55)))));
        assertFailure(client, e, Violation.ILLEGAL_SERVER_HELLO, AlertDescription.ILLEGAL_PARAMETER);
    }

    // ------------------------------------------------------------------ the 1.2 KB share and fragmentation

    @ParameterizedTest
    @EnumSource(Peers.Chunking.class)
    void theHybridHandshakeSurvivesEveryTransportChunking(Peers.Chunking chunking) {
        assertEquals(NamedGroup.X25519MLKEM768, handshake(Peers.client(75), Peers.server(76), chunking).group().orElseThrow());
    }

    @Test
    void theHybridClientHelloAndServerHelloSurviveOneByteRecordsFedOneByteAtATime() {
        // RFC 8446 §5.1: "Handshake messages MAY be fragmented across multiple records". Every plaintext handshake
        // record of both first flights is cut into records of one byte each, then delivered one byte at a time.
        TlsEngine client = TlsEngine.client(Peers.client(77).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(78).build());
        boolean moved = true;
        while (moved) {
            moved = false;
            for (TlsEngine[] pair : new TlsEngine[][] {{client, server}, {server, client}}) {
                byte[] bytes = Peers.drain(pair[0]);
                if (bytes.length > 0) {
                    moved = true;
                    byte[] split = splitPlaintextHandshakeRecords(bytes, 1);
                    for (int i = 0; i < split.length; i++) {
                        pair[1].receive(split, i, 1);
                    }
                }
            }
        }
        assertTrue(client.isHandshakeComplete() && server.isHandshakeComplete());
        assertEquals(NamedGroup.X25519MLKEM768, client.summary().orElseThrow().group().orElseThrow());
    }

    @Test
    void aClientHelloWithEveryHybridShareStillFitsTheDefaultLimits() {
        // 1216 + 1249 + 1665 bytes of shares plus x25519: a ClientHello of about 4.4 KB, still one record.
        List<NamedGroup> all = new ArrayList<>(Kems.hybridGroups());
        all.add(NamedGroup.X25519);
        HandshakeSummary summary = handshake(Peers.client(79).groups(all).keyShareGroups(all), Peers.server(80),
                Peers.Chunking.ONE_BYTE);
        assertEquals(NamedGroup.X25519MLKEM768, summary.group().orElseThrow());
    }

    // ------------------------------------------------------------------ helpers

    private static HandshakeSummary handshake(TlsConfig.Builder client, TlsConfig.Builder server, Peers.Chunking chunking) {
        TlsEngine c = TlsEngine.client(client.build(), "localhost");
        TlsEngine s = TlsEngine.server(server.build());
        Peers.pump(c, s, chunking);
        assertTrue(c.isHandshakeComplete() && s.isHandshakeComplete(), "both sides finished");
        assertEquals(c.summary().orElseThrow().group().orElseThrow(), s.summary().orElseThrow().group().orElseThrow());
        return s.summary().orElseThrow();
    }

    private static ClientHello defaultClientHello(long seed) {
        return clientHello(Peers.drain(TlsEngine.client(Peers.client(seed).grease(false).build(), "localhost")));
    }

    /** Our server gets the default ClientHello with its X25519MLKEM768 share edited by {@code edit}. */
    private static void assertServerRejects(UnaryOperator<Opaque> edit) {
        ClientHello ch = defaultClientHello(81);
        List<KeyShareEntry> shares = new ArrayList<>();
        for (KeyShareEntry e : ch.extensions().find(KeyShareClientHello.class).orElseThrow().clientShares()) {
            shares.add(e.group() == NamedGroup.X25519MLKEM768.code() ? new KeyShareEntry(e.group(), edit.apply(e.keyExchange())) : e);
        }
        ClientHello bad = withExtensions(ch, replace(ch, KeyShareClientHello.class, new KeyShareClientHello(shares)));
        TlsEngine server = TlsEngine.server(Peers.server(82).build());
        TlsException e = assertThrows(TlsException.class, () -> feed(server, bad));
        assertFailure(server, e, Violation.INVALID_KEY_SHARE, AlertDescription.ILLEGAL_PARAMETER);
    }

    /** Our default client gets a ServerHello selecting X25519MLKEM768 with {@code share}. */
    private static void assertClientRejects(Opaque share) {
        TlsEngine client = TlsEngine.client(Peers.client(83).build(), "localhost");
        ClientHello ch = clientHello(Peers.drain(client));
        TlsException e = assertThrows(TlsException.class,
                () -> feed(client, serverHello(ch, 0x1301, KeyShareEntry.of(NamedGroup.X25519MLKEM768, share))));
        assertFailure(client, e, Violation.INVALID_KEY_SHARE, AlertDescription.ILLEGAL_PARAMETER);
    }

    /** Cuts each plaintext handshake record (type 22) into records of {@code size} content bytes; others unchanged. */
    private static byte[] splitPlaintextHandshakeRecords(byte[] records, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < records.length) {
            int length = (records[pos + 3] & 0xff) << 8 | (records[pos + 4] & 0xff);
            if (records[pos] == 22) {
                for (int i = 0; i < length; i += size) {
                    int n = Math.min(size, length - i);
                    out.write(records, pos, 3);
                    out.write(n >> 8);
                    out.write(n);
                    out.write(records, pos + 5 + i, n);
                }
            } else {
                out.write(records, pos, 5 + length);
            }
            pos += 5 + length;
        }
        return out.toByteArray();
    }
}
