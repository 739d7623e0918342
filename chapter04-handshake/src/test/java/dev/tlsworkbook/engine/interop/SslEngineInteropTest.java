package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
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
        Session s = ourClientJdkServer(KeyKind.EC_P256, suite, NamedGroup.X25519);
        assertEquals(suite, s.summary.cipherSuite());
        assertEquals(suite.name(), s.jdk.getSession().getCipherSuite());
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void theJdkClientAndOurServerAgreeOnEachSuite(CipherSuite suite) throws Exception {
        Session s = jdkClientOurServer(KeyKind.EC_P256, suite, NamedGroup.X25519);
        assertEquals(suite, s.summary.cipherSuite());
        assertEquals(suite.name(), s.jdk.getSession().getCipherSuite());
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1", "X448", "SECP384R1"})
    void ourClientAndTheJdkServerAgreeOnEachGroup(NamedGroup group) throws Exception {
        assertEquals(group, ourClientJdkServer(KeyKind.EC_P256, CipherSuite.TLS_AES_128_GCM_SHA256, group).summary.group());
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1", "X448", "SECP384R1"})
    void theJdkClientAndOurServerAgreeOnEachGroup(NamedGroup group) throws Exception {
        // The JDK sends a share for its first group only; for any other, our server asks again (HRR).
        assertEquals(group, jdkClientOurServer(KeyKind.EC_P256, CipherSuite.TLS_AES_128_GCM_SHA256, group).summary.group());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void ourClientVerifiesTheJdkServersSignatureForEachKeyType(KeyKind kind) throws Exception {
        Session s = ourClientJdkServer(kind, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519);
        assertTrue(s.summary.signatureScheme().isPresent());
        assertEquals("Trusted", s.summary.trust().toString());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void theJdkClientVerifiesOurSignatureForEachKeyType(KeyKind kind) throws Exception {
        Session s = jdkClientOurServer(kind, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519);
        assertEquals(pki(kind).localhost.chain().leaf(), s.jdk.getSession().getPeerCertificates()[0]);
    }

    // ------------------------------------------------------------------ set-up and the pump

    public record Session(TlsEngine ours, SSLEngine jdk, HandshakeSummary summary) {
    }

    private Session ourClientJdkServer(KeyKind kind, CipherSuite suite, NamedGroup group) throws Exception {
        InteropPki pki = pki(kind);
        SSLEngine jdk = jdkEngine(JdkTls.context(pki.localhost, pki.pki.caCertificate()), false, suite);
        TlsEngine ours = TlsEngine.client(pki.client().cipherSuites(suite).groups(group).build(), "localhost");
        return talk(ours, jdk);
    }

    private Session jdkClientOurServer(KeyKind kind, CipherSuite suite, NamedGroup group) throws Exception {
        InteropPki pki = pki(kind);
        SSLEngine jdk = jdkEngine(JdkTls.context(null, pki.pki.caCertificate()), true, suite);
        TlsEngine ours = TlsEngine.server(pki.server().cipherSuites(suite).groups(group).build());
        return talk(ours, jdk);
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

    /** Handshake, one message each way, close_notify each way. */
    public static Session talk(TlsEngine ours, SSLEngine jdk) throws GeneralSecurityException, SSLException {
        jdk.beginHandshake();
        Pump pump = new Pump(ours, jdk);
        pump.run(null);
        assertTrue(ours.isHandshakeComplete(), "our engine finished its handshake");

        byte[] ping = "ping from the workbook".getBytes(StandardCharsets.UTF_8);
        ours.writePlaintext(ping, 0, ping.length);
        pump.run(null);
        assertEquals("ping from the workbook", pump.jdkReceived());

        pump.run("pong from the JDK");
        byte[] got = new byte[256];
        int n = ours.readPlaintext(got, 0, got.length);
        assertEquals("pong from the JDK", new String(got, 0, n, StandardCharsets.UTF_8));

        ours.closeOutbound();
        pump.run(null);
        assertTrue(jdk.isInboundDone(), "the JDK saw our close_notify");
        jdk.closeOutbound();
        pump.run(null);
        assertEquals(-1, ours.readPlaintext(got, 0, got.length), "we saw the JDK's close_notify");
        return new Session(ours, jdk, ours.summary().orElseThrow());
    }

    /** Moves records between the two engines until neither has anything to say. */
    private static final class Pump {
        private final TlsEngine ours;
        private final SSLEngine jdk;
        private final ByteBuffer toJdk = ByteBuffer.allocate(1 << 17);
        private final ByteBuffer toUs;
        private final ByteBuffer jdkPlaintext;

        Pump(TlsEngine ours, SSLEngine jdk) {
            this.ours = ours;
            this.jdk = jdk;
            this.toUs = ByteBuffer.allocate(jdk.getSession().getPacketBufferSize() * 4);
            this.jdkPlaintext = ByteBuffer.allocate(jdk.getSession().getApplicationBufferSize() * 4);
        }

        void run(String jdkSends) throws SSLException {
            ByteBuffer outgoing = ByteBuffer.wrap(jdkSends == null ? new byte[0] : jdkSends.getBytes(StandardCharsets.UTF_8));
            for (int round = 0; round < 50; round++) {
                boolean moved = false;
                while (ours.pendingOutput() > 0 && toJdk.hasRemaining()) {
                    int n = ours.takeOutput(toJdk.array(), toJdk.position(), toJdk.remaining());
                    toJdk.position(toJdk.position() + n);
                    moved = true;
                }
                toJdk.flip();
                while (toJdk.hasRemaining() && !jdk.isInboundDone()) {
                    SSLEngineResult r = jdk.unwrap(toJdk, jdkPlaintext);
                    runTasks();
                    if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
                        throw new IllegalStateException("SSLEngine unwrap: " + r);
                    }
                    if (r.bytesConsumed() == 0) {
                        break; // it wants to write first; the rest waits in toJdk
                    }
                    moved = true;
                }
                toJdk.compact();
                while (!jdk.isOutboundDone() || jdk.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    toUs.clear();
                    SSLEngineResult r = jdk.wrap(outgoing, toUs);
                    runTasks();
                    if (r.bytesProduced() == 0) {
                        break;
                    }
                    ours.receive(toUs.array(), 0, toUs.position());
                    moved = true;
                }
                if (!moved) {
                    return;
                }
            }
            throw new IllegalStateException("the engines kept talking for 50 rounds");
        }

        String jdkReceived() {
            String text = new String(jdkPlaintext.array(), 0, jdkPlaintext.position(), StandardCharsets.UTF_8);
            jdkPlaintext.clear();
            return text;
        }

        private void runTasks() {
            Runnable task;
            while ((task = jdk.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }
}
