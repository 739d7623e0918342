package dev.tlsworkbook.tls12.interop;

import dev.tlsworkbook.config.Tls13;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.engine.interop.ExternalProcess;
import dev.tlsworkbook.engine.interop.InteropPki;
import dev.tlsworkbook.engine.interop.KeyLogs;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.negotiation.Tls12Suites;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.Tls12;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * OpenSSL's {@code s_client -tls1_2} against our server and our client against {@code s_server
 * -tls1_2}: every suite and group, ALPN, SNI, the key-log diff (OpenSSL's CLIENT_RANDOM master
 * secret equals ours, which proves the PRF and the extended master secret), and TLS 1.0/1.1
 * clients refused with protocol_version (RFC 8996).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenSslTls12Test {
    private static final String LINE = "hello over tls 1.2";

    @TempDir
    static Path dir;
    private static InteropPki pki;
    private static CertifiedKey rsa;
    private final BlockingQueue<TlsServerConnectionInfo> connections = new LinkedBlockingQueue<>();
    private final List<String> ourKeyLog = new CopyOnWriteArrayList<>();

    /** What the server side saw of one connection. */
    record TlsServerConnectionInfo(HandshakeSummary summary, Optional<String> serverName) {
    }

    @BeforeAll
    static void pki() throws IOException {
        pki = InteropPki.create(dir, KeyKind.EC_P256);
        rsa = pki.pki.issueLocalhost(KeyKind.RSA_2048);
        TestPki.writePem(rsa, dir.resolve("rsa-chain.pem"), dir.resolve("rsa-key.pem"));
    }

    // ------------------------------------------------------------------ s_client against our server

    @ParameterizedTest
    @CsvSource({
            "ECDHE-ECDSA-AES128-GCM-SHA256, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "ECDHE-RSA-AES128-GCM-SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "ECDHE-RSA-AES256-GCM-SHA384, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "ECDHE-RSA-CHACHA20-POLY1305, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
    void servesEachSuiteToOpenSsl(String opensslName, CipherSuite suite) throws Exception {
        try (TlsServer server = echoServer(serverConfig().build());
             ExternalProcess client = sClient(server.port(), "-cipher", opensslName,
                     "-keylogfile", dir.resolve("s_client-" + opensslName + ".keys").toString())) {
            echoAndClose(client);
            client.await("Cipher is " + opensslName, Duration.ofSeconds(5));
            HandshakeSummary summary = next().summary();
            assertEquals(ProtocolVersion.TLS1_2, summary.version());
            assertEquals(suite, summary.cipherSuite());
            // OpenSSL's CLIENT_RANDOM line must equal ours: the same master secret from the same transcript (RFC 7627).
            assertSameMasterSecret(ourKeyLog, KeyLogs.read(dir.resolve("s_client-" + opensslName + ".keys")));
            client.await("Extended master secret: yes", Duration.ofSeconds(1));
        }
    }

    @ParameterizedTest
    @CsvSource({"X25519, X25519", "P-256, SECP256R1", "P-384, SECP384R1", "X448, X448"})
    void servesEachGroupToOpenSsl(String opensslName, NamedGroup group) throws Exception {
        try (TlsServer server = echoServer(serverConfig().build());
             ExternalProcess client = sClient(server.port(), "-groups", opensslName)) {
            echoAndClose(client);
            assertEquals(group, next().summary().group().orElseThrow());
        }
    }

    @Test
    void negotiatesAlpnAndReadsSni() throws Exception {
        try (TlsServer server = echoServer(serverConfig().alpnProtocols("h2", "http/1.1").build());
             ExternalProcess client = sClient(server.port(), "-alpn", "http/1.1")) {
            echoAndClose(client);
            client.await("ALPN protocol: http/1.1", Duration.ofSeconds(1));
            TlsServerConnectionInfo info = next();
            assertEquals(Optional.of("http/1.1"), info.summary().applicationProtocol());
            assertEquals(Optional.of("localhost"), info.serverName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1", "-tls1_1"})
    void refusesTls10And11WithProtocolVersion(String option) throws Exception {
        try (TlsServer server = echoServer(serverConfig().build());
             ExternalProcess client = ExternalProcess.start(dir, "openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                     option, "-cipher", "DEFAULT@SECLEVEL=0", "-servername", "localhost")) {
            // RFC 8996 §5: "MUST NOT negotiate TLS version 1.1"; RFC 8446 §4.2.1: protocol_version.
            client.await("alert protocol version", Duration.ofSeconds(10));
            client.closeInput();
            client.waitFor(Duration.ofSeconds(10));
        }
    }

    // ------------------------------------------------------------------ our client against s_server

    @ParameterizedTest
    @CsvSource({
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, ec", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, ec",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, ec", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, rsa",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, rsa", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, rsa"})
    void connectsToOpenSslWithEachSuite(CipherSuite suite, String key) throws Exception {
        try (ExternalProcess server = sServer(key)) {
            HandshakeSummary summary = reverseRoundTrip(server, clientConfig().cipherSuites(Tls12.allSuites().stream()
                    .filter(s -> s.isTls13() || s == suite).toList()).build());
            assertEquals(ProtocolVersion.TLS1_2, summary.version());
            assertEquals(suite, summary.cipherSuite());
            assertSameMasterSecret(ourKeyLog, KeyLogs.read(dir.resolve("s_server.keys")));
        }
    }

    @ParameterizedTest
    @CsvSource({"X25519, X25519", "P-256, SECP256R1", "P-384, SECP384R1", "X448, X448"})
    void connectsToOpenSslWithEachGroup(String opensslName, NamedGroup group) throws Exception {
        try (ExternalProcess server = sServer("ec", "-groups", opensslName)) {
            assertEquals(group, reverseRoundTrip(server, clientConfig().build()).group().orElseThrow());
        }
    }

    @Test
    void agreesOnAlpnWithOpenSsl() throws Exception {
        try (ExternalProcess server = sServer("ec", "-alpn", "h2,http/1.1")) {
            assertEquals(Optional.of("http/1.1"),
                    reverseRoundTrip(server, clientConfig().alpnProtocols("http/1.1").build()).applicationProtocol());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Both key logs hold a CLIENT_RANDOM line with the same client random and master secret. */
    static void assertSameMasterSecret(List<String> ours, List<String> theirs) {
        String label = dev.tlsworkbook.tls12.connected.Tls12Session.KEY_LOG_LABEL;
        var a = KeyLogs.parse(ours);
        var b = KeyLogs.parse(theirs);
        assertNotNull(a.get(label), "our key log lacks " + label + ": " + a.keySet());
        assertEquals(b.get(label), a.get(label), "the master secrets differ: PRF or extended master secret diverged");
    }

    private TlsConfig.Builder serverConfig() {
        return pki.server().certificates(List.of(pki.localhost, rsa)).versions(Tls13.support(), Tls12.support())
                .cipherSuites(Tls12.allSuites()).keyLog(KeyLog.to(ourKeyLog::add));
    }

    private TlsConfig.Builder clientConfig() {
        return pki.client().versions(Tls13.support(), Tls12.support()).cipherSuites(Tls12.allSuites())
                .keyLog(KeyLog.to(ourKeyLog::add));
    }

    private TlsServer echoServer(TlsConfig config) throws IOException {
        return TlsServer.start(0, config, connection -> {
            connections.add(new TlsServerConnectionInfo(connection.summary(), connection.serverName()));
            EchoServer.echo(connection.transport());
        });
    }

    private TlsServerConnectionInfo next() throws InterruptedException {
        TlsServerConnectionInfo info = connections.poll(5, TimeUnit.SECONDS);
        assertNotNull(info, "the server completed no handshake");
        return info;
    }

    private static ExternalProcess sClient(int port, String... extra) throws IOException {
        return sClient(dir, pki, port, extra);
    }

    /** s_client -tls1_2 to our server on {@code port}, verifying its certificate against {@code pki}'s CA and the name localhost. */
    static ExternalProcess sClient(Path directory, InteropPki pki, int port, String... extra) throws IOException {
        List<String> command = ExternalProcess.args("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-tls1_2", "-servername", "localhost", "-verify_hostname", "localhost",
                "-CAfile", pki.caPem.toString(), "-verify_return_error");
        command.addAll(List.of(extra));
        return ExternalProcess.start(directory, command.toArray(String[]::new));
    }

    /** One line echoed, then end of input: s_client sends close_notify and must exit 0. */
    private static void echoAndClose(ExternalProcess client) throws Exception {
        client.send(LINE + "\n");
        client.await("(?m)^" + LINE + "\\s*$", Duration.ofSeconds(10));
        client.await("Verification: OK", Duration.ofSeconds(1));
        client.closeInput();
        assertEquals(0, client.waitFor(Duration.ofSeconds(10)), client.output());
    }

    /** s_server -tls1_2 for one connection, reversing each line, logging its secrets. */
    private static ExternalProcess sServer(String key, String... extra) throws IOException {
        boolean ec = key.equals("ec");
        List<String> command = ExternalProcess.args("openssl", "s_server", "-accept", "127.0.0.1:0", "-tls1_2",
                "-cert", (ec ? pki.certPem : dir.resolve("rsa-chain.pem")).toString(),
                "-key", (ec ? pki.keyPem : dir.resolve("rsa-key.pem")).toString(), "-naccept", "1", "-rev",
                "-keylogfile", dir.resolve("s_server.keys").toString());
        command.addAll(List.of(extra));
        return ExternalProcess.start(dir, command.toArray(String[]::new));
    }

    private static HandshakeSummary reverseRoundTrip(ExternalProcess server, TlsConfig config) throws Exception {
        int port = ExternalProcess.acceptedPort(server);
        try (TlsConnection connection = TlsClient.connect("localhost", port, config)) {
            HandshakeSummary summary = connection.summary();
            assertEquals(TrustStatus.TRUSTED, summary.trust(), summary.toString());
            connection.outputStream().write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
            assertEquals(new StringBuilder(LINE).reverse().toString(), readLine(connection.inputStream()));
            connection.outputStream().close();
            server.await("CONNECTION ESTABLISHED", Duration.ofSeconds(5));
            return summary;
        }
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).strip();
    }
}
