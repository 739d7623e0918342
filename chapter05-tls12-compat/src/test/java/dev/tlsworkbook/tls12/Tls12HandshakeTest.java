package dev.tlsworkbook.tls12;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.engine.Peers;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our TLS 1.2 client against our TLS 1.2 server in memory: every suite × group × certificate type. */
class Tls12HandshakeTest {

    static Stream<Arguments> suitesGroupsAndKeys() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (CipherSuite suite : dev.tlsworkbook.negotiation.Tls12Suites.DEFAULT) {
            boolean ecdsa = suite.keyExchange() == CipherSuite.KeyExchangeMethod.ECDHE_ECDSA;
            for (NamedGroup group : dev.tlsworkbook.negotiation.Tls12Suites.GROUPS) {
                for (KeyKind kind : ecdsa ? new KeyKind[] {KeyKind.EC_P256, KeyKind.EC_P384}
                        : new KeyKind[] {KeyKind.RSA_2048}) {
                    all.add(Arguments.of(suite, group, kind));
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest
    @MethodSource("suitesGroupsAndKeys")
    void negotiatesEverySuiteGroupAndCertificate(CipherSuite suite, NamedGroup group, KeyKind kind) {
        // RFC 8422 §5.1.1: an ECDSA certificate's curve must be among the client's groups too; the server
        // still picks the group under test, its first choice among those it accepts.
        java.util.List<NamedGroup> offered = switch (kind) {
            case EC_P256 -> group == NamedGroup.SECP256R1 ? java.util.List.of(group) : java.util.List.of(group, NamedGroup.SECP256R1);
            case EC_P384 -> group == NamedGroup.SECP384R1 ? java.util.List.of(group) : java.util.List.of(group, NamedGroup.SECP384R1);
            default -> java.util.List.of(group);
        };
        TlsEngine client = TlsEngine.client(Versions.tls12Client(1).cipherSuites(suite).groups(offered).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(2, kind).groups(group).build());
        HandshakeSummary summary = Versions.connectAndTalk(client, server);
        assertEquals(ProtocolVersion.TLS1_2, summary.version());
        assertEquals(suite, summary.cipherSuite());
        assertEquals(group, summary.group().orElseThrow());
        assertEquals(TrustStatus.TRUSTED, summary.trust());
        assertEquals(suite, server.summary().orElseThrow().cipherSuite());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = ProtocolVersion.class, names = {"TLS1_2", "TLS1_3"})
    void anRsa4096CertificateSignedWithSha256WorksInBothVersions(ProtocolVersion version) {
        // Old stacks failed exactly here: a 4096-bit RSA certificate signed SHA256withRSA, in both versions.
        TestPki rsaPki = rsaPki();
        CertifiedKey leaf = rsaLeaf();
        var clientConfig = (version == ProtocolVersion.TLS1_2 ? Versions.tls12Client(11) : Versions.bothClient(11))
                .trustPolicy(TrustPolicy.verify(List.of(rsaPki.caCertificate()), Peers.NOW));
        TlsEngine client = TlsEngine.client(clientConfig.build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.bothServer(12).certificates(leaf).build());
        HandshakeSummary summary = Versions.connectAndTalk(client, server);
        assertEquals(version, summary.version());
        assertEquals("SHA256withRSA", client.peerCertificates().get(0).getSigAlgName());
        assertEquals(4096, ((RSAPublicKey) client.peerCertificates().get(0).getPublicKey()).getModulus().bitLength());
    }

    private static TestPki rsaPki;
    private static CertifiedKey rsaLeaf;

    private static synchronized TestPki rsaPki() {
        if (rsaPki == null) {
            rsaPki = TestPki.create("CN=tls-workbook RSA CA", KeyKind.RSA_2048, Peers.ISSUE_CLOCK, Peers.random(40),
                    Duration.ofDays(30));
            rsaLeaf = rsaPki.issueLocalhost(KeyKind.RSA_4096);
        }
        return rsaPki;
    }

    private static synchronized CertifiedKey rsaLeaf() {
        rsaPki();
        return rsaLeaf;
    }

    @Test
    void bothVersionsOnBothSidesNegotiateTls13() {
        TlsEngine client = TlsEngine.client(Versions.bothClient(3).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.bothServer(4).build());
        assertEquals(ProtocolVersion.TLS1_3, Versions.connectAndTalk(client, server).version());
    }

    @Test
    void aClientOfBothVersionsTalksToATls12OnlyServer() {
        TlsEngine client = TlsEngine.client(Versions.bothClient(5).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(6).build());
        assertEquals(ProtocolVersion.TLS1_2, Versions.connectAndTalk(client, server).version());
    }

    @Test
    void aServerOfBothVersionsServesATls12OnlyClient() {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(7).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.bothServer(8).build());
        assertEquals(ProtocolVersion.TLS1_2, Versions.connectAndTalk(client, server).version());
    }

    @Test
    void aClientPinnedToTls12SendsOnlyWhatTls12Uses() {
        // RFC 8446 §4.2.1: supported_versions is for clients offering TLS 1.3; key_share, psk_key_exchange_modes and
        // post_handshake_auth are TLS 1.3's (§4.2.8, §4.2.9, §4.2.6); the hybrid groups are TLS 1.3-only
        // (draft-ietf-tls-hybrid-design §1). The default groups put X25519MLKEM768 first.
        dev.tlsworkbook.handshake.message.ClientHello pinned = firstClientHello(Versions.tls12Client(9)
                .certificates(Peers.pki().issueClient("CN=alice", KeyKind.EC_P256)));
        List<Integer> types = pinned.extensions().types();
        for (ExtensionType tls13Only : List.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE,
                ExtensionType.PSK_KEY_EXCHANGE_MODES, ExtensionType.POST_HANDSHAKE_AUTH, ExtensionType.EARLY_DATA,
                ExtensionType.PRE_SHARED_KEY)) {
            assertFalse(types.contains(tls13Only.code()), tls13Only + " in " + types);
        }
        for (ExtensionType tls12 : List.of(ExtensionType.SUPPORTED_GROUPS, ExtensionType.SIGNATURE_ALGORITHMS,
                ExtensionType.EC_POINT_FORMATS, ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.RENEGOTIATION_INFO)) {
            assertTrue(types.contains(tls12.code()), tls12 + " missing from " + types);
        }
        List<Integer> groups = pinned.extensions().find(SupportedGroups.class).orElseThrow().namedGroupList();
        assertTrue(groups.stream().map(NamedGroup::fromCode).flatMap(java.util.Optional::stream)
                .noneMatch(g -> g.kind() == NamedGroup.Kind.HYBRID_KEM), "hybrid groups offered to TLS 1.2: " + groups);
        assertTrue(groups.contains(NamedGroup.X25519.code()), groups.toString());

        // Offering both versions keeps all of it.
        dev.tlsworkbook.handshake.message.ClientHello both = firstClientHello(Versions.bothClient(10)
                .certificates(Peers.pki().issueClient("CN=alice", KeyKind.EC_P256)));
        for (ExtensionType tls13 : List.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE,
                ExtensionType.PSK_KEY_EXCHANGE_MODES, ExtensionType.POST_HANDSHAKE_AUTH, ExtensionType.EXTENDED_MASTER_SECRET)) {
            assertTrue(both.extensions().types().contains(tls13.code()), tls13 + " missing from " + both.extensions().types());
        }
        assertTrue(both.extensions().find(SupportedGroups.class).orElseThrow().namedGroupList()
                .contains(NamedGroup.X25519MLKEM768.code()));
    }

    private static dev.tlsworkbook.handshake.message.ClientHello firstClientHello(dev.tlsworkbook.config.TlsConfig.Builder config) {
        byte[] flight = Peers.drain(TlsEngine.client(config.build(), "localhost"));
        List<dev.tlsworkbook.handshake.message.HandshakeFrame> frames = new java.util.ArrayList<>();
        Flight.rewriteAll(flight, f -> {
            frames.add(f);
            return List.of(f);
        });
        return dev.tlsworkbook.handshake.message.ClientHello.decode(frames.get(0).bodyReader());
    }
}
