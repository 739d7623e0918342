package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.io.EchoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumption and 0-RTT against real peers (RFC 8446 §2.2, §2.3): OpenSSL's s_client and s_server
 * both ways with saved sessions (-sess_out / -sess_in; OpenSSL 3.0's -reconnect reconnects before
 * reading a TLS 1.3 ticket, so it cannot show a resumption), GnuTLS's --resume, and the JDK client.
 */
@Timeout(60)
class ResumptionInteropTest {
    private static final String LINE = "hello again";

    @TempDir
    static Path dir;
    private static InteropPki pki;
    private final BlockingQueue<HandshakeSummary> summaries = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> earlyData = new LinkedBlockingQueue<>();

    @BeforeAll
    static void pki() throws IOException {
        Tools.require("openssl");
        pki = InteropPki.create(dir, KeyKind.EC_P256);
    }

    // ------------------------------------------------------------------ OpenSSL client, our server

    @Test
    void opensslClientResumesWithASavedSession() throws Exception {
        Path session = dir.resolve("resume.pem");
        try (TlsServer server = echoServer(pki.server().build())) {
            try (ExternalProcess first = sClient(server.port(), "-sess_out", session.toString())) {
                echoAndClose(first);
                first.await("New, TLSv1.3", Duration.ofSeconds(1));
            }
            assertFalse(summary().resumed());
            try (ExternalProcess second = sClient(server.port(), "-sess_in", session.toString())) {
                echoAndClose(second);
                second.await("Reused, TLSv1.3", Duration.ofSeconds(1));
            }
            HandshakeSummary resumed = summary();
            assertTrue(resumed.resumed(), resumed.toString());
        }
    }

