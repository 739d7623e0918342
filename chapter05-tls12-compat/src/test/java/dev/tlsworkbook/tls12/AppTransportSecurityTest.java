package dev.tlsworkbook.tls12;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.config.VersionSupport;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.engine.Peers;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.record.ProtocolVersion;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server defaults ({@link Tls12#bothVersions}) meet Apple's App Transport Security
 * requirements: TLS 1.2 or later; forward-secret suites from ATS's list, all AEAD; certificates
 * signed with SHA-256 or better, RSA keys of at least 2048 bits and EC keys of at least 256; and a
 * client that offers only ATS's TLS 1.2 suites gets one, for every certificate type.
 */
class AppTransportSecurityTest {
    /** ATS's forward-secret TLS 1.2 suites that are AEAD (its list also has CBC ones, which we refuse). */
    private static final Set<CipherSuite> ATS_TLS12 = Set.of(
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);

    private static TlsConfig defaults(KeyKind kind) {
        return Tls12.bothVersions(Peers.server(31, kind)).build();
    }

    @Test
    void everyEnabledVersionIsTls12OrLater() {
        for (VersionSupport version : defaults(KeyKind.EC_P256).versions()) {
            assertTrue(version.version().code() >= ProtocolVersion.TLS1_2.code(), version.toString());
        }
    }

    @Test
    void everyTls12SuiteIsForwardSecretAndAead() {
        for (CipherSuite suite : defaults(KeyKind.EC_P256).cipherSuites(ProtocolVersion.TLS1_2)) {
            assertTrue(suite.keyExchange() == CipherSuite.KeyExchangeMethod.ECDHE_ECDSA
                    || suite.keyExchange() == CipherSuite.KeyExchangeMethod.ECDHE_RSA, suite.toString());
            assertTrue(suite.aead().isPresent(), suite.toString());
        }
        assertTrue(defaults(KeyKind.EC_P256).cipherSuites(ProtocolVersion.TLS1_2).stream().anyMatch(ATS_TLS12::contains));
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "EC_P384", "RSA_2048"})
    void anAtsClientGetsAnAtsSuiteAndAnAcceptableCertificate(KeyKind kind) {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(32).cipherSuites(List.copyOf(ATS_TLS12)).build(), "localhost");
        TlsEngine server = TlsEngine.server(defaults(kind));
        HandshakeSummary summary = Versions.connectAndTalk(client, server);
        assertEquals(ProtocolVersion.TLS1_2, summary.version());
        assertTrue(ATS_TLS12.contains(summary.cipherSuite()), summary.toString());
        X509Certificate leaf = client.peerCertificates().get(0);
        assertTrue(leaf.getSigAlgName().matches("SHA(256|384|512)with(RSA|ECDSA)"), leaf.getSigAlgName());
        if (leaf.getPublicKey() instanceof RSAPublicKey rsa) {
            assertTrue(rsa.getModulus().bitLength() >= 2048);
        } else {
            assertTrue(((ECPublicKey) leaf.getPublicKey()).getParams().getOrder().bitLength() >= 256);
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "RSA_2048"})
    void aTls13ClientGetsTls13(KeyKind kind) {
        TlsEngine client = TlsEngine.client(Versions.bothClient(33).build(), "localhost");
        assertEquals(ProtocolVersion.TLS1_3, Versions.connectAndTalk(client, TlsEngine.server(defaults(kind))).version());
    }
}
