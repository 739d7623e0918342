package dev.tlsworkbook.tls12.interop;

import dev.tlsworkbook.config.Tls13;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.engine.interop.ExternalProcess;
import dev.tlsworkbook.engine.interop.InteropPki;
import dev.tlsworkbook.engine.interop.JdkTls;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.Tls12;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * TLS 1.2 (and 1.3 where the peer picks) with real processes and sockets besides OpenSSL: curl
 * {@code --tls-max 1.2}, GnuTLS's gnutls-cli and gnutls-serv for both versions, and the JDK's
 * SSLSocket/SSLServerSocket pinned to TLSv1.2, both directions.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OtherPeersTls12Test {
    @TempDir
    static Path dir;
    private static InteropPki pki;
    private final BlockingQueue<HandshakeSummary> summaries = new LinkedBlockingQueue<>();

    @BeforeAll
    static void pki() throws IOException {
        pki = InteropPki.create(dir, KeyKind.EC_P256);
    }

    @Test
    void curlWithTlsMax12() throws Exception {
        try (TlsServer server = TlsServer.start(0, serverConfig(), connection -> {
            summaries.add(connection.summary());
            InputStream in = connection.inputStream();
            while (!readLine(in).isEmpty()) {
                // the request head, up to the blank line
            }
            OutputStream out = connection.outputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 12\r\nConnection: close\r\n\r\nhello, 1.2\r\n".getBytes(StandardCharsets.US_ASCII));
            out.close();
        });
             ExternalProcess curl = ExternalProcess.start(dir, "curl", "-sS", "--tlsv1.2", "--tls-max", "1.2", "--cacert",
                     pki.caPem.toString(), "https://localhost:" + server.port() + "/")) {
            curl.await("hello, 1.2", Duration.ofSeconds(10));
            assertEquals(0, curl.waitFor(Duration.ofSeconds(10)), curl.output());
            assertEquals(ProtocolVersion.TLS1_2, summary().version());
        }
    }

    @ParameterizedTest
    @CsvSource({"VERS-TLS1.2, TLS1_2", "VERS-TLS1.3, TLS1_3"})
    void gnutlsClient(String version, ProtocolVersion expected) throws Exception {
        try (TlsServer server = TlsServer.start(0, serverConfig(), connection -> {
            summaries.add(connection.summary());
            EchoServer.echo(connection.transport());
        });
             ExternalProcess client = ExternalProcess.start(dir, "gnutls-cli", "--x509cafile", pki.caPem.toString(),
                     "--priority", "NORMAL:-VERS-ALL:+" + version, "-p", Integer.toString(server.port()), "localhost")) {
            client.send("hello gnutls\n");
            client.await("(?m)^hello gnutls\\s*$", Duration.ofSeconds(10));
            client.closeInput();
            client.waitFor(Duration.ofSeconds(10));
            assertEquals(expected, summary().version());
        }
    }

    @ParameterizedTest
    @CsvSource({"VERS-TLS1.2, TLS1_2", "VERS-TLS1.3, TLS1_3"})
    void gnutlsServer(String version, ProtocolVersion expected) throws Exception {
        int port = freePort();
        // GnuTLS 3.7 reads this EC key only in the SEC1 form (openssl ec), not the PKCS#8 form we write.
        Path key = dir.resolve("gnutls-key.pem");
        try (ExternalProcess convert = ExternalProcess.start(dir, "openssl", "ec", "-in", pki.keyPem.toString(), "-out", key.toString())) {
            assertEquals(0, convert.waitFor(Duration.ofSeconds(10)), convert.output());
        }
        try (ExternalProcess server = ExternalProcess.start(dir, "gnutls-serv", "--x509certfile", pki.certPem.toString(),
                "--x509keyfile", key.toString(), "--echo", "--priority", "NORMAL:-VERS-ALL:+" + version,
                "-p", Integer.toString(port))) {
            server.await("listening", Duration.ofSeconds(10));
            try (TlsConnection connection = connectWhenListening(port)) {
                assertEquals(expected, connection.summary().version());
                connection.outputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping", readLine(connection.inputStream()));
            }
        }
    }

    @Test
    void jdkSslSocketClientPinnedToTls12() throws Exception {
        try (TlsServer server = TlsServer.start(0, serverConfig(), connection -> {
            summaries.add(connection.summary());
            EchoServer.echo(connection.transport());
        })) {
            echoOverJdkClientPinnedToTls12(JdkTls.context(null, pki.pki.caCertificate()), server.port(),
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
            assertEquals(ProtocolVersion.TLS1_2, summary().version());
        }
    }

    @Test
    void jdkSslServerSocketPinnedToTls12() throws Exception {
        SSLContext context = JdkTls.context(pki.localhost, pki.pki.caCertificate());
        try (SSLServerSocket server = JdkTls.server(context, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")) {
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            Thread acceptor = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.getOutputStream().write(socket.getInputStream().readNBytes(5));
                    socket.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the client side asserts
                }
            });
            acceptor.start();
            try (TlsConnection connection = TlsClient.connect("localhost", server.getLocalPort(), clientConfig())) {
                assertEquals(ProtocolVersion.TLS1_2, connection.summary().version());
                connection.outputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertEquals("hello", new String(connection.inputStream().readNBytes(5), StandardCharsets.US_ASCII));
            }
            acceptor.join(10_000);
        }
    }

    /**
     * The JDK's SSLSocket pinned to TLSv1.2 with {@code suite} connects to our echo server on
     * {@code port}, sends chapter 1's length-prefixed "hi" and checks the echo and the version.
     */
    static void echoOverJdkClientPinnedToTls12(SSLContext context, int port, String suite) throws IOException {
        try (SSLSocket socket = JdkTls.client(context, port, suite)) {
            var parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.2"});
            socket.setSSLParameters(parameters);
            socket.getOutputStream().write(new byte[] {0, 2, 'h', 'i'});
            byte[] back = socket.getInputStream().readNBytes(4);
            assertEquals("hi", new String(back, 2, 2, StandardCharsets.US_ASCII));
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
        }
    }

    private static TlsConfig serverConfig() {
        return pki.server().versions(Tls13.support(), Tls12.support()).cipherSuites(Tls12.allSuites()).build();
    }

    private static TlsConfig clientConfig() {
        return pki.client().versions(Tls13.support(), Tls12.support()).cipherSuites(Tls12.allSuites()).build();
    }

    private HandshakeSummary summary() throws InterruptedException {
        HandshakeSummary summary = summaries.poll(5, TimeUnit.SECONDS);
        assertNotNull(summary, "the server completed no handshake");
        return summary;
    }

    /** gnutls-serv prints "listening" per address family; the IPv4 socket may follow a moment later. */
    private static TlsConnection connectWhenListening(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return TlsClient.connect("localhost", port, clientConfig());
            } catch (java.net.ConnectException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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
