package dev.tlsworkbook.tls12.interop;

import dev.tlsworkbook.config.Tls13;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.engine.interop.ExternalProcess;
import dev.tlsworkbook.engine.interop.InteropPki;
import dev.tlsworkbook.engine.interop.JdkTls;
import dev.tlsworkbook.engine.interop.Tools;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.Tls12;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS 1.2 resumption with session tickets (RFC 5077) against real peers, both directions:
 * OpenSSL's s_client with a saved session (-sess_out / -sess_in) and with -reconnect against our
 * server, our client against s_server -tls1_2, and the JDK's SSLSocket / SSLServerSocket pinned to
 * TLSv1.2 (stateless TLS 1.2 tickets since JDK 13, on by default on both sides).
 */
@Timeout(60)
class Tls12ResumptionInteropTest {
    private static final String LINE = "hello again over tls 1.2";

    @TempDir
    static Path dir;
    private static InteropPki pki;
    private final BlockingQueue<HandshakeSummary> summaries = new LinkedBlockingQueue<>();

    @BeforeAll
    static void pki() throws IOException {
        Tools.require("openssl");
        pki = InteropPki.create(dir, KeyKind.EC_P256);
    }

    // ------------------------------------------------------------------ OpenSSL client, our server

    @Test
    void opensslClientResumesWithASavedSession() throws Exception {
        Path session = dir.resolve("tls12-session.pem");
        try (TlsServer server = echoServer(serverConfig())) {
            try (ExternalProcess first = sClient(server.port(), "-sess_out", session.toString())) {
                echoAndClose(first);
                first.await("New, TLSv1.2", Duration.ofSeconds(1));
                // RFC 5077 §3.3: s_client shows the ticket it received and will present.
                first.await("TLS session ticket lifetime hint: 86400", Duration.ofSeconds(1));
            }
            assertFalse(summary().resumed());
            try (ExternalProcess second = sClient(server.port(), "-sess_in", session.toString())) {
                echoAndClose(second);
                second.await("Reused, TLSv1.2", Duration.ofSeconds(1));
            }
            HandshakeSummary resumed = summary();
            assertEquals(ProtocolVersion.TLS1_2, resumed.version());
            assertTrue(resumed.resumed(), resumed.toString());
        }
    }

    @Test
    void opensslClientReconnectsAndResumes() throws Exception {
        // -reconnect: one full handshake, then five reconnections with the same session.
        try (TlsServer server = echoServer(serverConfig());
             ExternalProcess client = sClient(server.port(), "-reconnect")) {
            client.closeInput();
            for (int i = 0; i < 5; i++) {
                client.await("Reused, TLSv1.2", Duration.ofSeconds(10));
            }
            client.waitFor(Duration.ofSeconds(10));
            assertFalse(summary().resumed());
            for (int i = 0; i < 5; i++) {
                HandshakeSummary s = summary();
                assertTrue(s.resumed(), "reconnection " + (i + 1) + ": " + s);
            }
        }
    }

    // ------------------------------------------------------------------ our client, OpenSSL server

    @Test
    void ourClientResumesAgainstOpensslServer() throws Exception {
        TlsConfig config = clientConfig();
        try (ExternalProcess server = ExternalProcess.start(dir, "openssl", "s_server", "-accept", "127.0.0.1:0", "-tls1_2",
                "-cert", pki.certPem.toString(), "-key", pki.keyPem.toString(), "-naccept", "2", "-rev")) {
            int port = ExternalProcess.acceptedPort(server);
            HandshakeSummary first = reverse(port, config);
            assertEquals(ProtocolVersion.TLS1_2, first.version());
            assertFalse(first.resumed());
            HandshakeSummary second = reverse(port, config);
            assertEquals(ProtocolVersion.TLS1_2, second.version());
            assertTrue(second.resumed(), second.toString());
        }
    }

    // ------------------------------------------------------------------ the JDK, both directions

