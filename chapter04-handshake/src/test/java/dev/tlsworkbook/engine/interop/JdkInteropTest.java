package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.io.EchoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our client against the JDK's {@code SSLServerSocket}, and the JDK's {@code SSLSocket} against our server, TLS 1.3, each suite. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JdkInteropTest {
    private static final String LINE = "hello across implementations";

    @TempDir
    static Path dir;
    private static InteropPki pki;
    private static SSLContext jdk;

    @BeforeAll
    static void pki() throws Exception {
        pki = InteropPki.create(dir, KeyKind.EC_P256);
        jdk = JdkTls.context(pki.localhost, pki.pki.caCertificate());
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class,
            names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void ourClientTalksToTheJdkServer(CipherSuite suite) throws Exception {
        try (SSLServerSocket listener = JdkTls.server(jdk, suite.name())) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.UTF_8)).readLine();
                    OutputStream out = socket.getOutputStream();
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return socket.getSession().getCipherSuite();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (TlsConnection connection = TlsClient.connect("localhost", listener.getLocalPort(),
                    pki.client().build())) {
                HandshakeSummary summary = connection.summary();
                assertEquals(TrustStatus.TRUSTED, summary.trust());
                assertEquals(suite, summary.cipherSuite());
                connection.outputStream().write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
                assertEquals(LINE, OurClientVsOpenSslServerTest.readLine(connection.inputStream()));
                assertEquals(suite.name(), served.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class,
            names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void theJdkClientTalksToOurServer(CipherSuite suite) throws Exception {
        BlockingQueue<HandshakeSummary> summaries = new LinkedBlockingQueue<>();
        try (TlsServer server = TlsServer.start(0, pki.server().cipherSuites(List.of(suite)).build(), c -> {
            summaries.add(c.summary());
            EchoServer.echo(c.transport());
        }); SSLSocket socket = JdkTls.client(jdk, server.port(), suite.name())) {
            socket.startHandshake();
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            assertEquals(suite.name(), socket.getSession().getCipherSuite());
            socket.getOutputStream().write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            assertEquals(LINE, new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
            HandshakeSummary summary = summaries.poll(5, TimeUnit.SECONDS);
            assertNotNull(summary, "our server completed no handshake");
            assertEquals(suite, summary.cipherSuite());
        }
    }
}
