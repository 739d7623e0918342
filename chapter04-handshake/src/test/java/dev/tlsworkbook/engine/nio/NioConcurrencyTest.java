package dev.tlsworkbook.engine.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.engine.ServerLimits;
import dev.tlsworkbook.engine.ServerPeers;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many clients at once against {@link NioTlsServer} with two selector threads: every one completes
 * its handshake and an echo round trip, and all are held open together before any closes, so the
 * server really holds that many established connections. The normal build runs 250; the full
 * 1,000 runs with {@code -Dgroups=slow} (docs/04-handshake.md).
 */
class NioConcurrencyTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void holds250ConcurrentConnections() throws Exception {
        holdConcurrently(250);
    }

    @Test
    @Tag("slow")
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void holds1000ConcurrentConnections() throws Exception {
        holdConcurrently(1000);
    }

    private static void holdConcurrently(int clients) throws Exception {
        try (NioTlsServer server = NioTlsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                // Every client starts at once, so on two cores shared with the clients the last handshakes wait
                // well past the default 10 s deadline: this test is about holding connections, not about that limit.
                ServerPeers.serverConfig(), ServerLimits.defaults().withHandshakeTimeout(Duration.ofMinutes(5)),
                NioApplication.echo(), 2)) {
            CountDownLatch allConnected = new CountDownLatch(clients);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
                Thread t = new Thread(r, "client");
                t.setDaemon(true);
                return t;
            });
            List<Future<Void>> done = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    String line = "client " + i + "\n";
                    done.add(pool.submit(() -> {
                        try (TlsConnection c = TlsClient.connect("localhost", server.port(), ServerPeers.clientConfig(),
                                Duration.ofSeconds(120))) {
                            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                            c.outputStream().write(bytes);
                            assertEquals(line, new String(c.inputStream().readNBytes(bytes.length), StandardCharsets.UTF_8));
                            allConnected.countDown();
                            assertTrue(release.await(300, TimeUnit.SECONDS));
                        }
                        return null;
                    }));
                }
                assertTrue(allConnected.await(500, TimeUnit.SECONDS), "connected: " + (clients - allConnected.getCount()));
                assertEquals(clients, server.activeConnections(), "every connection is held at once");
                assertEquals(clients, server.stats().handshakes());
                release.countDown();
                for (Future<Void> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
            assertEquals(0, server.stats().refused());
        }
    }
}
