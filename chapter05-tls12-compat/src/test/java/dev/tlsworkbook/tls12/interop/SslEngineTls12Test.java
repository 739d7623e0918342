package dev.tlsworkbook.tls12.interop;

import dev.tlsworkbook.config.Tls13;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.engine.interop.InteropPki;
import dev.tlsworkbook.engine.interop.JdkTls;
import dev.tlsworkbook.engine.interop.SslEnginePair;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.negotiation.Tls12Suites;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.Tls12;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our engine against the JDK's {@code SSLEngine} in memory, TLS 1.2 over every suite × group ×
 * certificate type (RSA 2048/4096, ECDSA P-256/P-384), both directions; and TLS 1.3 when both
 * sides enable both versions; TLS 1.2 client certificates (ECDSA and RSA) both directions. The group is fixed by our side's configuration: our server accepts
 * only that one; our client offers it first (see {@link #ourClientAgainstJdkServer} for ECDSA).
 */
class SslEngineTls12Test {
    private static final Map<KeyKind, InteropPki> PKIS = new EnumMap<>(KeyKind.class);

    private static synchronized InteropPki pki(KeyKind kind) throws IOException {
        InteropPki pki = PKIS.get(kind);
        if (pki == null) {
            pki = InteropPki.create(Files.createTempDirectory("tls12-sslengine-"), kind);
            PKIS.put(kind, pki);
        }
        return pki;
    }

    static Stream<Arguments> everyCombination() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (CipherSuite suite : Tls12Suites.DEFAULT) {
            boolean ecdsa = suite.keyExchange() == CipherSuite.KeyExchangeMethod.ECDHE_ECDSA;
            for (NamedGroup group : Tls12Suites.GROUPS) {
                for (KeyKind kind : ecdsa ? new KeyKind[] {KeyKind.EC_P256, KeyKind.EC_P384}
                        : new KeyKind[] {KeyKind.RSA_2048, KeyKind.RSA_4096}) {
                    // RSA-4096 signatures are slow; one group per suite shows they work.
                    if (kind != KeyKind.RSA_4096 || group == NamedGroup.X25519) {
                        all.add(Arguments.of(suite, group, kind));
                    }
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest
    @MethodSource("everyCombination")
    void ourClientAgainstJdkServer(CipherSuite suite, NamedGroup group, KeyKind kind) throws Exception {
        InteropPki pki = pki(kind);
        SSLEngine jdk = jdkEngine(JdkTls.context(pki.localhost, pki.pki.caCertificate()), false, suite.name(), "TLSv1.2");
        // SunJSSE's TLS 1.2 server picks an ECDSA certificate only if its curve is in the client's supported_groups
        // (the RFC 4492 §5.1.1 rule), so our client offers that curve too, after the group under test; the JDK then
        // chooses between the two by its own preference, which JDK 17 cannot be told per engine.
        Optional<NamedGroup> certificateCurve = switch (kind) {
            case EC_P256 -> Optional.of(NamedGroup.SECP256R1);
            case EC_P384 -> Optional.of(NamedGroup.SECP384R1);
            default -> Optional.empty();
        };
        List<NamedGroup> groups = certificateCurve.filter(c -> c != group).map(c -> List.of(group, c)).orElse(List.of(group));
        TlsEngine ours = TlsEngine.client(pki.client().versions(Tls13.support(), Tls12.support())
                .cipherSuites(Tls12.allSuites()).groups(groups).build(), "localhost");
        HandshakeSummary summary = SslEnginePair.talk(ours, jdk).summary();
        assertEquals(ProtocolVersion.TLS1_2, summary.version());
        assertEquals(suite, summary.cipherSuite());
        assertTrue(groups.contains(summary.group().orElseThrow()), summary.toString());
    }

    @ParameterizedTest
    @MethodSource("everyCombination")
    void jdkClientAgainstOurServer(CipherSuite suite, NamedGroup group, KeyKind kind) throws Exception {
        InteropPki pki = pki(kind);
        SSLEngine jdk = jdkEngine(JdkTls.context(null, pki.pki.caCertificate()), true, suite.name(), "TLSv1.2");
        TlsEngine ours = TlsEngine.server(pki.server().versions(Tls13.support(), Tls12.support())
                .cipherSuites(Tls12.allSuites()).groups(group).build());
        check(SslEnginePair.talk(ours, jdk).summary(), suite, group);
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "RSA_2048"})
    void bothVersionsOnBothSidesMeetInTls13(KeyKind kind) throws Exception {
        InteropPki pki = pki(kind);
        SSLEngine jdkServer = jdkEngine(JdkTls.context(pki.localhost, pki.pki.caCertificate()), false, null,
                "TLSv1.3", "TLSv1.2");
        TlsEngine ourClient = TlsEngine.client(pki.client().versions(Tls13.support(), Tls12.support())
                .cipherSuites(Tls12.allSuites()).build(), "localhost");
        assertEquals(ProtocolVersion.TLS1_3, SslEnginePair.talk(ourClient, jdkServer).summary().version());
        SSLEngine jdkClient = jdkEngine(JdkTls.context(null, pki.pki.caCertificate()), true, null, "TLSv1.3", "TLSv1.2");
        TlsEngine ourServer = TlsEngine.server(pki.server().versions(Tls13.support(), Tls12.support())
                .cipherSuites(Tls12.allSuites()).build());
        assertEquals(ProtocolVersion.TLS1_3, SslEnginePair.talk(ourServer, jdkClient).summary().version());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "RSA_2048"})
    void ourClientPresentsItsCertificateToAJdkServerThatNeedsClientAuth(KeyKind kind) throws Exception {
        // RFC 5246 §7.4.4, §7.4.6, §7.4.8 with SunJSSE's TLS 1.2 server: it checks our CertificateVerify.
        InteropPki pki = pki(KeyKind.EC_P256);
        SSLEngine jdk = jdkEngine(JdkTls.context(pki.localhost, pki.pki.caCertificate()), false, null, "TLSv1.2");
        jdk.setNeedClientAuth(true);
        TlsEngine ours = TlsEngine.client(pki.client().versions(Tls13.support(), Tls12.support()).cipherSuites(Tls12.allSuites())
                .certificates(java.util.List.of(pki.pki.issueClient("CN=alice", kind))).build(), "localhost");
        SslEnginePair.Session session = SslEnginePair.talk(ours, jdk);
        assertEquals(ProtocolVersion.TLS1_2, session.summary().version());
        assertEquals("CN=alice", ((java.security.cert.X509Certificate) jdk.getSession().getPeerCertificates()[0])
                .getSubjectX500Principal().getName());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "RSA_2048"})
    void aJdkClientPresentsItsCertificateToOurServerThatRequiresOne(KeyKind kind) throws Exception {
        InteropPki pki = pki(KeyKind.EC_P256);
        SSLEngine jdk = jdkEngine(JdkTls.context(pki.pki.issueClient("CN=alice", kind), pki.pki.caCertificate()), true, null,
                "TLSv1.2");
        TlsEngine ours = TlsEngine.server(pki.server().versions(Tls13.support(), Tls12.support()).cipherSuites(Tls12.allSuites())
                .clientAuth(dev.tlsworkbook.handshake.auth.ClientAuthMode.REQUIRED)
                .trustPolicy(dev.tlsworkbook.handshake.auth.TrustPolicy.verify(java.util.List.of(pki.pki.caCertificate()),
                        InteropPki.CLOCK)).build());
        HandshakeSummary summary = SslEnginePair.talk(ours, jdk).summary();
        assertEquals(ProtocolVersion.TLS1_2, summary.version());
        assertEquals(dev.tlsworkbook.handshake.state.TrustStatus.TRUSTED, summary.trust());
        assertEquals(Optional.of("CN=alice"), summary.peerSubject());
    }

    private static void check(HandshakeSummary summary, CipherSuite suite, NamedGroup group) {
        assertEquals(ProtocolVersion.TLS1_2, summary.version());
        assertEquals(suite, summary.cipherSuite());
        assertEquals(group, summary.group().orElseThrow());
    }

    private static SSLEngine jdkEngine(SSLContext context, boolean client, String suite, String... protocols) {
        SSLEngine engine = client ? context.createSSLEngine("localhost", 443) : context.createSSLEngine();
        engine.setUseClientMode(client);
        engine.setEnabledProtocols(protocols);
        if (suite != null) {
            engine.setEnabledCipherSuites(new String[] {suite});
        }
        if (client) {
            var parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return engine;
    }

}
