package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.KeyKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our engine against the JDK's {@link SSLEngine} in memory, both directions: every TLS 1.3 suite,
 * every group we implement, every certificate type we sign with. No sockets, so the whole matrix
 * runs in a few seconds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public class SslEngineInteropTest {
    private static final Map<KeyKind, InteropPki> PKIS = new EnumMap<>(KeyKind.class);

    private static synchronized InteropPki pki(KeyKind kind) throws IOException {
        InteropPki pki = PKIS.get(kind);
        if (pki == null) {
            Path dir = Files.createTempDirectory("sslengine-interop");
            dir.toFile().deleteOnExit();
            pki = InteropPki.create(dir, kind);
            PKIS.put(kind, pki);
        }
        return pki;
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void ourClientAndTheJdkServerAgreeOnEachSuite(CipherSuite suite) throws Exception {
        SslEnginePair.Session s = ourClientJdkServer(KeyKind.EC_P256, suite, NamedGroup.X25519);
        assertEquals(suite, s.summary().cipherSuite());
        assertEquals(suite.name(), s.jdk().getSession().getCipherSuite());
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void theJdkClientAndOurServerAgreeOnEachSuite(CipherSuite suite) throws Exception {
        SslEnginePair.Session s = jdkClientOurServer(KeyKind.EC_P256, suite, NamedGroup.X25519);
        assertEquals(suite, s.summary().cipherSuite());
        assertEquals(suite.name(), s.jdk().getSession().getCipherSuite());
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1", "X448", "SECP384R1"})
    void ourClientAndTheJdkServerAgreeOnEachGroup(NamedGroup group) throws Exception {
        assertEquals(group, ourClientJdkServer(KeyKind.EC_P256, CipherSuite.TLS_AES_128_GCM_SHA256, group).summary().group().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1", "X448", "SECP384R1"})
    void theJdkClientAndOurServerAgreeOnEachGroup(NamedGroup group) throws Exception {
        // The JDK sends a share for its first group only; for any other, our server asks again (HRR).
        assertEquals(group, jdkClientOurServer(KeyKind.EC_P256, CipherSuite.TLS_AES_128_GCM_SHA256, group).summary().group().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void ourClientVerifiesTheJdkServersSignatureForEachKeyType(KeyKind kind) throws Exception {
        SslEnginePair.Session s = ourClientJdkServer(kind, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519);
        assertTrue(s.summary().signatureScheme().isPresent());
        assertEquals("Trusted", s.summary().trust().toString());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void theJdkClientVerifiesOurSignatureForEachKeyType(KeyKind kind) throws Exception {
        SslEnginePair.Session s = jdkClientOurServer(kind, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519);
        assertEquals(pki(kind).localhost.chain().leaf(), s.jdk().getSession().getPeerCertificates()[0]);
    }

    // ------------------------------------------------------------------ set-up and the pump

    private SslEnginePair.Session ourClientJdkServer(KeyKind kind, CipherSuite suite, NamedGroup group) throws Exception {
        InteropPki pki = pki(kind);
        SSLEngine jdk = jdkEngine(JdkTls.context(pki.localhost, pki.pki.caCertificate()), false, suite);
        TlsEngine ours = TlsEngine.client(pki.client().cipherSuites(suite).groups(group).build(), "localhost");
        return SslEnginePair.talk(ours, jdk);
    }

    private SslEnginePair.Session jdkClientOurServer(KeyKind kind, CipherSuite suite, NamedGroup group) throws Exception {
        InteropPki pki = pki(kind);
        SSLEngine jdk = jdkEngine(JdkTls.context(null, pki.pki.caCertificate()), true, suite);
        TlsEngine ours = TlsEngine.server(pki.server().cipherSuites(suite).groups(group).build());
        return SslEnginePair.talk(ours, jdk);
    }

    private static SSLEngine jdkEngine(SSLContext context, boolean client, CipherSuite suite) {
        SSLEngine engine = client ? context.createSSLEngine("localhost", 443) : context.createSSLEngine();
        engine.setUseClientMode(client);
        engine.setEnabledProtocols(new String[] {"TLSv1.3"});
        engine.setEnabledCipherSuites(new String[] {suite.name()});
        if (client) {
            var parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return engine;
    }

}
