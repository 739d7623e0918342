package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.io.EchoClient;
import dev.tlsworkbook.handshake.auth.TestPki;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's command line against real tools: curl and s_client against {@code server --www}
 * (ALPN http/1.1 by default), {@code client} against {@code openssl s_server}, succeeding and
 * failing, and the server's trace as connections come alone and overlap.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DemoInteropTest {
    @TempDir
    Path dir;

    @Test
    void curlFetchesThePageOfTheWwwServer() throws Exception {
        curlFetchesThePage();
    }

    @Test
    void curlFetchesThePageOfTheNioWwwServer() throws Exception {
        curlFetchesThePage("--nio");
    }

    private void curlFetchesThePage(String... options) throws Exception {
        Path ca = dir.resolve("demo-ca.pem");
        List<String> args = new java.util.ArrayList<>(List.of("server", "--port", "0", "--www", "--ca-out", ca.toString(),
                "--alpn", "http/1.1"));
        args.addAll(List.of(options));
        try (ExternalProcess server = DemoProcess.start(dir, args.toArray(String[]::new))) {
            int port = Integer.parseInt(server.await("listening on 127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(20)).group(1));
            try (ExternalProcess curl = ExternalProcess.start(dir, "curl", "--silent", "--show-error", "--cacert",
                    ca.toString(), "https://localhost:" + port + "/hello")) {
                assertEquals(0, curl.waitFor(Duration.ofSeconds(20)), curl.output());
                String page = curl.output();
                assertTrue(page.contains("request:        GET /hello HTTP/1.1"), page);
                assertTrue(page.contains("server name:    localhost"), page);
                assertTrue(page.contains("ALPN:           http/1.1"), page);
            }
        }
    }

    @Test
    void sClientCompletesAHandshakeWithTheWwwServer() throws Exception {
        Path ca = dir.resolve("demo-ca.pem");
        try (ExternalProcess server = DemoProcess.start(dir, "server", "--port", "0", "--www", "--ca-out", ca.toString())) {
            int port = Integer.parseInt(server.await("listening on 127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(20)).group(1));
            try (ExternalProcess client = ExternalProcess.start(dir, "openssl", "s_client", "-connect",
                    "127.0.0.1:" + port, "-tls1_3", "-servername", "localhost", "-CAfile", ca.toString(),
                    "-verify_return_error", "-ign_eof")) {
                client.send("GET / HTTP/1.0\r\n\r\n");
                client.await("HTTP/1.0 200 ok", Duration.ofSeconds(10));
                client.await("cipher suite:   TLS_AES_128_GCM_SHA256", Duration.ofSeconds(5));
                // -ign_eof: s_client leaves only when the server closes, which --www does after the page.
                assertEquals(0, client.waitFor(Duration.ofSeconds(10)), client.output());
                assertTrue(client.output().contains("Verification: OK"), client.output());
            }
        }
    }

    @Test
    void clientPrintsTheBodyOfAnOpenSslWwwPage() throws Exception {
        InteropPki pki = InteropPki.create(dir, KeyKind.EC_P256);
        try (ExternalProcess server = ExternalProcess.start(dir, "openssl", "s_server", "-accept", "127.0.0.1:0",
                "-tls1_3", "-cert", pki.certPem.toString(), "-key", pki.keyPem.toString(), "-www", "-naccept", "1")) {
            int port = ExternalProcess.acceptedPort(server);
            try (ExternalProcess client = DemoProcess.start(dir, "client", "https://localhost:" + port + "/",
                    "--cafile", pki.caPem.toString())) {
                assertEquals(0, client.waitFor(Duration.ofSeconds(30)), client.output());
                String output = client.output();
                assertTrue(output.contains("= Trusted TLSv1.3"), output);
                assertTrue(output.contains("New, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256"), output);
            }
        }
    }

    @Test
    void clientExitsNonZeroNamingTheReasonWhenTheCaIsUnknown() throws Exception {
        InteropPki pki = InteropPki.create(dir, KeyKind.EC_P256);
        Path otherCa = dir.resolve("other-ca.pem");
        TestPki.create(InteropPki.CLOCK, new SecureRandom()).writeCaPem(otherCa);
        try (ExternalProcess server = ExternalProcess.start(dir, "openssl", "s_server", "-accept", "127.0.0.1:0",
                "-tls1_3", "-cert", pki.certPem.toString(), "-key", pki.keyPem.toString(), "-www", "-naccept", "1")) {
            int port = ExternalProcess.acceptedPort(server);
            try (ExternalProcess client = DemoProcess.start(dir, "client", "localhost", String.valueOf(port),
                    "--cafile", otherCa.toString(), "--quiet")) {
                int status = client.waitFor(Duration.ofSeconds(30));
                assertNotEquals(0, status, client.output());
                assertTrue(client.output().contains("error: localhost:" + port), client.output());
                assertTrue(client.output().toLowerCase().contains("unknown_ca")
                        || client.output().toLowerCase().contains("unknown certificate authority"), client.output());
                // s_server saw the fatal alert we sent.
                server.await("alert", Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void serverWritesTheThrowawayCaItPrints() throws Exception {
        try (ExternalProcess server = DemoProcess.start(dir, "server", "--port", "0")) {
            String file = server.await("throwaway CA certificate written to (\\S+)", Duration.ofSeconds(20)).group(1);
            server.await("listening on", Duration.ofSeconds(20));
            assertTrue(Files.readString(Path.of(file)).startsWith("-----BEGIN CERTIFICATE-----"));
            Files.delete(Path.of(file));
        }
    }

    @Test
    void wwwServerNegotiatesHttp11ByAlpnWithoutAnAlpnOption() throws Exception {
        // A web server answers a browser's or curl's offer of h2,http/1.1 with http/1.1 (RFC 7301 §3.2).
        Path ca = dir.resolve("demo-ca.pem");
        try (ExternalProcess server = DemoProcess.start(dir, "server", "--port", "0", "--www", "--ca-out", ca.toString())) {
            int port = Integer.parseInt(server.await("listening on 127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(20)).group(1));
            try (ExternalProcess client = ExternalProcess.start(dir, "openssl", "s_client", "-connect",
                    "127.0.0.1:" + port, "-servername", "localhost", "-CAfile", ca.toString(), "-alpn", "h2,http/1.1",
                    "-verify_return_error", "-ign_eof")) {
                client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
                client.await("ALPN protocol: http/1.1", Duration.ofSeconds(10));
                client.await("ALPN:           http/1.1", Duration.ofSeconds(10));
                assertEquals(0, client.waitFor(Duration.ofSeconds(10)), client.output());
            }
            server.await("= Anonymous TLSv1.3 [^\\n]* alpn=http/1.1", Duration.ofSeconds(10));
        }
    }

    @Test
    void serverTraceNumbersItsLinesOnlyWhileConnectionsOverlap() throws Exception {
        Path ca = dir.resolve("demo-ca.pem");
        try (ExternalProcess server = DemoProcess.start(dir, "server", "--port", "0", "--ca-out", ca.toString())) {
            int port = Integer.parseInt(server.await("listening on 127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(20)).group(1));
            TlsConfig config = TlsConfig.builder().trustPolicy(TrustPolicy.verify(ca, Clock.systemUTC())).build();
            // 1. One connection alone: its trace reads like the client's, no numbers.
            try (TlsConnection alone = TlsClient.connect("localhost", port, config)) {
                EchoClient echo = new EchoClient(alone.transport());
                assertEquals("alone", echo.roundTrip("alone"));
                echo.finish();
            }
            server.await("← Alert [^\\n]*close_notify", Duration.ofSeconds(10));
            String single = server.output();
            assertTrue(single.contains("\n→ ClientHello"), single);
            assertTrue(single.lines().noneMatch(l -> l.startsWith("#")), single);
            // 2. A second (#2) is open when a third (#3) starts: from then on both number their lines.
            try (TlsConnection first = TlsClient.connect("localhost", port, config)) {
                EchoClient one = new EchoClient(first.transport());
                assertEquals("first", one.roundTrip("first"));
                try (TlsConnection second = TlsClient.connect("localhost", port, config)) {
                    EchoClient two = new EchoClient(second.transport());
                    assertEquals("second", two.roundTrip("second"));
                    two.finish();
                }
                server.await("#3 ← Alert [^\\n]*close_notify", Duration.ofSeconds(10));
                one.finish();
            }
            server.await("#2 ← Alert [^\\n]*close_notify", Duration.ofSeconds(10));
            String overlapping = server.output().substring(single.length());
            assertTrue(overlapping.contains("\n→ ClientHello"), "#2 began alone, unnumbered: " + overlapping);
            assertTrue(overlapping.contains("\n#3 → ClientHello"), overlapping);
            assertTrue(overlapping.contains("\n#3 = "), overlapping);
            assertTrue(overlapping.contains("\n#2 → Alert"), overlapping);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHandshakeThatDiesWithoutAnAlertNoLongerCountsAsOpen() throws Exception {
        Path ca = dir.resolve("demo-ca.pem");
        try (ExternalProcess server = DemoProcess.start(dir, "server", "--port", "0", "--ca-out", ca.toString())) {
            int port = Integer.parseInt(server.await("listening on 127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(20)).group(1));
            // 1. A peer sends the first bytes of a ClientHello (a whole record, half a message) and
            //    stops sending: the server's handshake ends at end of stream, without an alert.
            try (Socket dying = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream toServer = dying.getOutputStream();
                toServer.write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x01, 0x00, 0x03});
                toServer.flush();
                dying.shutdownOutput();
                // the server closes its side once its handshake has failed and the connection ended
                InputStream fromServer = dying.getInputStream();
                while (fromServer.read() >= 0) {
                    // drain whatever it sent before closing
                }
            }
            // 2. The next connection is alone: without the end being reported, the dead one would
            //    still count as open and this trace would be numbered.
            TlsConfig config = TlsConfig.builder().trustPolicy(TrustPolicy.verify(ca, Clock.systemUTC())).build();
            String before = server.output();
            try (TlsConnection alone = TlsClient.connect("localhost", port, config)) {
                EchoClient echo = new EchoClient(alone.transport());
                assertEquals("alone", echo.roundTrip("alone"));
                echo.finish();
            }
            server.await("← Alert [^\\n]*close_notify", Duration.ofSeconds(10));
            String after = server.output().substring(before.length());
            assertTrue(after.contains("→ ClientHello"), after);
            assertTrue(after.lines().noneMatch(l -> l.startsWith("#")), after);
        }
    }
}
