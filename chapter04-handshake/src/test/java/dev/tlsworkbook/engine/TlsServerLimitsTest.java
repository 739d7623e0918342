package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.io.EchoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The thread-per-connection {@link TlsServer} holds to the same {@link ServerLimits} as the
 * selector server: refuses beyond the maximum, cuts a trickled handshake at its deadline, closes
 * idle connections, serves a real client past a crowd of slow lorises, and hands the application
 * truncation, never a clean end of stream, when a client vanishes without close_notify.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsServerLimitsTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private TlsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close(Duration.ZERO);
        }
    }

    private static void echo(TlsConnection c) throws IOException {
        EchoServer.echo(c.transport());
    }

    @Test
    void refusesConnectionsBeyondTheMaximum() throws Exception {
        server = TlsServer.start(LOOPBACK, ServerPeers.serverConfig(), ServerLimits.blockingDefaults().withMaxConnections(2),
                TlsServerLimitsTest::echo);
        List<TlsConnection> held = new ArrayList<>();
        try {
            held.add(TlsClient.connect("localhost", server.port(), ServerPeers.clientConfig()));
            held.add(TlsClient.connect("localhost", server.port(), ServerPeers.clientConfig()));
            try (Socket third = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                Duration closedAfter = ServerPeers.awaitClose(third, Duration.ofSeconds(10));
                assertTrue(closedAfter.toMillis() < 5_000, "refused at once, not queued: " + closedAfter);
            }
            assertEquals(1, server.refusedConnections());
        } finally {
            for (TlsConnection c : held) {
                c.close();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.activeConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ServerPeers.echoRoundTrip(server.port(), "a slot is free again");
    }

    @Test
    void cutsOffAHandshakeTrickledOneByteAtATime() throws Exception {
        server = TlsServer.start(LOOPBACK, ServerPeers.serverConfig(),
                ServerLimits.blockingDefaults().withHandshakeTimeout(Duration.ofMillis(800)), TlsServerLimitsTest::echo);
        // One byte per 100 ms: every read returns within the read timeout; only the deadline stops it.
        Duration cut = ServerPeers.trickle(server.port(), Duration.ofMillis(100), Duration.ofSeconds(20));
        assertTrue(cut.toMillis() >= 700 && cut.toMillis() < 5_000, "cut off at the deadline: " + cut);
        assertEquals(1, server.stats().handshakeDeadlines());
    }

    @Test
    void closesAnIdleConnection() throws Exception {
        server = TlsServer.start(LOOPBACK, ServerPeers.serverConfig(),
                ServerLimits.blockingDefaults().withIdleTimeout(Duration.ofMillis(600)), TlsServerLimitsTest::echo);
        try (TlsConnection c = TlsClient.connect("localhost", server.port(), ServerPeers.clientConfig())) {
            long start = System.nanoTime();
            // The server sends close_notify: a clean end of stream for the client.
            assertEquals(-1, c.inputStream().read());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 500 && waited < 5_000, "closed after the idle timeout: " + waited + " ms");
        }
        assertEquals(1, server.stats().idleTimeouts());
    }

    @Test
    void servesARealClientWhileSlowLorisesHoldConnections() throws Exception {
        server = TlsServer.start(LOOPBACK, ServerPeers.serverConfig(),
                ServerLimits.blockingDefaults().withMaxConnections(64).withHandshakeTimeout(Duration.ofSeconds(2)),
                TlsServerLimitsTest::echo);
        List<Socket> crowd = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                crowd.add(ServerPeers.loris(server.port(), 1 + i % 40));
            }
            ServerPeers.echoRoundTrip(server.port(), "served while 40 handshakes hang");
            for (Socket loris : crowd) {
                Duration closed = ServerPeers.awaitClose(loris, Duration.ofSeconds(20));
                assertTrue(closed.toMillis() < 10_000, "cut at the deadline: " + closed);
            }
            assertEquals(40, server.stats().handshakeDeadlines());
        } finally {
            for (Socket s : crowd) {
                s.close();
            }
        }
    }

    @Test
    void aConnectionClosedWithoutCloseNotifyIsTruncationNotEndOfStream() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        server = TlsServer.start(LOOPBACK, ServerPeers.serverConfig(), ServerLimits.blockingDefaults(), c -> {
            byte[] buffer = new byte[256];
            try {
                int n;
                while ((n = c.inputStream().read(buffer)) != -1) {
                    received.write(buffer, 0, n);
                }
                events.add("end of stream");
            } catch (TlsIOException e) {
                events.add("failed " + e.tlsException().flatMap(TlsException::violation).map(Violation::name).orElse("?"));
            }
        });
        ServerPeers.sendAndVanish(server.port(), "last words".getBytes(StandardCharsets.UTF_8));
        assertEquals("failed TRUNCATION", events.poll(20, TimeUnit.SECONDS));
        assertEquals("last words", received.toString(StandardCharsets.UTF_8));

        try (TlsConnection c = TlsClient.connect("localhost", server.port(), ServerPeers.clientConfig())) {
            c.transport().shutdownOutput();
            assertEquals("end of stream", events.poll(20, TimeUnit.SECONDS));
        }
    }
}
