package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.keyschedule.KeyLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our client against {@code openssl s_server -tls1_3}: every suite, every group, a forced
 * HelloRetryRequest, ALPN, and the key-log diff. The server runs with {@code -rev}, so a line
 * comes back reversed: proof that application data went both ways under the negotiated keys.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OurClientVsOpenSslServerTest {
    private static final String LINE = "hello from tls-workbook";

    @TempDir
    static Path dir;
    private static InteropPki pki;

    @BeforeAll
    static void pki() throws IOException {
        pki = InteropPki.create(dir, KeyKind.EC_P256);
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class,
            names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void negotiatesEachSuiteTheServerAllows(CipherSuite suite) throws Exception {
        try (ExternalProcess server = sServer("-ciphersuites", suite.name())) {
            HandshakeSummary summary = reverseRoundTrip(server, pki.client().build());
            assertEquals(suite, summary.cipherSuite());
            server.await("Ciphersuite: " + suite.name(), Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @CsvSource({"X25519, X25519", "P-256, SECP256R1", "P-384, SECP384R1", "X448, X448"})
    void agreesOnEachGroupWithAKeyShareForIt(String opensslName, NamedGroup group) throws Exception {
        try (ExternalProcess server = sServer("-groups", opensslName)) {
            HandshakeSummary summary = reverseRoundTrip(server,
                    pki.client().groups(List.of(group)).keyShareGroups(List.of(group)).build());
            assertEquals(group, summary.group().orElseThrow());
            assertFalse(summary.helloRetryRequest(), "a share for the server's group needs no HelloRetryRequest");
        }
    }

    @Test
    void answersAHelloRetryRequestForTheServersGroup() throws Exception {
        try (ExternalProcess server = sServer("-groups", "P-256")) {
            HandshakeSummary summary = reverseRoundTrip(server,
                    pki.client().keyShareGroups(List.of(NamedGroup.X25519)).build());
            assertEquals(NamedGroup.SECP256R1, summary.group().orElseThrow());
            assertTrue(summary.helloRetryRequest(), "x25519 share only, P-256 server: RFC 8446 §4.1.4 HRR");
        }
    }

    @Test
    void negotiatesTheApplicationProtocolTheServerPicks() throws Exception {
        try (ExternalProcess server = sServer("-alpn", "h2,http/1.1")) {
            HandshakeSummary summary = reverseRoundTrip(server,
                    pki.client().alpnProtocols(List.of("http/1.1", "h3")).build());
            assertEquals("http/1.1", summary.applicationProtocol().orElseThrow());
        }
    }

    @Test
    void derivesTheSameSecretsAsOpenSsl() throws Exception {
        List<String> ours = Collections.synchronizedList(new ArrayList<>());
        try (ExternalProcess server = sServer()) {
            reverseRoundTrip(server, pki.client().keyLog(KeyLog.to(ours::add)).build());
            server.waitFor(Duration.ofSeconds(10));
        }
        KeyLogs.assertSameSecrets(ours, KeyLogs.read(dir.resolve("openssl-server.keys")));
    }

    /** s_server for one connection, reversing each line it receives, logging its secrets. */
    private static ExternalProcess sServer(String... extra) throws IOException {
        List<String> command = ExternalProcess.args("openssl", "s_server", "-accept", "127.0.0.1:0", "-tls1_3",
                "-cert", pki.certPem.toString(), "-key", pki.keyPem.toString(), "-naccept", "1", "-rev",
                "-keylogfile", dir.resolve("openssl-server.keys").toString());
        command.addAll(List.of(extra));
        return ExternalProcess.start(dir, command.toArray(String[]::new));
    }

    /** Connects, checks the certificate was trusted, sends a line, expects it reversed, closes with close_notify. */
    static HandshakeSummary reverseRoundTrip(ExternalProcess server, TlsConfig config) throws Exception {
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
