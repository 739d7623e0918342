package dev.tlsworkbook.tls12.interop;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.engine.interop.ExternalProcess;
import dev.tlsworkbook.engine.interop.InteropPki;
import dev.tlsworkbook.engine.interop.JdkTls;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.Tls12;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * TLS 1.2 client certificates with real peers (RFC 5246 §7.4.4, §7.4.6, §7.4.8): {@code openssl
 * s_client -tls1_2 -cert -key} against our server that requires one (and without a certificate,
 * refused with handshake_failure), our client presenting its certificate to {@code openssl
 * s_server -tls1_2 -Verify 1}, and the JDK's SSLSocket/SSLServerSocket pinned to TLSv1.2 with
 * {@code setNeedClientAuth}, both directions.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientCertificateTls12InteropTest {
    private static final String LINE = "hello with a client certificate over tls 1.2";

    @TempDir
    static Path dir;
    private static InteropPki pki;
    private static CertifiedKey aliceEc;
    private static CertifiedKey aliceRsa;
    private final BlockingQueue<TlsConnection> connections = new LinkedBlockingQueue<>();

    @BeforeAll
    static void pki() throws IOException {
        pki = InteropPki.create(dir, KeyKind.EC_P256);
        aliceEc = pki.pki.issueClient("CN=alice", KeyKind.EC_P256);
        aliceRsa = pki.pki.issueClient("CN=alice-rsa", KeyKind.RSA_2048);
        TestPki.writePem(aliceEc, dir.resolve("ec-chain.pem"), dir.resolve("ec-key.pem"));
        TestPki.writePem(aliceRsa, dir.resolve("rsa-chain.pem"), dir.resolve("rsa-key.pem"));
    }

    // ------------------------------------------------------------------ our server

    @ParameterizedTest
    @ValueSource(strings = {"ec", "rsa"})
    void ourServerVerifiesTheCertificateOfOpenSslsClient(String key) throws Exception {
        try (TlsServer server = echoServer(ClientAuthMode.REQUIRED);
             ExternalProcess client = sClient(server.port(), "-cert", dir.resolve(key + "-chain.pem").toString(),
                     "-key", dir.resolve(key + "-key.pem").toString())) {
            client.send(LINE + "\n");
            client.await("(?m)^" + LINE + "\\s*$", Duration.ofSeconds(10));
            client.closeInput();
            assertEquals(0, client.waitFor(Duration.ofSeconds(10)), client.output());
            HandshakeSummary summary = connection().summary();
            assertEquals(ProtocolVersion.TLS1_2, summary.version());
            assertEquals(TrustStatus.TRUSTED, summary.trust(), summary.toString());
            assertEquals(key.equals("ec") ? "CN=alice" : "CN=alice-rsa", summary.peerSubject().orElseThrow());
        }
    }

    @Test
    void ourServerRefusesOpenSslsClientWithoutACertificateWhenRequired() throws Exception {
        try (TlsServer server = echoServer(ClientAuthMode.REQUIRED);
             ExternalProcess client = sClient(server.port())) {
            client.send(LINE + "\n");
            // RFC 5246 §7.4.6: handshake_failure (alert 40), as s_client reports it.
            client.await("alert handshake failure|alert number 40", Duration.ofSeconds(10));
        }
    }

    @Test
    void ourServerAuthenticatesTheJdksClientPinnedToTls12() throws Exception {
        try (TlsServer server = echoServer(ClientAuthMode.REQUIRED)) {
            SSLContext context = JdkTls.context(aliceEc, pki.pki.caCertificate());
            try (SSLSocket socket = JdkTls.client(context, server.port(), "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
                var parameters = socket.getSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.2"});
                socket.setSSLParameters(parameters);
                // chapter01's length-prefixed echo
                socket.getOutputStream().write(new byte[] {0, 2, 'h', 'i'});
                byte[] back = socket.getInputStream().readNBytes(4);
                assertEquals("hi", new String(back, 2, 2, StandardCharsets.US_ASCII));
                assertEquals("TLSv1.2", socket.getSession().getProtocol());
            }
            HandshakeSummary summary = connection().summary();
            assertEquals(ProtocolVersion.TLS1_2, summary.version());
            assertEquals(TrustStatus.TRUSTED, summary.trust());
            assertEquals("CN=alice", summary.peerSubject().orElseThrow());
        }
    }

    // ------------------------------------------------------------------ our client

    @ParameterizedTest
    @ValueSource(strings = {"ec", "rsa"})
    void ourClientAuthenticatesToOpenSslServerThatRequiresACertificate(String key) throws Exception {
        try (ExternalProcess server = ExternalProcess.start(dir, "openssl", "s_server", "-accept", "127.0.0.1:0", "-tls1_2",
                "-cert", pki.certPem.toString(), "-key", pki.keyPem.toString(), "-naccept", "1", "-rev",
                "-CAfile", pki.caPem.toString(), "-Verify", "1", "-verify_return_error")) {
            int port = ExternalProcess.acceptedPort(server);
            try (TlsConnection connection = TlsClient.connect("localhost", port,
                    client(key.equals("ec") ? aliceEc : aliceRsa))) {
                assertEquals(ProtocolVersion.TLS1_2, connection.summary().version());
                connection.outputStream().write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
                assertEquals(new StringBuilder(LINE).reverse().toString(), OpenSslTls12Test.readLine(connection.inputStream()));
            }
            server.await("Peer certificate: CN = " + (key.equals("ec") ? "alice" : "alice-rsa"), Duration.ofSeconds(5));
            server.await("Verification: OK", Duration.ofSeconds(1));
        }
    }

    @Test
    void ourClientAuthenticatesToTheJdksServerThatNeedsClientAuth() throws Exception {
        try (SSLServerSocket server = JdkTls.server(JdkTls.context(pki.localhost, pki.pki.caCertificate()),
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")) {
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            server.setNeedClientAuth(true);
            BlockingQueue<String> peer = new LinkedBlockingQueue<>();
            Thread accept = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    peer.add(socket.getSession().getProtocol() + " "
                            + ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName());
                    socket.getOutputStream().write(socket.getInputStream().readNBytes(6));
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    peer.add("failed: " + e);
                }
            }, "jdk-server");
            accept.start();
            try (TlsConnection connection = TlsClient.connect("localhost", server.getLocalPort(), client(aliceEc))) {
                connection.outputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("hello", OpenSslTls12Test.readLine(connection.inputStream()));
            }
            assertEquals("TLSv1.2 CN=alice", peer.poll(10, TimeUnit.SECONDS));
            accept.join(5000);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Our server of both versions, asking for client certificates and trusting the test CA for them. */
    private TlsServer echoServer(ClientAuthMode mode) throws IOException {
        TlsConfig config = Tls12.bothVersions(pki.server()).clientAuth(mode)
                .trustPolicy(TrustPolicy.verify(List.of(pki.pki.caCertificate()), InteropPki.CLOCK)).build();
        return TlsServer.start(0, config, connection -> {
            connections.add(connection);
            EchoServer.echo(connection.transport());
        });
    }

    /** Our client of both versions with {@code certificate}. */
    private static TlsConfig client(CertifiedKey certificate) {
        return Tls12.bothVersions(pki.client()).certificates(List.of(certificate)).build();
    }

    private TlsConnection connection() throws InterruptedException {
        TlsConnection connection = connections.poll(5, TimeUnit.SECONDS);
        assertNotNull(connection, "the server completed no handshake");
        return connection;
    }

    private static ExternalProcess sClient(int port, String... extra) throws IOException {
        return OpenSslTls12Test.sClient(dir, pki, port, extra);
    }
}
