package dev.tlsworkbook.handshake.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.ServerName;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.extension.SupportedVersionsClientHello;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §3 replayed on our client: with the trace's client random and x25519 private key
 * injected (GREASE and middlebox compatibility off, as the trace's client has neither), our
 * ClientHello carries the trace's random, empty session id, cipher suites, key share,
 * supported_versions and server_name byte for byte.
 *
 * <p>The whole message differs, deliberately, in these fields:
 * <ul>
 *   <li>supported_groups: the trace offers x25519, secp256r1, secp384r1, secp521r1 and the ffdhe
 *       groups; we offer the four we implement, x25519, secp256r1, x448, secp384r1;</li>
 *   <li>signature_algorithms: the trace lists 15 schemes including SHA-1 and DSA-era ones, ours are
 *       the TLS 1.3 CertificateVerify schemes plus rsa_pkcs1_* for certificates;</li>
 *   <li>the trace sends session_ticket (35, TLS 1.2) and record_size_limit (28, RFC 8449), which we
 *       do not implement, and no ALPN; extension order differs accordingly.</li>
 * </ul>
 * Because the ClientHello is part of every transcript hash, the trace's server flight cannot then
 * be fed to our client: its keys were derived over the trace's ClientHello, not ours.
 */
class Rfc8448ClientHelloTest {

    @Test
    void clientHelloCarriesTheTracesRandomKeyShareSuitesAndName() {
        Opaque rfcHello = Rfc8448.value("3.", "{client}  construct a ClientHello handshake message:", "ClientHello");
        ClientHello expected = ClientHello.decode(HandshakeFrame.parse(rfcHello).bodyReader());
        SecretBytes privateKey = SecretBytes.of(
                Rfc8448.value("3.", "{client}  create an ephemeral x25519 key pair:", "private key").bytes());

        TlsConfig config = TlsConfig.builder()
                .random(Rfc8448.replaying(expected.random().bytes()))
                .grease(false).middleboxCompatibility(false)
                .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                        CipherSuite.TLS_AES_256_GCM_SHA384)
                // RFC 8448's client predates the hybrids: classical groups, one share, for x25519.
                .groups(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.X448, NamedGroup.SECP384R1)
                .keyShareGroups(NamedGroup.X25519)
                .keyExchangeFactory((group, random) -> KeyExchanges.fromPrivateKey(group, privateKey))
                .trustPolicy(TrustPolicy.opportunistic())
                .build();
        TlsEngine client = TlsEngine.client(config, "server");
        byte[] out = new byte[client.pendingOutput()];
        client.takeOutput(out, 0, out.length);
        ClientHello ours = ClientHello.decode(HandshakeFrame.parse(Opaque.of(out, 5, out.length - 5)).bodyReader());

        assertEquals(expected.legacyVersion(), ours.legacyVersion());
        assertEquals(expected.random(), ours.random());
        assertEquals(expected.legacySessionId(), ours.legacySessionId());
        assertEquals(expected.cipherSuites(), ours.cipherSuites());
        assertEquals(expected.legacyCompressionMethods(), ours.legacyCompressionMethods());
        assertEquals(expected.extensions().find(KeyShareClientHello.class), ours.extensions().find(KeyShareClientHello.class));
        assertEquals(expected.extensions().find(SupportedVersionsClientHello.class),
                ours.extensions().find(SupportedVersionsClientHello.class));
        assertEquals(expected.extensions().find(ServerName.class), ours.extensions().find(ServerName.class));
        // Documented difference: the groups we implement, in our order.
        assertEquals(List.of(NamedGroup.X25519.code(), NamedGroup.SECP256R1.code(), NamedGroup.X448.code(), NamedGroup.SECP384R1.code()),
                ours.extensions().find(SupportedGroups.class).orElseThrow().namedGroupList());
    }
}
