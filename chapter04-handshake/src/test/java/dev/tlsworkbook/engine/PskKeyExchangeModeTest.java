package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.keyschedule.HandshakeSecret;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.KeyShareHelloRetryRequest;
import dev.tlsworkbook.handshake.message.HelloRetryRequest;
import dev.tlsworkbook.handshake.message.ServerHello;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeMode;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeModes;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.ServerHelloMessage;
import dev.tlsworkbook.handshake.resumption.ClientSession;
import dev.tlsworkbook.handshake.resumption.SessionCache;
import dev.tlsworkbook.keyschedule.EarlySecret;
import dev.tlsworkbook.keyschedule.Transcript;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * RFC 8446 §4.2.9: psk_dhe_ke is what our client offers and our server prefers; psk_ke (no fresh
 * (EC)DHE, so no forward secrecy for the resumed connection) is accepted only when configured.
 *
 * <p>A client that allows only psk_ke need send no key share. What the server does with such a
 * ClientHello (RFC 8446 §4.2.8, §4.2.9, §9.2):
 * <ul>
 *   <li>supported_groups and a key_share with no entries ("An empty KeyShare.client_shares vector
 *       is permitted"): resumed with psk_ke when configured, no HelloRetryRequest; otherwise the PSK
 *       cannot be used ("Servers MUST NOT select a key exchange mode that is not listed by the
 *       client"), and the full handshake needs a share, asked for with a HelloRetryRequest (§4.1.4);</li>
 *   <li>supported_groups without key_share: missing_extension (§9.2 "MUST also contain a
 *       "key_share" extension");</li>
 *   <li>neither (a PSK-only ClientHello, legal with pre_shared_key, §9.2): resumed with psk_ke
 *       when configured, the (EC)DHE input to the key schedule being zeros (§7.1), and the summary
 *       names no group; otherwise nothing is in common: handshake_failure (§4.1.1).</li>
 * </ul>
 */
class PskKeyExchangeModeTest {

    /** A resuming ClientHello whose modes are psk_ke only, with the binder recomputed over the changed message. */
    private static ClientHello pskKeOnly(TlsConfig client, ClientSession session) {
        return pskKeOnly(client, session, UnaryOperator.identity());
    }

    /** The same, with {@code edit} applied to the extensions before binding. */
    private static ClientHello pskKeOnly(TlsConfig client, ClientSession session, UnaryOperator<ClientHello> edit) {
        client.sessionCache().put(SessionCache.key("localhost", 4433), session);
        ClientHello ours = BadPeerTest.clientHello(Peers.drain(TlsEngine.client(client, "localhost", 4433, null)));
        ClientHello changed = edit.apply(HelloRetryCookieTest.replace(ours, PskKeyExchangeModes.of(PskKeyExchangeMode.PSK_KE)));
        HashAlgorithm hash = session.suite().hash().orElseThrow();
        Opaque truncated = changed.truncateForBinders(changed.frame().wireBytes());
        Opaque binder = EarlySecret.fromPsk(hash, session.psk()).binder(EarlySecret.PskKind.RESUMPTION,
                Transcript.of(hash).hashWithTruncatedClientHello(truncated));
        return changed.withBinders(List.of(binder));
    }

    private static ServerHelloMessage answer(TlsConfig server, ClientHello hello) {
        TlsEngine s = TlsEngine.server(server);
        BadPeerTest.feed(s, hello);
        return ServerHelloMessage.decode(HandshakeFrame.parse(Opaque.of(Tamper.plaintextHandshake(Peers.drain(s)))).bodyReader());
    }

    /** A full handshake from {@code client} to {@code server}, then the resuming psk_ke-only ClientHello's answer. */
    private static ServerHelloMessage resumeWithPskKeOnly(TlsConfig server, TlsConfig client) {
        return answer(server, pskKeOnly(client, ticket(server, client)));
    }

    /** The ticket {@code client} keeps from a full handshake with {@code server}. */
    private static ClientSession ticket(TlsConfig server, TlsConfig client) {
        TlsEngine c = TlsEngine.client(client, "localhost", 4433, null);
        TlsEngine s = TlsEngine.server(server);
        Peers.pump(c, s);
        return client.sessionCache().take(SessionCache.key("localhost", 4433), Peers.NOW.instant()).orElseThrow();
    }

    /** A key_share extension with no entries, as RFC 8446 §9.2 permits. */
    private static ClientHello withEmptyKeyShare(ClientHello ch) {
        return HelloRetryCookieTest.replace(ch, new KeyShareClientHello(List.of()));
    }

    private static ClientHello without(ClientHello ch, ExtensionType... types) {
        List<Integer> drop = java.util.Arrays.stream(types).map(ExtensionType::code).toList();
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(), ch.legacyCompressionMethods(),
                new ExtensionBlock(ExtensionContext.CLIENT_HELLO,
                        ch.extensions().extensions().stream().filter(e -> !drop.contains(e.extensionType())).toList()));
    }

    private static void assertRefused(TlsConfig server, ClientHello hello, Violation violation, AlertDescription alert) {
        TlsEngine s = TlsEngine.server(server);
        TlsException e = assertThrows(TlsException.class, () -> BadPeerTest.feed(s, hello));
        BadPeerTest.assertFailure(s, e, violation, alert);
    }

    @Test
    void pskKeWhenConfiguredResumesAClientThatSentAnEmptyKeyShareWithoutAHelloRetryRequest() {
        TlsConfig server = Peers.server(154).allowPskKe(true).build();
        TlsConfig client = Peers.client(155).build();
        ServerHelloMessage sh = answer(server, pskKeOnly(client, ticket(server, client), PskKeyExchangeModeTest::withEmptyKeyShare));
        assertInstanceOf(ServerHello.class, sh);
        assertTrue(sh.extensions().contains(ExtensionType.PRE_SHARED_KEY));
        assertFalse(sh.extensions().contains(ExtensionType.KEY_SHARE));
    }

    @Test
    void pskKeOnlyWithAnEmptyKeyShareGetsAHelloRetryRequestFromAServerWithoutPskKe() {
        TlsConfig server = Peers.server(156).build();
        TlsConfig client = Peers.client(157).build();
        ServerHelloMessage sh = answer(server, pskKeOnly(client, ticket(server, client), PskKeyExchangeModeTest::withEmptyKeyShare));
        // The full handshake's share is asked for: the server's first group the client supports.
        HelloRetryRequest hrr = assertInstanceOf(HelloRetryRequest.class, sh);
        assertEquals(server.groups().get(0).code(),
                hrr.extensions().find(KeyShareHelloRetryRequest.class).orElseThrow().selectedGroup());
        assertFalse(hrr.extensions().contains(ExtensionType.PRE_SHARED_KEY));
    }

    @Test
    void supportedGroupsWithoutKeyShareIsMissingExtension() {
        for (boolean pskKe : new boolean[] {false, true}) {
            TlsConfig server = Peers.server(158).allowPskKe(pskKe).build();
            TlsConfig client = Peers.client(159).build();
            ClientHello hello = pskKeOnly(client, ticket(server, client), ch -> without(ch, ExtensionType.KEY_SHARE));
            assertRefused(server, hello, Violation.MISSING_EXTENSION, AlertDescription.MISSING_EXTENSION);
        }
    }

    /** A PSK-only ClientHello: psk_ke only, neither supported_groups nor key_share. */
    private static ClientHello pskOnly(TlsConfig client, ClientSession session) {
        return pskKeOnly(client, session, ch -> without(ch, ExtensionType.KEY_SHARE, ExtensionType.SUPPORTED_GROUPS));
    }

    @Test
    void aPskOnlyClientHelloIsHandshakeFailureWithoutPskKe() {
        TlsConfig server = Peers.server(160).build();
        TlsConfig client = Peers.client(161).build();
        assertRefused(server, pskOnly(client, ticket(server, client)), Violation.NO_COMMON_GROUP, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void aPskOnlyClientHelloWithAnUnknownTicketIsHandshakeFailureEvenWithPskKe() {
        // No PSK to use and no supported_groups to ask for a share from: nothing in common (RFC 8446 §4.1.1).
        TlsConfig server = Peers.server(162).allowPskKe(true).build();
        TlsConfig client = Peers.client(163).build();
        ClientSession session = ticket(server, client);
        assertRefused(Peers.server(164).allowPskKe(true).build(), pskOnly(client, session),
                Violation.NO_COMMON_GROUP, AlertDescription.HANDSHAKE_FAILURE);
    }

    /**
     * RFC 8446 §4.2.9 psk_ke and §7.1: the client, holding only the PSK, derives the handshake
     * secret with zeros for the (EC)DHE input, opens the server's flight with it and finishes; the
     * server reports a resumption with no group.
     */
    @Test
    void pskKeWhenConfiguredResumesAPskOnlyClientHelloWithZerosForTheKeyExchange() {
        TlsConfig server = Peers.server(165).allowPskKe(true).build();
        TlsConfig client = Peers.client(166).build();
        ClientSession session = ticket(server, client);
        ClientHello hello = pskOnly(client, session);
        TlsEngine s = TlsEngine.server(server);
        BadPeerTest.feed(s, hello);
        byte[] flight = Peers.drain(s);
        Opaque shBytes = Opaque.of(Tamper.plaintextHandshake(flight));
        ServerHello sh = assertInstanceOf(ServerHello.class, ServerHelloMessage.decode(HandshakeFrame.parse(shBytes).bodyReader()));
        assertTrue(sh.extensions().contains(ExtensionType.PRE_SHARED_KEY));
        assertFalse(sh.extensions().contains(ExtensionType.KEY_SHARE));

        CipherSuite suite = CipherSuite.fromCode(sh.cipherSuite()).orElseThrow();
        HashAlgorithm hash = suite.hash().orElseThrow();
        HandshakeSecret handshakeSecret = EarlySecret.fromPsk(hash, session.psk()).handshakeSecret(SecretBytes.zeros(hash.length()));
        Transcript t = Transcript.of(hash).add(hello.frame().wireBytes()).add(shBytes);
        Opaque helloHash = t.currentHash();
        List<Opaque> messages = Tamper.messages(Tamper.open(flight, suite, handshakeSecret.serverHandshakeTrafficSecret(helloHash).secret()));
        // RFC 8446 §2.2: EncryptedExtensions and Finished; no Certificate, no CertificateVerify.
        assertEquals(List.of(8, 20), messages.stream().map(m -> m.bytes()[0] & 0xff).toList());
        for (Opaque message : messages) {
            t = t.add(message);
        }
        TrafficSecret clientHs = handshakeSecret.clientHandshakeTrafficSecret(helloHash);
        byte[] finished = new Finished(clientHs.finishedVerifyData(t.currentHash())).frame().wireBytes().bytes();
        byte[] record = Tamper.seal(Tamper.writer(suite, clientHs.secret()), ContentType.HANDSHAKE, finished);
        s.receive(record, 0, record.length);

        HandshakeSummary summary = s.summary().orElseThrow();
        assertTrue(summary.resumed());
        assertEquals(Optional.empty(), summary.group());
        assertEquals(Optional.empty(), summary.signatureScheme());
        assertEquals("Anonymous TLSv1.3 " + suite.name() + " psk_ke resumed", summary.toString());
    }

    @Test
    void aPskKeResumptionWithAnEmptyKeyShareNamesNoGroupInTheSummary() {
        TlsConfig server = Peers.server(167).allowPskKe(true).build();
        TlsConfig client = Peers.client(168).build();
        ClientHello hello = pskKeOnly(client, ticket(server, client), PskKeyExchangeModeTest::withEmptyKeyShare);
        ScriptedClient scripted = ScriptedClient.send(server.toBuilder(), hello);
        assertFalse(scripted.finish().extensions().contains(ExtensionType.KEY_SHARE));
        TlsEngine s = scripted.server();
        HandshakeSummary summary = s.summary().orElseThrow();
        assertEquals(Optional.empty(), summary.group());
        assertTrue(summary.toString().contains(" psk_ke resumed"), summary.toString());
    }

    @Test
    void pskKeIsRefusedByDefaultWithAFullHandshake() {
        ServerHelloMessage sh = resumeWithPskKeOnly(Peers.server(150).build(), Peers.client(151).build());
        assertFalse(sh.extensions().contains(ExtensionType.PRE_SHARED_KEY));
        assertTrue(sh.extensions().contains(ExtensionType.KEY_SHARE));
    }

    @Test
    void pskKeWhenConfiguredResumesWithoutAKeyShare() {
        ServerHelloMessage sh = resumeWithPskKeOnly(Peers.server(152).allowPskKe(true).build(), Peers.client(153).build());
        assertTrue(sh.extensions().contains(ExtensionType.PRE_SHARED_KEY));
        // RFC 8446 §4.2.9 psk_ke: "PSK-only key establishment": no (EC)DHE share in the ServerHello.
        assertFalse(sh.extensions().contains(ExtensionType.KEY_SHARE));
    }
}
