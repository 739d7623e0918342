package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.KeyExchange;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.KeyShareEntry;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.alert.Alert;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.record.ContentType;
import java.security.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Hostile and odd input found by conformance suites and review (scripted peers, GUIDE §9.4):
 * each test is named after the rule it checks and failed before the engine followed it.
 */
class HostileInputTest {

    // ------------------------------------------------------------------ legacy_version (RFC 8446 §4.2.1, D.2)

    @Test
    void legacyVersionBelowTls10IsAProtocolVersionError() {
        for (int legacy : new int[] {0x0300, 0x0200, 0x0000, 0x0102}) {
            assertServerRejects(ch -> withLegacyVersion(ch, legacy), Violation.UNSUPPORTED_VERSION,
                    AlertDescription.PROTOCOL_VERSION);
        }
    }

    @Test
    void supportedVersionsAloneDecidesWhenLegacyVersionIsTls10Or11() {
        for (int legacy : new int[] {0x0301, 0x0302}) {
            ScriptedClient client = ScriptedClient.hello(Peers.server(61), ch -> withLegacyVersion(ch, legacy));
            client.finish();
            assertTrue(client.server().isHandshakeComplete(), String.format("legacy_version 0x%04x", legacy));
        }
    }

    // ------------------------------------------------------------------ size and work (GUIDE §11)

    @Test
    void aClientHelloLargerThan64KiBIsAccepted() {
        // signature_algorithms near 2^16 bytes: the client's real list, then unknown codes (ignored past the cap).
        // The 1,216-byte X25519MLKEM768 share is left out, so that the extensions still fit their 2-byte length.
        ScriptedClient client = ScriptedClient.hello(Peers.server(62), hello -> {
            ClientHello ch = BadPeerTest.withExtensions(hello, BadPeerTest.replace(hello, KeyShareClientHello.class,
                    new KeyShareClientHello(hello.extensions().find(KeyShareClientHello.class).orElseThrow().clientShares()
                            .stream().filter(share -> share.group() == NamedGroup.X25519.code()).toList())));
            return BadPeerTest.withExtensions(ch, BadPeerTest.replace(ch, SignatureAlgorithms.class, new SignatureAlgorithms(
                    concat(ch.extensions().find(SignatureAlgorithms.class).orElseThrow().supportedSignatureAlgorithms(),
                            unknownCodes(32_680, 0x0f00)))));
        });
        assertTrue(client.clientHelloLength() > 65_536, client.clientHelloLength() + " bytes");
        client.finish();
        assertTrue(client.server().isHandshakeComplete());
    }

    @Test
    void otherHandshakeMessagesKeepTheSmallerLimit() {
        TlsEngine client = TlsEngine.client(Peers.client(63).build(), "localhost");
        Peers.drain(client);
        // A ServerHello header announcing 65,537 bytes: over the general limit, refused before the body arrives.
        TlsException e = assertThrows(TlsException.class, () -> BadPeerTest.feedRaw(client, new byte[] {2, 1, 0, 1}));
        assertEquals(Optional.of(Violation.HANDSHAKE_MESSAGE_TOO_LARGE), e.violation());
        assertEquals(TlsConfig.DEFAULT_MAX_CLIENT_HELLO_SIZE, Peers.client(1).build().maxHandshakeMessageSize(1));
        assertEquals(1 << 16, Peers.client(1).build().maxHandshakeMessageSize(2));
    }

    @Test
    void negotiationOfAHugeClientHelloIsLinearAndItsErrorIsShort() {
        // ~16,000 groups and shares the server does not support: no group in common, after a linear pass.
        List<Integer> groups = unknownCodes(8_000, 0x3000);
        List<KeyShareEntry> shares = new ArrayList<>();
        for (int code : groups.subList(0, 7_000)) {
            shares.add(new KeyShareEntry(code, Opaque.filled(1, 1)));
        }
        long start = System.nanoTime();
        TlsException e = assertServerRejects(ch -> BadPeerTest.withExtensions(ch, replaceAll(ch,
                new SupportedGroups(groups), new KeyShareClientHello(shares))), Violation.NO_COMMON_GROUP,
                AlertDescription.HANDSHAKE_FAILURE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().length() < 400, e.getMessage());
        assertTrue(e.getMessage().contains("8000 in all"), e.getMessage());
        assertTrue(millis < 2_000, millis + " ms");
    }