    @Test
    void opensslClientEarlyDataIsAcceptedWhenConfigured() throws Exception {
        Path session = dir.resolve("early.pem");
        Path early = dir.resolve("early.txt");
        Files.writeString(early, "GET /early\n");
        try (TlsServer server = echoServer(pki.server().maxEarlyDataSize(16384).build())) {
            try (ExternalProcess first = sClient(server.port(), "-sess_out", session.toString())) {
                echoAndClose(first);
            }
            summary();
            earlyData.poll(5, TimeUnit.SECONDS);
            try (ExternalProcess second = sClient(server.port(), "-sess_in", session.toString(), "-early_data", early.toString())) {
                echoAndClose(second);
                second.await("Early data was accepted", Duration.ofSeconds(1));
            }
            HandshakeSummary resumed = summary();
            assertEquals(EarlyDataStatus.ACCEPTED, resumed.earlyData(), resumed.toString());
            byte[] received = earlyData.poll(5, TimeUnit.SECONDS);
            assertNotNull(received);
            assertEquals("GET /early\n", new String(received, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void opensslClientEarlyDataIsRejectedByDefault() throws Exception {
        Path session = dir.resolve("noearly.pem");
        Path early = dir.resolve("noearly.txt");
        Files.writeString(early, "GET /early\n");
        TlsConfig issuing = pki.server().maxEarlyDataSize(16384).build();
        try (TlsServer server = echoServer(issuing)) {
            try (ExternalProcess first = sClient(server.port(), "-sess_out", session.toString())) {
                echoAndClose(first);
            }
        }
        summary();
        // The same ticket keys, 0-RTT off (the default): the resumption goes ahead, the early data is skipped.
        try (TlsServer server = echoServer(issuing.toBuilder().maxEarlyDataSize(0).build());
             ExternalProcess second = sClient(server.port(), "-sess_in", session.toString(), "-early_data", early.toString())) {
            echoAndClose(second);
            second.await("Early data was rejected", Duration.ofSeconds(1));
            HandshakeSummary resumed = summary();
            assertTrue(resumed.resumed());
            assertEquals(EarlyDataStatus.REJECTED, resumed.earlyData());
        }
    }

    // ------------------------------------------------------------------ our client, OpenSSL server

    @Test
    void ourClientResumesAgainstOpensslServer() throws Exception {
        TlsConfig config = pki.client().build();
        try (ExternalProcess server = sServer("-naccept", "2", "-rev")) {
            int port = ExternalProcess.acceptedPort(server);
            assertFalse(reverse(port, config, null).resumed());
            HandshakeSummary second = reverse(port, config, null);
            assertTrue(second.resumed(), second.toString());
        }
    }

    @Test
    void ourClientSendsEarlyDataToOpensslServer() throws Exception {
        TlsConfig config = pki.client().build();
        try (ExternalProcess server = sServer("-naccept", "2", "-early_data")) {
            int port = ExternalProcess.acceptedPort(server);
            try (TlsConnection first = TlsClient.connect("localhost", port, config)) {
                first.outputStream().write("first\n".getBytes(StandardCharsets.US_ASCII));
                server.await("(?m)^first\\s*$", Duration.ofSeconds(10));
                // s_server sends its tickets right after the handshake: reading a line it sends later reads them.
                server.send("pong\n");
                assertEquals("pong", new BufferedReader(new InputStreamReader(first.inputStream(), StandardCharsets.UTF_8))
                        .readLine());
            }
            try (TlsConnection second = TlsClient.connect("localhost", port, config, Duration.ofSeconds(10),
                    "EARLY-REQUEST\n".getBytes(StandardCharsets.US_ASCII))) {
                assertEquals(EarlyDataStatus.ACCEPTED, second.summary().earlyData(), second.summary().toString());
                // s_server prints the data (stdout) and its label (stderr) on separate streams, in either order.
                server.await("Early data received:", Duration.ofSeconds(10));
                server.await("(?m)^EARLY-REQUEST\\s*$", Duration.ofSeconds(10));
            }
        }
    }

    // ------------------------------------------------------------------ GnuTLS and the JDK, our server

    @Test
    void gnutlsClientResumes() throws Exception {
        Tools.require("gnutls-cli");
        try (TlsServer server = echoServer(pki.server().build());
             ExternalProcess client = ExternalProcess.start(dir, "gnutls-cli", "--resume", "--x509cafile",
                     pki.caPem.toString(), "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.3", "-p",
                     Integer.toString(server.port()), "localhost")) {
            client.closeInput();
            client.await("This is a resumed session", Duration.ofSeconds(20));
            client.waitFor(Duration.ofSeconds(10));
        }
        assertFalse(summary().resumed());
        assertTrue(summary().resumed());
    }

    @Test
    void jdkClientResumes() throws Exception {
        SSLContext jdk = JdkTls.context(pki.localhost, pki.pki.caCertificate());
        try (TlsServer server = echoServer(pki.server().build())) {
            for (int i = 0; i < 2; i++) {
                try (SSLSocket socket = JdkTls.client(jdk, server.port(), "TLS_AES_128_GCM_SHA256")) {
                    socket.getOutputStream().write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                    // Reading the echo also reads the tickets that came before it.
                    assertEquals(LINE, new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.UTF_8)).readLine());
                }
            }
            assertFalse(summary().resumed());
            HandshakeSummary second = summary();
            assertTrue(second.resumed(), second.toString());
        }
    }

    // ------------------------------------------------------------------ helpers

    private TlsServer echoServer(TlsConfig config) throws IOException {
        return TlsServer.start(0, config, connection -> {
            earlyData.add(connection.transport().earlyData());
            summaries.add(connection.summary());
            EchoServer.echo(connection.transport());
        });
    }

    private HandshakeSummary summary() throws InterruptedException {
        HandshakeSummary summary = summaries.poll(10, TimeUnit.SECONDS);
        assertNotNull(summary, "the server completed no handshake");
        return summary;
    }

    private static ExternalProcess sClient(int port, String... extra) throws IOException {
        return OpenSslClientVsOurServerTest.sClient(dir, pki, port, extra);
    }

    private static ExternalProcess sServer(String... extra) throws IOException {
        List<String> command = ExternalProcess.args("openssl", "s_server", "-accept", "127.0.0.1:0", "-tls1_3",
                "-cert", pki.certPem.toString(), "-key", pki.keyPem.toString());
        command.addAll(List.of(extra));
        return ExternalProcess.start(dir, command.toArray(String[]::new));
    }

    /** One line echoed (the tickets arrive before it), then end of input. */
    private static void echoAndClose(ExternalProcess client) throws Exception {
        OpenSslClientVsOurServerTest.echoAndClose(client, LINE);
    }

    /** A line to s_server -rev and back; reading it also reads the tickets sent before it. */
    private static HandshakeSummary reverse(int port, TlsConfig config, byte[] early) throws Exception {
        try (TlsConnection connection = TlsClient.connect("localhost", port, config, Duration.ofSeconds(10), early)) {
            connection.outputStream().write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
            InputStream in = connection.inputStream();
            assertEquals(new StringBuilder(LINE).reverse().toString(),
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine());
            return connection.summary();
        }
    }
}
