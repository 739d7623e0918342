package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
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
import org.junit.jupiter.api.Test;

/**
 * RFC 8446 §4.2.9: psk_dhe_ke is what our client offers and our server prefers; psk_ke (no fresh
 * (EC)DHE, so no forward secrecy for the resumed connection) is accepted only when configured.
 */
class PskKeyExchangeModeTest {

    /** A resuming ClientHello whose modes are psk_ke only, with the binder recomputed over the changed message. */
    private static ClientHello pskKeOnly(TlsConfig client, ClientSession session) {
        client.sessionCache().put(SessionCache.key("localhost", 4433), session);
        ClientHello ours = BadPeerTest.clientHello(Peers.drain(TlsEngine.client(client, "localhost", 4433, null)));
        ClientHello changed = HelloRetryCookieTest.replace(ours, PskKeyExchangeModes.of(PskKeyExchangeMode.PSK_KE));
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
        TlsEngine c = TlsEngine.client(client, "localhost", 4433, null);
        TlsEngine s = TlsEngine.server(server);
        Peers.pump(c, s);
        ClientSession ticket = client.sessionCache().take(SessionCache.key("localhost", 4433), Peers.NOW.instant()).orElseThrow();
        return answer(server, pskKeOnly(client, ticket));
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