    @Test
    void peerListEntriesBeyondTheCapAreIgnoredNotRefused() {
        // x25519 is offered only after 600 unknown groups: beyond the default cap of 512 it is not seen,
        // so the server asks with a HelloRetryRequest for the first group it does see; it never fails the message.
        TlsEngine server = TlsEngine.server(Peers.server(64).groups(NamedGroup.X25519, NamedGroup.SECP256R1).build());
        // A classical client: the test's supported_groups keeps x25519 only, the group of its one share.
        ClientHello ch = BadPeerTest.clientHello(Peers.drain(TlsEngine.client(Peers.client(65).grease(false)
                .keyShareGroups(NamedGroup.X25519).build(), "localhost")));
        List<Integer> groups = concat(unknownCodes(600, 0x0b00), List.of(NamedGroup.SECP256R1.code()));
        BadPeerTest.feed(server, BadPeerTest.withExtensions(ch, BadPeerTest.replace(ch, SupportedGroups.class,
                new SupportedGroups(concat(groups.subList(0, 10), List.of(NamedGroup.X25519.code()), groups.subList(10, groups.size()))))));
        assertTrue(server.failure().isEmpty());
        TlsEngine capped = TlsEngine.server(Peers.server(66).groups(NamedGroup.X25519, NamedGroup.SECP256R1)
                .maxPeerListEntries(5).build());
        TlsException e = assertThrows(TlsException.class, () -> BadPeerTest.feed(capped, BadPeerTest.withExtensions(ch,
                BadPeerTest.replace(ch, SupportedGroups.class, new SupportedGroups(concat(unknownCodes(5, 0x0b00),
                        List.of(NamedGroup.X25519.code())))))));
        assertEquals(Optional.of(Violation.NO_COMMON_GROUP), e.violation());
    }

    // ------------------------------------------------------------------ fail closed

