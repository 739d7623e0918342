package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.keyschedule.KeyLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code openssl s_client -tls1_3} against our server (chapter01's echo over TLS): every suite,
 * every group, HelloRetryRequest, ALPN, a KeyUpdate sent by s_client, and the key-log diff.
 * s_client verifies our certificate against the test CA and the name {@code localhost}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenSslClientVsOurServerTest {
    private static final String LINE = "hello from openssl";

    @TempDir
    static Path dir;
    private static InteropPki pki;
    private final BlockingQueue<HandshakeSummary> summaries = new LinkedBlockingQueue<>();

    @BeforeAll
    static void pki() throws IOException {
        pki = InteropPki.create(dir, KeyKind.EC_P256);
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class,
            names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void servesEachSuite(CipherSuite suite) throws Exception {
        try (TlsServer server = echoServer(pki.server().cipherSuites(List.of(suite)).build());
             ExternalProcess client = sClient(server.port(), "-ciphersuites", suite.name())) {
            echoAndClose(client);
            client.await("Cipher is " + suite.name(), Duration.ofSeconds(5));
            assertEquals(suite, summary().cipherSuite());
        }
    }

    @ParameterizedTest
    @CsvSource({"X25519, X25519", "P-256, SECP256R1", "P-384, SECP384R1", "X448, X448"})
    void servesEachGroupTheClientOffers(String opensslName, NamedGroup group) throws Exception {
        try (TlsServer server = echoServer(pki.server().build());
             ExternalProcess client = sClient(server.port(), "-groups", opensslName)) {
            echoAndClose(client);
            assertEquals(group, summary().group().orElseThrow());
        }
    }

    @Test
    void asksForItsPreferredGroupWithAHelloRetryRequest() throws Exception {
        // s_client sends a share for its first group only (x25519); our server accepts only P-256.
        try (TlsServer server = echoServer(pki.server().groups(List.of(NamedGroup.SECP256R1)).build());
             ExternalProcess client = sClient(server.port(), "-groups", "X25519:P-256")) {
            echoAndClose(client);
            HandshakeSummary summary = summary();
            assertEquals(NamedGroup.SECP256R1, summary.group().orElseThrow());
            assertTrue(summary.helloRetryRequest(), summary.toString());
        }
    }

    @Test
    void selectsTheFirstApplicationProtocolItSupports() throws Exception {
        try (TlsServer server = echoServer(pki.server().alpnProtocols(List.of("http/1.1")).build());
             ExternalProcess client = sClient(server.port(), "-alpn", "h2,http/1.1")) {
            echoAndClose(client);
            client.await("ALPN protocol: http/1.1", Duration.ofSeconds(5));
            assertEquals("http/1.1", summary().applicationProtocol().orElseThrow());
        }
    }

    @Test
    void honoursAKeyUpdateAndAnswersTheRequestedOne() throws Exception {
        try (TlsServer server = echoServer(pki.server().build());
             ExternalProcess client = sClient(server.port(), "-msg")) {
            client.send(LINE + "\n");
            client.await("(?m)^" + LINE + "\\s*$", Duration.ofSeconds(10));
            // s_client's connected command 'K': KeyUpdate with update_requested (RFC 8446 §4.6.3).
            client.send("K\n");
            client.await("KEYUPDATE", Duration.ofSeconds(5));
            client.send("after the key update\n");
            client.await("(?m)^after the key update\\s*$", Duration.ofSeconds(10));
            // Our answering KeyUpdate (update_not_requested) arrives before the echo.
            String received = client.output();
            assertTrue(received.matches("(?s).*<<< TLS 1.3, Handshake \\[length 0005\\], KeyUpdate.*"),
                    "s_client never received our KeyUpdate:\n" + received);
            client.closeInput();
            assertEquals(0, client.waitFor(Duration.ofSeconds(10)), client.output());
        }
    }

    @Test
    void derivesTheSameSecretsAsOpenSsl() throws Exception {
        List<String> ours = Collections.synchronizedList(new ArrayList<>());
        try (TlsServer server = echoServer(pki.server().keyLog(KeyLog.to(ours::add)).build());
             ExternalProcess client = sClient(server.port(), "-keylogfile", dir.resolve("s_client.keys").toString())) {
            echoAndClose(client);
        }
        KeyLogs.assertSameSecrets(ours, KeyLogs.read(dir.resolve("s_client.keys")));
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
        return sClient(dir, pki, port, extra);
    }

    /** s_client to our server on {@code port}, verifying its certificate against {@code pki}'s CA and the name localhost. */
    static ExternalProcess sClient(Path directory, InteropPki pki, int port, String... extra) throws IOException {
        List<String> command = ExternalProcess.args("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-tls1_3", "-servername", "localhost", "-verify_hostname", "localhost",
                "-CAfile", pki.caPem.toString(), "-verify_return_error");
        command.addAll(List.of(extra));
        return ExternalProcess.start(directory, command.toArray(String[]::new));
    }

    private static void echoAndClose(ExternalProcess client) throws Exception {
        echoAndClose(client, LINE);
    }

    /** One line echoed, then end of input: s_client sends close_notify and must exit 0. */
    static void echoAndClose(ExternalProcess client, String line) throws Exception {
        client.send(line + "\n");
        client.await("(?m)^" + line + "\\s*$", Duration.ofSeconds(10));
        client.await("Verification: OK", Duration.ofSeconds(1));
        client.closeInput();
        assertEquals(0, client.waitFor(Duration.ofSeconds(10)), client.output());
    }
}
