package dev.tlsworkbook.engine.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.engine.ServerLimits;
import dev.tlsworkbook.engine.ServerPeers;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import java.io.ByteArrayOutputStream;
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
 * {@link NioTlsServer} over loopback: it echoes, holds to each of its {@link ServerLimits} (and
 * counts each time one fires), serves a real client while a crowd of slow lorises holds
 * connections, and reports a connection closed without close_notify as truncation.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NioTlsServerTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private NioTlsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void echoesOverTls13() throws Exception {
        server = NioTlsServer.start(LOOPBACK, ServerPeers.serverConfig(), ServerLimits.defaults(), NioApplication.echo(), 2);
        ServerPeers.echoRoundTrip(server.port(), "hello from a selector loop");
        try (TlsConnection c = TlsClient.connect("localhost", server.port(), ServerPeers.clientConfig())) {
            // More than the engine's plaintext limit and several records in one write: flow control both ways.
            byte[] big = new byte[300_000];
            new java.util.Random(1).nextBytes(big);
            Thread writer = new Thread(() -> {
                try {
                    c.outputStream().write(big);
                    c.transport().shutdownOutput();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            byte[] back = c.inputStream().readAllBytes();
            writer.join();
            assertTrue(java.util.Arrays.equals(big, back), "300,000 bytes echoed intact, then close_notify");
        }
        assertEquals(2, server.stats().handshakes());
    }

    @Test
    void refusesConnectionsBeyondTheMaximum() throws Exception {
        server = NioTlsServer.start(LOOPBACK, ServerPeers.serverConfig(), ServerLimits.defaults().withMaxConnections(2),
                NioApplication.echo(), 1);
        List<TlsConnection> held = new ArrayList<>();
        try {
            held.add(TlsClient.connect("localhost", server.port(), ServerPeers.clientConfig()));
            held.add(TlsClient.connect("localhost", server.port(), ServerPeers.clientConfig()));
            try (Socket third = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                Duration closedAfter = ServerPeers.awaitClose(third, Duration.ofSeconds(10));
                assertTrue(closedAfter.toMillis() < 5_000, "refused at once, not queued: " + closedAfter);
            }
            assertEquals(1, server.stats().refused());
        } finally {
            for (TlsConnection c : held) {
                c.close();
            }
        }
        awaitConnections(0);
        ServerPeers.echoRoundTrip(server.port(), "a slot is free again");
    }

    @Test
    void cutsOffAHandshakeTrickledOneByteAtATime() throws Exception {
        server = NioTlsServer.start(LOOPBACK, ServerPeers.serverConfig(),
                ServerLimits.defaults().withHandshakeTimeout(Duration.ofMillis(800)), NioApplication.echo(), 1);
        // One byte per 100 ms: the server always has something new, so no read timeout would fire.
        Duration cut = ServerPeers.trickle(server.port(), Duration.ofMillis(100), Duration.ofSeconds(20));
        assertTrue(cut.toMillis() >= 700 && cut.toMillis() < 5_000, "cut off at the deadline: " + cut);
        assertEquals(1, server.stats().handshakeDeadlines());
    }

    @Test
    void closesAnIdleConnection() throws Exception {
        server = NioTlsServer.start(LOOPBACK, ServerPeers.serverConfig(),
                ServerLimits.defaults().withIdleTimeout(Duration.ofMillis(600)), NioApplication.echo(), 1);
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
    void servesARealClientWhileACrowdOfSlowLorisesHoldsConnections() throws Exception {
        server = NioTlsServer.start(LOOPBACK, ServerPeers.serverConfig(),
                ServerLimits.defaults().withHandshakeTimeout(Duration.ofSeconds(3)), NioApplication.echo(), 1);
        List<Socket> crowd = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                crowd.add(ServerPeers.loris(server.port(), 1 + i % 40));
            }
            awaitConnections(300);
            long start = System.nanoTime();
            ServerPeers.echoRoundTrip(server.port(), "served while 300 handshakes hang");
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took < 2_500, "the real client did not wait for the crowd: " + took + " ms");
            for (Socket loris : crowd) {
                ServerPeers.awaitClose(loris, Duration.ofSeconds(20));
            }
            assertEquals(300, server.stats().handshakeDeadlines());
        } finally {
            for (Socket s : crowd) {
                s.close();
            }
        }
    }

    @Test
    void aConnectionClosedWithoutCloseNotifyIsTruncationNotEndOfInput() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        server = NioTlsServer.start(LOOPBACK, ServerPeers.serverConfig(), ServerLimits.defaults(),
                session -> new NioApplication.Receiver() {
                    @Override
                    public void received(byte[] data, int off, int len) {
                        received.write(data, off, len);
                    }

                    @Override
                    public void endOfInput() {
                        events.add("end of input");
                    }

                    @Override
                    public void failed(TlsException e) {
                        events.add("failed " + e.violation().map(Violation::name).orElse("?"));
                    }
                }, 1);
        ServerPeers.sendAndVanish(server.port(), "last words".getBytes(StandardCharsets.UTF_8));
        assertEquals("failed TRUNCATION", events.poll(20, TimeUnit.SECONDS));
        assertEquals("last words", received.toString(StandardCharsets.UTF_8));

        // The same client saying goodbye properly is a clean end.
        try (TlsConnection c = TlsClient.connect("localhost", server.port(), ServerPeers.clientConfig())) {
            c.outputStream().write(1);
            c.transport().shutdownOutput();
            assertEquals("end of input", events.poll(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void anApplicationThatThrowsLosesOnlyItsConnection() throws Exception {
        NioApplication echo = NioApplication.echo();
        server = NioTlsServer.start(LOOPBACK, ServerPeers.serverConfig(), ServerLimits.defaults(), session -> {
            NioApplication.Receiver inner = echo.connected(session);
            return (data, off, len) -> {
                if (data[off] == '!') {
                    throw new IllegalStateException("application bug");
                }
                inner.received(data, off, len);
            };
        }, 1);
        try (TlsConnection victim = TlsClient.connect("localhost", server.port(), ServerPeers.clientConfig())) {
            ServerPeers.echoRoundTrip(server.port(), "before");
            victim.outputStream().write('!');
            int got;
            try {
                got = victim.inputStream().read();
            } catch (java.io.IOException closedUnderIt) {
                // Closed without close_notify: truncation, or a reset.
                got = -1;
            }
            assertEquals(-1, got, "the connection whose application failed is closed, nothing echoed");
        }
        awaitConnections(0);
        ServerPeers.echoRoundTrip(server.port(), "the loop still serves");
    }

    private void awaitConnections(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.activeConnections() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, server.activeConnections());
    }
}