    @Test
    void anUnexpectedProviderExceptionEndsTheConnectionWithInternalError() {
        KeyLog broken = line -> {
            throw new ProviderException("hardware token went away");
        };
        TlsEngine client = TlsEngine.client(Peers.client(67).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(68).keyLog(broken).build());
        TlsException atServer = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Optional.of(Violation.INTERNAL_ERROR), atServer.violation());
        assertTrue(atServer.getCause() instanceof ProviderException);
        assertTrue(server.isClosed());
        assertEquals(Optional.of(atServer), server.failure());
        // Exactly one fatal alert reaches the client.
        TlsException atClient = assertThrows(TlsException.class, () -> Peers.pump(server, client));
        assertEquals(Optional.of(AlertDescription.INTERNAL_ERROR), atClient.received().map(Alert::description));
    }

    // ------------------------------------------------------------------ change_cipher_spec (RFC 8446 §5, D.4)

    @Test
    void onlyOneCompatibilityChangeCipherSpecIsTolerated() {
        ScriptedClient client = ScriptedClient.hello(Peers.server(69), ch -> ch);
        byte[] ccs = {20, 3, 3, 0, 1, 1};
        client.send(ccs);
        TlsException e = assertThrows(TlsException.class, () -> client.send(ccs));
        assertEquals(Optional.of(Violation.BAD_CHANGE_CIPHER_SPEC), e.violation());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void aChangeCipherSpecInsideAFragmentedHandshakeMessageIsUnexpected() {
        // The client drops a compatibility change_cipher_spec once its ClientHello is out, but not between two
        // fragments of the ServerHello (RFC 8446 §5.1).
        TlsEngine client = TlsEngine.client(Peers.client(70).build(), "localhost");
        ClientHello ch = BadPeerTest.clientHello(Peers.drain(client));
        byte[] sh = BadPeerTest.serverHello(ch, 0x1301, BadPeerTest.share(NamedGroup.X25519)).frame().wireBytes().bytes();
        byte[] first = Tamper.plaintextRecord(ContentType.HANDSHAKE, java.util.Arrays.copyOfRange(sh, 0, 20));
        client.receive(first, 0, first.length);
        byte[] ccs = {20, 3, 3, 0, 1, 1};
        TlsException e = assertThrows(TlsException.class, () -> client.receive(ccs, 0, ccs.length));
        assertEquals(Optional.of(Violation.BAD_CHANGE_CIPHER_SPEC), e.violation(), e.getMessage());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        assertTrue(e.getMessage().startsWith("RFC 8446 §5.1"), e.getMessage());
    }

    @Test
    void warningUserCanceledAlertsCountAgainstTheRecordLimit() {
        TlsEngine client = TlsEngine.client(Peers.client(72).build(), "localhost");
        Peers.drain(client);
        byte[] canceled = Tamper.plaintextRecord(ContentType.ALERT, new byte[] {1, 90});
        TlsException e = assertThrows(TlsException.class, () -> {
            for (int i = 0; i <= TlsEngine.MAX_RECORDS_WITHOUT_DATA; i++) {
                client.receive(canceled, 0, canceled.length);
            }
        });
        assertEquals(Optional.of(Violation.TOO_MANY_RECORDS_WITHOUT_DATA), e.violation());
    }

    // ------------------------------------------------------------------ alerts (RFC 8446 §6)

    @Test
    void aClientsPlaintextAlertAfterTheServersFlightIsTheClientsError() {
        TlsEngine client = TlsEngine.client(Peers.client(73).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(74).build());
        Peers.transfer(client, server, Peers.Chunking.WHOLE, new java.util.Random(1));
        Peers.drain(server);
        byte[] alert = Tamper.plaintextRecord(ContentType.ALERT, new byte[] {2, 48});
        TlsException e = assertThrows(TlsException.class, () -> server.receive(alert, 0, alert.length));
        assertEquals(Optional.of(AlertDescription.UNKNOWN_CA), e.received().map(Alert::description), e.getMessage());
        assertTrue(server.isClosed());
        assertEquals(0, server.pendingOutput(), "nothing is sent back for the peer's own error");
    }

    @Test
    void anUnknownAlertIsTheFatalErrorOfThePeer() {
        for (int level : new int[] {1, 2}) {
            TlsEngine client = TlsEngine.client(Peers.client(75).build(), "localhost");
            Peers.drain(client);
            byte[] alert = Tamper.plaintextRecord(ContentType.ALERT, new byte[] {(byte) level, (byte) 0xfe});
            TlsException e = assertThrows(TlsException.class, () -> client.receive(alert, 0, alert.length));
            assertFalse(e.isLocal());
            assertEquals(0xfe, e.receivedUnknownDescription().orElseThrow());
            assertEquals(0, client.pendingOutput(), "nothing is sent back");
            assertTrue(client.isClosed());
        }
    }

    // ------------------------------------------------------------------ what the log and trace say

    @Test
    void aTruncatedConnectionSaysNoAlertWasSent() {
        TlsEngine client = TlsEngine.client(Peers.client(76).build(), "localhost");
        Peers.drain(client);
        TlsException e = assertThrows(TlsException.class, client::receiveEndOfStream);
        assertEquals(Optional.empty(), client.fatalAlertSent());
        assertEquals(0, client.pendingOutput());
        assertTrue(TlsIOException.of(e, client.fatalAlertSent()).getMessage().startsWith("no alert sent: "));
    }

    @Test
    void anAlertIsTracedWithTheKeysItTravelledUnder() {
        List<String> lines = new ArrayList<>();
        TraceListener listener = new TraceListener() {
            @Override
            public void alert(Direction direction, Alert alert, String epoch) {
                lines.add(direction + " " + alert.description() + " " + epoch);
            }
        };
        // One listener for two server connections, as the demo server shares its printer.
        TlsConfig serverConfig = Peers.server(77).traceListener(listener).build();
        Peers.pump(TlsEngine.client(Peers.client(78).build(), "localhost"), TlsEngine.server(serverConfig));
        TlsEngine second = TlsEngine.server(serverConfig);
        byte[] junk = Tamper.plaintextRecord(ContentType.HANDSHAKE, new byte[] {2, 0, 0, 0});
        assertThrows(TlsException.class, () -> second.receive(junk, 0, junk.length));
        assertEquals("SENT " + AlertDescription.UNEXPECTED_MESSAGE + " plaintext", lines.get(lines.size() - 1));
    }

    // ------------------------------------------------------------------ the verify policy needs a name

    @Test
    void theVerifyPolicyRequiresAServerName() {
        assertThrows(IllegalArgumentException.class, () -> TlsEngine.client(Peers.client(79).build(), null));
        TlsConfig skipping = Peers.client(79).trustPolicy(TrustPolicy.verify(List.of(Peers.pki().caCertificate()), Peers.NOW)
                .withoutHostnameCheck()).build();
        TlsEngine client = TlsEngine.client(skipping, null);
        Peers.pump(client, TlsEngine.server(Peers.server(80).build()));
        assertEquals(TrustStatus.TRUSTED_NAME_NOT_CHECKED, client.summary().orElseThrow().trust());
        assertTrue(client.summary().orElseThrow().toString().startsWith("Trusted-name-NOT-checked "));
    }

    // ------------------------------------------------------------------ secrets

    @Test
    void theClientsEphemeralKeysAreDestroyedAfterTheServerHello() {
        List<KeyExchange> made = new ArrayList<>();
        TlsConfig config = Peers.client(81).keyShareGroups(NamedGroup.X25519, NamedGroup.SECP256R1)
                .keyExchangeFactory((group, random) -> {
                    KeyExchange k = KeyExchanges.generate(group, random);
                    made.add(k);
                    return k;
                }).build();
        TlsEngine client = TlsEngine.client(config, "localhost");
        Peers.pump(client, TlsEngine.server(Peers.server(82).build()));
        assertTrue(client.isHandshakeComplete());
        assertEquals(2, made.size());
        made.forEach(k -> assertTrue(k.isDestroyed(), k.group() + " key destroyed"));
    }

    // ------------------------------------------------------------------ helpers

    private static TlsException assertServerRejects(UnaryOperator<ClientHello> mutate, Violation violation, AlertDescription alert) {
        ClientHello ch = BadPeerTest.clientHello(Peers.drain(TlsEngine.client(Peers.client(60).grease(false).build(), "localhost")));
        TlsEngine server = TlsEngine.server(Peers.server(59).build());
        TlsException e = assertThrows(TlsException.class, () -> BadPeerTest.feed(server, mutate.apply(ch)));
        assertEquals(Optional.of(violation), e.violation(), e.getMessage());
        assertEquals(alert, e.alert());
        assertTrue(server.isClosed());
        return e;
    }

    private static ClientHello withLegacyVersion(ClientHello ch, int legacy) {
        return new ClientHello(legacy, ch.random(), ch.legacySessionId(), ch.cipherSuites(), ch.legacyCompressionMethods(),
                ch.extensions());
    }

    private static List<Extension> replaceAll(ClientHello ch, Extension... replacements) {
        List<Extension> list = ch.extensions().extensions();
        for (Extension r : replacements) {
            list = list.stream().map(e -> e.getClass() == r.getClass() ? r : e).toList();
        }
        return list;
    }

    private static List<Integer> unknownCodes(int n, int from) {
        List<Integer> codes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            codes.add(from + i);
        }
        return codes;
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
