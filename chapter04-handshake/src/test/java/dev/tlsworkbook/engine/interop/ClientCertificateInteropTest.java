package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.io.EchoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client certificates with real peers (RFC 8446 §4.3.2, §4.4.2, §4.6.2, §7.5): {@code openssl
 * s_client -cert/-key} and {@code -enable_pha} against our server, {@code openssl s_server
 * -Verify} and its post-handshake {@code c} command against our client, the JDK's
 * {@code SSLServerSocket} with {@code setNeedClientAuth}, and the exporter against {@code
 * s_client -keymatexport}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientCertificateInteropTest {
    private static final String LINE = "hello with a client certificate";

    @TempDir
    static Path dir;
    private static InteropPki pki;
    private static CertifiedKey alice;
    private static Path aliceCert;
    private static Path aliceKey;
    private final BlockingQueue<TlsConnection> connections = new LinkedBlockingQueue<>();

    @BeforeAll
    static void pki() throws IOException {
        pki = InteropPki.create(dir, KeyKind.EC_P256);
        alice = pki.pki.issueClient("CN=alice", KeyKind.EC_P256);
        aliceCert = dir.resolve("alice-chain.pem");
        aliceKey = dir.resolve("alice-key.pem");
        TestPki.writePem(alice, aliceCert, aliceKey);
    }

    @Test
    void ourServerVerifiesTheCertificateOfOpenSslsClient() throws Exception {
        try (TlsServer server = echoServer(requiring(ClientAuthMode.REQUIRED), false);
             ExternalProcess client = sClient(server.port(), "-cert", aliceCert.toString(), "-key", aliceKey.toString())) {
            echoAndClose(client);
            HandshakeSummary summary = connection().summary();
            assertEquals(TrustStatus.TRUSTED, summary.trust(), summary.toString());
            assertEquals("CN=alice", summary.peerSubject().orElseThrow());
        }
    }

    @Test
    void ourServerRefusesOpenSslsClientWithoutACertificateWhenRequired() throws Exception {
        try (TlsServer server = echoServer(requiring(ClientAuthMode.REQUIRED), false);
             ExternalProcess client = sClient(server.port())) {
            client.send(LINE + "\n");
            // RFC 8446 §4.4.2.4: certificate_required (alert 116), as s_client reports it.
            client.await("alert number 116|certificate required", Duration.ofSeconds(10));
        }
    }

    @Test
    void ourServerAuthenticatesOpenSslsClientAfterTheHandshake() throws Exception {
        try (TlsServer server = echoServer(pki.server().trustPolicy(TrustPolicy.verify(List.of(pki.pki.caCertificate()),
                InteropPki.CLOCK)).build(), true);
             ExternalProcess client = sClient(server.port(), "-enable_pha", "-cert", aliceCert.toString(),
                     "-key", aliceKey.toString())) {
            echoAndClose(client);
            HandshakeSummary summary = connection().summary();
            assertEquals(TrustStatus.TRUSTED, summary.trust(), summary.toString());
            assertEquals("CN=alice", summary.peerSubject().orElseThrow());
        }
    }

    @Test
    void ourClientAuthenticatesToOpenSslServerThatRequiresACertificate() throws Exception {
        try (ExternalProcess server = sServer("-Verify", "1", "-verify_return_error", "-rev")) {
            HandshakeSummary summary = OurClientVsOpenSslServerTest.reverseRoundTrip(server, withAlice());
            assertEquals(TrustStatus.TRUSTED, summary.trust());
            server.await("Peer certificate: CN = alice", Duration.ofSeconds(5));
            server.await("Verification: OK", Duration.ofSeconds(1));
        }
    }

    @Test
    void ourClientAnswersOpenSslServersPostHandshakeRequest() throws Exception {
        try (ExternalProcess server = sServer()) {
            int port = ExternalProcess.acceptedPort(server);
            try (TlsConnection connection = TlsClient.connect("localhost", port, withAlice())) {
                connection.outputStream().write("ready\n".getBytes(StandardCharsets.UTF_8));
                server.await("(?m)^ready", Duration.ofSeconds(5));
                // Our client reads (and so answers the request) on its own thread; s_server takes a read from standard
                // input starting with "c" and a newline as the whole command, so the next line goes only once the
                // client's certificate has arrived.
                java.util.concurrent.CompletableFuture<String> line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return OurClientVsOpenSslServerTest.readLine(connection.inputStream());
                    } catch (IOException e) {
                        return "failed: " + e;
                    }
                });
                // s_server's interactive 'c': SSL_verify_client_post_handshake, a CertificateRequest (RFC 8446 §4.6.2).
                server.send("c\n");
                server.await("(?i)depth=0.*CN\\s*=\\s*alice", Duration.ofSeconds(10));
                server.send("after the request\n");
                assertEquals("after the request", line.get(10, TimeUnit.SECONDS));
                connection.outputStream().write("answered\n".getBytes(StandardCharsets.UTF_8));
                server.await("(?m)^answered", Duration.ofSeconds(5));
                assertTrue(!server.output().contains("verify error"), server.output());
            }
        }
    }

    @Test
    void ourClientAuthenticatesToTheJdksServerThatNeedsClientAuth() throws Exception {
        try (SSLServerSocket server = JdkTls.server(JdkTls.context(pki.localhost, pki.pki.caCertificate()),
                "TLS_AES_128_GCM_SHA256")) {
            server.setNeedClientAuth(true);
            BlockingQueue<String> peer = new LinkedBlockingQueue<>();
            Thread accept = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    peer.add(((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName());
                    byte[] line = new byte[6];
                    int n = socket.getInputStream().readNBytes(line, 0, 6);
                    socket.getOutputStream().write(line, 0, n);
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    peer.add("failed: " + e);
                }
            }, "jdk-server");
            accept.start();
            try (TlsConnection connection = TlsClient.connect("localhost", server.getLocalPort(), withAlice())) {
                connection.outputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("hello", OurClientVsOpenSslServerTest.readLine(connection.inputStream()));
            }
            assertEquals("CN=alice", peer.poll(10, TimeUnit.SECONDS));
            accept.join(5000);
        }
    }

    @Test
    void exportsTheSameKeyingMaterialAsOpenSslsClient() throws Exception {
        try (TlsServer server = echoServer(pki.server().build(), false);
             ExternalProcess client = sClient(server.port(), "-keymatexport", "EXPERIMENTAL-workbook",
                     "-keymatexportlen", "32")) {
            Matcher m = client.await("Keying material: ([0-9A-F]+)", Duration.ofSeconds(10));
            echoAndClose(client);
            byte[] ours = connection().exportKeyingMaterial("EXPERIMENTAL-workbook", null, 32);
            assertEquals(m.group(1), Hex.encode(ours).toUpperCase(Locale.ROOT));
        }
    }

    private static TlsConfig requiring(ClientAuthMode mode) {
        return pki.server().clientAuth(mode).trustPolicy(TrustPolicy.verify(List.of(pki.pki.caCertificate()), InteropPki.CLOCK))
                .build();
    }

    private static TlsConfig withAlice() {
        return pki.client().certificates(List.of(alice)).build();
    }

    private TlsServer echoServer(TlsConfig config, boolean postHandshakeAuth) throws IOException {
        return TlsServer.start(0, config, connection -> {
            if (postHandshakeAuth) {
                connection.requestClientCertificate();
            }
            connections.add(connection);
            EchoServer.echo(connection.transport());
        });
    }

    private TlsConnection connection() throws InterruptedException {
        TlsConnection connection = connections.poll(5, TimeUnit.SECONDS);
        assertNotNull(connection, "the server completed no handshake");
        return connection;
    }

    private static ExternalProcess sClient(int port, String... extra) throws IOException {
        return OpenSslClientVsOurServerTest.sClient(dir, pki, port, extra);
    }

    /** s_server for one connection presenting localhost and checking client certificates against the test CA. */
    private static ExternalProcess sServer(String... extra) throws IOException {
        List<String> command = ExternalProcess.args("openssl", "s_server", "-accept", "127.0.0.1:0", "-tls1_3",
                "-cert", pki.certPem.toString(), "-key", pki.keyPem.toString(), "-naccept", "1",
                "-CAfile", pki.caPem.toString());
        command.addAll(List.of(extra));
        return ExternalProcess.start(dir, command.toArray(String[]::new));
    }

    private static void echoAndClose(ExternalProcess client) throws Exception {
        OpenSslClientVsOurServerTest.echoAndClose(client, LINE);
    }
}