    @Test
    void jdkClientPinnedToTls12Resumes() throws Exception {
        SSLContext jdk = JdkTls.context(null, pki.pki.caCertificate());
        try (TlsServer server = echoServer(serverConfig())) {
            for (int i = 0; i < 2; i++) {
                try (SSLSocket socket = tls12(JdkTls.client(jdk, server.port(), "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))) {
                    socket.getOutputStream().write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                    assertEquals(LINE, readLine(socket.getInputStream()));
                    assertEquals("TLSv1.2", socket.getSession().getProtocol());
                }
            }
            assertFalse(summary().resumed());
            HandshakeSummary second = summary();
            assertTrue(second.resumed(), second.toString());
        }
    }

    @Test
    void ourClientResumesAgainstJdkServerPinnedToTls12() throws Exception {
        SSLContext jdk = JdkTls.context(pki.localhost, pki.pki.caCertificate());
        TlsConfig config = clientConfig();
        try (SSLServerSocket server = JdkTls.server(jdk, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")) {
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            Thread acceptor = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (SSLSocket socket = (SSLSocket) server.accept()) {
                        socket.getOutputStream().write(socket.getInputStream().readNBytes(5));
                        socket.getOutputStream().flush();
                    } catch (IOException ignored) {
                        // the client side asserts
                    }
                }
            });
            acceptor.start();
            boolean[] resumed = new boolean[2];
            for (int i = 0; i < 2; i++) {
                try (TlsConnection connection = TlsClient.connect("localhost", server.getLocalPort(), config)) {
                    assertEquals(ProtocolVersion.TLS1_2, connection.summary().version());
                    resumed[i] = connection.summary().resumed();
                    connection.outputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                    assertEquals("hello", new String(connection.inputStream().readNBytes(5), StandardCharsets.US_ASCII));
                }
            }
            acceptor.join(10_000);
            assertFalse(resumed[0]);
            assertTrue(resumed[1], "the JDK server resumed our TLS 1.2 ticket");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static TlsConfig serverConfig() {
        return pki.server().versions(Tls13.support(), Tls12.support()).cipherSuites(Tls12.allSuites()).build();
    }

    private static TlsConfig clientConfig() {
        return pki.client().versions(Tls13.support(), Tls12.support()).cipherSuites(Tls12.allSuites()).build();
    }

    private static SSLSocket tls12(SSLSocket socket) {
        var parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.2"});
        socket.setSSLParameters(parameters);
        return socket;
    }

    private TlsServer echoServer(TlsConfig config) throws IOException {
        return TlsServer.start(0, config, connection -> {
            summaries.add(connection.summary());
            EchoServer.echo(connection.transport());
        });
    }

    private HandshakeSummary summary() throws InterruptedException {
        HandshakeSummary summary = summaries.poll(5, TimeUnit.SECONDS);
        assertNotNull(summary, "the server completed no handshake");
        return summary;
    }

    private static ExternalProcess sClient(int port, String... extra) throws IOException {
        List<String> command = ExternalProcess.args("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-tls1_2", "-servername", "localhost", "-verify_hostname", "localhost",
                "-CAfile", pki.caPem.toString(), "-verify_return_error");
        command.addAll(List.of(extra));
        return ExternalProcess.start(dir, command.toArray(String[]::new));
    }

    /** One line echoed, then end of input: s_client sends close_notify and must exit 0. */
    private static void echoAndClose(ExternalProcess client) throws Exception {
        client.send(LINE + "\n");
        client.await("(?m)^" + LINE + "\\s*$", Duration.ofSeconds(10));
        client.await("Verification: OK", Duration.ofSeconds(1));
        client.closeInput();
        assertEquals(0, client.waitFor(Duration.ofSeconds(10)), client.output());
    }

    private static HandshakeSummary reverse(int port, TlsConfig config) throws IOException {
        try (TlsConnection connection = TlsClient.connect("localhost", port, config)) {
            connection.outputStream().write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
            assertEquals(new StringBuilder(LINE).reverse().toString(), readLine(connection.inputStream()));
            return connection.summary();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).strip();
    }
}
