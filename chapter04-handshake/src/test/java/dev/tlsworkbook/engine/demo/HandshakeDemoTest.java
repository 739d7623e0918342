package dev.tlsworkbook.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.ServerLimits;
import dev.tlsworkbook.engine.TracePrinter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HandshakeDemoTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theEmbeddedDemoPrintsTheFlowTheSummaryAndTheEchoAndSucceeds() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = HandshakeDemo.embedded(DemoEntropy.system(), TracePrinter.Detail.MESSAGES, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertTrue(output.matches("(?s).*→ ClientHello +\\[plaintext] +suites=.*sni=localhost.*"), output);
        assertTrue(output.matches("(?s).*← Finished +\\[handshake keys].*→ Finished +\\[handshake keys].*"), output);
        assertTrue(output.contains("= Trusted TLSv1.3 TLS_AES_128_GCM_SHA256 X25519MLKEM768 ecdsa_secp256r1_sha256 peer=CN=localhost"),
                output);
        assertTrue(output.contains("echo: \"sealed with AEAD\" → \"sealed with AEAD\""), output);
        assertTrue(output.matches("(?s).*→ Alert .*close_notify.*← Alert .*close_notify.*"), output);
        // The second connection resumes with a ticket and its 0-RTT data is accepted; no Certificate is sent.
        String second = output.substring(output.indexOf("A second connection resumes"));
        assertTrue(output.matches("(?s).*← NewSessionTicket .*A second connection.*"), output);
        assertTrue(second.matches("(?s).*→ ClientHello .*early_data pre_shared_key=1 ticket.*"), second);
        assertTrue(second.matches("(?s).*← ServerHello .*pre_shared_key=selected_identity 0.*"), second);
        assertTrue(!second.contains("Certificate"), second);
        assertTrue(second.matches("(?s).*→ EndOfEarlyData +\\[early keys].*"), second);
        assertTrue(second.contains("= Trusted TLSv1.3 TLS_AES_128_GCM_SHA256 X25519MLKEM768 peer=CN=localhost resumed early_data=accepted"),
                second);
        assertTrue(second.contains("0-RTT: 13 bytes sent before the handshake ended, accepted by the server"), second);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void twoSeededRunsPrintTheSameBytesExceptThePort() throws Exception {
        String first = seededRun(7);
        String second = seededRun(7);
        assertTrue(first.startsWith("--seed 7: every key"), first);
        assertEquals(first, second);
        assertTrue(!first.equals(seededRun(8)), "another seed, other bytes");
    }

    private static String seededRun(long seed) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DemoEntropy entropy = DemoArgs.parse("--seed", Long.toString(seed)).entropy();
        assertEquals(0, HandshakeDemo.embedded(entropy, TracePrinter.Detail.BYTES, new PrintStream(buffer, true, StandardCharsets.UTF_8)));
        return buffer.toString(StandardCharsets.UTF_8).replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT");
    }

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome runDemo(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = HandshakeDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPortInUseIsOneErrorLineNamingThePortAndPort0() throws Exception {
        portInUse();
    }

    @Test
    void aPortInUseIsTheSameErrorLineForTheNioServer() throws Exception {
        portInUse("--nio");
    }

    private static void portInUse(String... more) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<String> args = new java.util.ArrayList<>(List.of("server", "--port", Integer.toString(taken.getLocalPort()),
                    "--quiet"));
            args.addAll(List.of(more));
            Outcome o = runDemo(args.toArray(String[]::new));
            assertEquals(3, o.status(), o.err());
            assertEquals("error: port " + taken.getLocalPort() + " on 127.0.0.1 is in use: stop what listens there,"
                    + " or choose another port with --port N (--port 0 picks a free one)\n", o.err());
        }
    }

    @Test
    void anUnknownBindHostIsOneErrorLineForBothServers() throws Exception {
        for (String[] args : List.of(new String[] {"server", "--bind", "no-such-host.invalid", "--quiet"},
                new String[] {"server", "--bind", "no-such-host.invalid", "--quiet", "--nio"})) {
            Outcome o = runDemo(args);
            assertEquals(2, o.status(), o.err());
            assertEquals("error: unknown host for --bind: no-such-host.invalid\n", o.err());
        }
    }

    @Test
    void aMissingCertificateFileIsNamedByItsPath(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.pem");
        Outcome o = runDemo("server", "--cert", missing.toString(), "--key", missing.toString(), "--quiet");
        assertEquals(3, o.status());
        assertEquals("error: no such file: " + missing.toAbsolutePath() + "\n", o.err());
    }

    @Test
    void aDerCertificateGetsTheOpensslCommandThatConvertsIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        dev.tlsworkbook.handshake.auth.TestPki pki = dev.tlsworkbook.handshake.auth.TestPki.create(
                java.time.Clock.systemUTC(), new java.security.SecureRandom());
        Path der = dir.resolve("cert.der");
        java.nio.file.Files.write(der, pki.caCertificate().getEncoded());
        Outcome o = runDemo("client", "https://localhost:1/", "--cafile", der.toString(), "--quiet");
        assertEquals(3, o.status(), o.err());
        assertEquals("error: " + der + " is DER (binary), not PEM; convert it with: openssl x509 -inform DER -in "
                + der + " -out " + der + ".pem\n", o.err());
    }

    @Test
    void anUnknownHostSaysUnknownHost() throws Exception {
        Outcome o = runDemo("client", "no-such-host.invalid", "4433", "--quiet");
        assertEquals(1, o.status());
        assertEquals("error: unknown host no-such-host.invalid\n", o.err());
    }

    @Test
    void parsesServerOptionsWithSeveralChains() {
        DemoArgs args = DemoArgs.parse("server", "--port", "0", "--cert", "a.pem", "--key", "a.key", "--cert", "b.pem",
                "--key", "b.key", "--www", "--alpn", "h2,http/1.1", "--groups", "P-256,x25519,X25519MLKEM768,secp384r1mlkem1024");
        assertEquals(DemoArgs.Mode.SERVER, args.mode());
        assertEquals(0, args.port());
        assertEquals(List.of(Path.of("a.pem"), Path.of("b.pem")), args.certs());
        assertEquals(List.of("h2", "http/1.1"), args.alpn());
        assertEquals(List.of(NamedGroup.SECP256R1, NamedGroup.X25519, NamedGroup.X25519MLKEM768, NamedGroup.SECP384R1MLKEM1024),
                args.groups());
        assertTrue(args.www());
    }

    @Test
    void parsesClientOptions() {
        DemoArgs args = DemoArgs.parse("client", "example.com", "443", "--fingerprint", "ab:cd",
                "--suites", "tls_chacha20_poly1305_sha256", "--trace=bytes");
        assertEquals(List.of("example.com", "443"), args.positional());
        assertEquals("ab:cd", args.fingerprint().orElseThrow());
        assertEquals(List.of(CipherSuite.TLS_CHACHA20_POLY1305_SHA256), args.suites());
        assertEquals(DemoArgs.Trace.BYTES, args.trace());
        assertEquals(DemoArgs.Mode.CLIENT, DemoArgs.parse("client", "https://localhost:4433/").mode());
        assertEquals(DemoArgs.Mode.HELP, DemoArgs.parse("client", "--help").mode());
    }

    @Test
    void parsesClientCertificateAndExporterOptions() {
        DemoArgs server = DemoArgs.parse("server", "--verify-client", "required", "--client-fingerprint", "AB:CD",
                "--client-fingerprint", "EF:01", "--post-handshake-auth", "--keymatexport", "EXPERIMENTAL-x",
                "--keymatexportlen", "32");
        assertEquals(dev.tlsworkbook.handshake.auth.ClientAuthMode.REQUIRED, server.verifyClient());
        assertEquals(List.of("AB:CD", "EF:01"), server.clientFingerprints());
        assertTrue(server.postHandshakeAuth());
        assertEquals("EXPERIMENTAL-x", server.exportLabel().orElseThrow());
        assertEquals(32, server.exportLength());
        DemoArgs client = DemoArgs.parse("client", "localhost", "4433", "--cert", "a.pem", "--key", "a-key.pem",
                "--cert", "b.pem", "--key", "b-key.pem");
        assertEquals(List.of(Path.of("a.pem"), Path.of("b.pem")), client.certs());
        assertEquals(dev.tlsworkbook.handshake.auth.ClientAuthMode.NONE, client.verifyClient());
        assertEquals(20, client.exportLength());
    }

    @Test
    void parsesTheServerLimitsAndNio() {
        DemoArgs args = DemoArgs.parse("server", "--nio", "--max-connections", "1000", "--handshake-timeout", "2.5",
                "--idle-timeout", "30");
        assertTrue(args.nio());
        ServerLimits limits = DemoServer.limits(args);
        assertEquals(new ServerLimits(1000, Duration.ofMillis(2500), Duration.ofSeconds(30)), limits);
        assertEquals(ServerLimits.defaults(), DemoServer.limits(DemoArgs.parse("server", "--nio")));
        assertEquals(ServerLimits.blockingDefaults(), DemoServer.limits(DemoArgs.parse("server")));
        assertTrue(HandshakeDemo.USAGE.contains("--max-connections"), "--help lists the limits");
    }

    @Test
    void rejectsMalformedCommandLines() {
        List<String[]> bad = List.of(
                new String[] {"serve"},
                new String[] {"server", "--port"},
                new String[] {"server", "--port", "70000"},
                new String[] {"server", "--cert", "a.pem"},
                new String[] {"server", "--groups", "ffdhe2048"},
                new String[] {"server", "--max-connections", "0"},
                new String[] {"server", "--handshake-timeout", "-1"},
                new String[] {"server", "--idle-timeout", "soon"},
                new String[] {"client", "localhost"},
                new String[] {"client", "localhost", "443", "--cafile", "ca.pem", "--insecure"},
                new String[] {"client", "localhost", "443", "--suites", "TLS_AES_128_CCM_SHA256"},
                new String[] {"client", "localhost", "443", "--bogus"},
                new String[] {"server", "--verify-client", "sometimes"},
                new String[] {"server", "--client-cafile", "ca.pem", "--client-fingerprint", "AB"},
                new String[] {"server", "--keymatexportlen", "0"});
        for (String[] args : bad) {
            assertThrows(IllegalArgumentException.class, () -> DemoArgs.parse(args), String.join(" ", args));
        }
        // A TLS 1.2 suite parses (chapter05's demo takes it) but chapter 4's TLS 1.3-only configuration refuses it.
        var tls12Suites = DemoArgs.parse("client", "localhost", "443", "--suites", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").suites();
        assertThrows(IllegalArgumentException.class,
                () -> dev.tlsworkbook.config.TlsConfig.builder().cipherSuites(tls12Suites).build());
    }
}
