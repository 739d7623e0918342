package dev.tlsworkbook.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EchoServerTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void servesSeveralClientsAtTheSameTime() throws Exception {
        EchoServer server = start(4, EchoServer.ECHO);
        List<EchoClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(new EchoClient(connect(server, 5000)));
        }
        // Every client stays connected while the others talk: each is served by its own worker.
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < clients.size(); i++) {
                String line = "client " + i + " round " + round;
                assertEquals(line, clients.get(i).roundTrip(line));
            }
        }
        assertEquals(4, server.activeConnections());
        for (EchoClient client : clients) {
            assertEquals(Opaque.EMPTY, client.finish());
            client.close();
        }
    }

    @Test
    void aClientBeyondTheLimitWaitsForAFreeSlot() throws Exception {
        EchoServer server = start(1, EchoServer.ECHO);
        SocketTransport first = connect(server, 5000);
        EchoClient firstClient = new EchoClient(first);
        assertEquals("first", firstClient.roundTrip("first"));

        SocketTransport second = connect(server, 300);
        second.write("second\n".getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[64];
        assertThrows(SocketTimeoutException.class, () -> second.read(buffer, 0, buffer.length),
                "the only worker is busy with the first client");

        firstClient.finish();
        first.close();
        second.socket().setSoTimeout(5000);
        int n = 0;
        while (n < 7) {
            n += second.read(buffer, n, buffer.length - n);
        }
        assertEquals("second\n", new String(buffer, 0, n, StandardCharsets.US_ASCII));
    }

    @Test
    void echoesEverythingAfterTheClientHalfClosesThenEndsItsSide() throws Exception {
        EchoServer server = start(2, EchoServer.ECHO);
        byte[] data = new byte[1_000_000];
        new Random(3).nextBytes(data);
        try (EchoClient client = new EchoClient(connect(server, 5000))) {
            EchoClient.Echoed echoed = client.sendAllThenShutdown(data);
            // sendAllThenShutdown returns only once the server's end of stream arrived.
            assertEquals(Opaque.of(data), echoed.bytes());
        }
    }

    @Test
    void echoesAMessageLargerThanEveryBuffer() throws Exception {
        EchoServer server = start(2, EchoServer.ECHO);
        byte[] data = new byte[300_000];
        new Random(4).nextBytes(data);
        try (EchoClient client = new EchoClient(connect(server, 5000))) {
            EchoClient.Echoed echoed = client.roundTrip(data);
            assertEquals(Opaque.of(data), echoed.bytes());
            assertTrue(echoed.reads() >= data.length / EchoClient.CHUNK, "reads: " + echoed.reads());
        }
    }

    @Test
    void closeStopsAcceptingEndsIdleConnectionsAndLeavesNoThreads() throws Exception {
        EchoServer server = EchoServer.startOnLoopback(0, 3, EchoServer.ECHO);
        int port = server.port();
        SocketTransport idle = connect(server, 5000);
        EchoClient client = new EchoClient(idle);
        assertEquals("ping", client.roundTrip("ping"));
        assertTrue(threadsOf(server) > 0);

        server.close(Duration.ofMillis(200));

        assertEquals(0, threadsOf(server), "threads left: " + threadNames(server));
        assertEquals(0, server.activeConnections());
        assertEquals(-1, idle.read(new byte[8], 0, 8), "the server closed the idle connection");
        idle.close();
        assertThrows(ConnectException.class,
                () -> SocketTransport.connect("127.0.0.1", port, Duration.ofSeconds(2)).close());
        server.close();
    }

    @Test
    void closeLetsAConnectionFinishWithinTheGracePeriod() throws Exception {
        EchoServer server = EchoServer.startOnLoopback(0, 2, EchoServer.ECHO);
        SocketTransport transport = connect(server, 5000);
        EchoClient client = new EchoClient(transport);
        assertEquals("before", client.roundTrip("before"));
        Thread closer = new Thread(() -> server.close(Duration.ofSeconds(10)));
        closer.start();
        Thread.sleep(100);
        // The connection is still served while close() waits for it.
        assertEquals("during close", client.roundTrip("during close"));
        assertEquals(Opaque.EMPTY, client.finish());
        closer.join(5000);
        assertFalse(closer.isAlive());
        assertEquals(0, threadsOf(server));
        transport.close();
    }

    @Test
    void theTransportFactoryDecidesWhatEachAcceptedSocketSpeaks() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        // A stand-in for chapter02's records or chapter04's TLS: it changes the bytes on the way out.
        TransportFactory shouting = socket -> {
            opened.incrementAndGet();
            return new UpperCaseTransport(new SocketTransport(socket));
        };
        ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        EchoServer server = EchoServer.start(listener, 2, shouting, EchoServer.ECHO);
        toClose.add(server);
        try (EchoClient client = new EchoClient(connect(server, 5000))) {
            assertEquals("HELLO", client.roundTrip("hello"));
        }
        assertEquals(1, opened.get());
    }

    @Test
    void servesTransportsHandedInWithoutAListener() throws Exception {
        EchoServer server = EchoServer.withoutListener(2, EchoServer.ECHO);
        toClose.add(server);
        InMemoryTransport.Pair pair = InMemoryTransport.pair(5);
        server.serve(pair.server());
        EchoClient client = new EchoClient(pair.client());
        assertEquals("in memory, served by the pool", client.roundTrip("in memory, served by the pool"));
        assertEquals(Opaque.EMPTY, client.finish());
        assertThrows(IllegalStateException.class, server::port);
    }

    @Test
    void refusesTransportsAfterClose() throws Exception {
        EchoServer server = EchoServer.withoutListener(1, EchoServer.ECHO);
        server.close();
        InMemoryTransport.Pair pair = InMemoryTransport.pair(5);
        assertThrows(IllegalStateException.class, () -> server.serve(pair.server()));
        assertThrows(IOException.class, () -> pair.client().write(new byte[1]),
                "the refused transport was closed");
    }

    private EchoServer start(int maxClients, ConnectionHandler handler) throws IOException {
        EchoServer server = EchoServer.startOnLoopback(0, maxClients, handler);
        toClose.add(server);
        return server;
    }

    private SocketTransport connect(EchoServer server, int readTimeoutMillis) throws IOException {
        SocketTransport transport = SocketTransport.connect("127.0.0.1", server.port(), Duration.ofSeconds(5));
        transport.socket().setSoTimeout(readTimeoutMillis);
        toClose.add(transport);
        return transport;
    }

    private static long threadsOf(EchoServer server) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(server.name() + "-")).count();
    }

    private static List<String> threadNames(EchoServer server) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith(server.name() + "-")).toList();
    }

    /** Upper-cases ASCII letters it writes; everything else passes through. */
    private record UpperCaseTransport(Transport inner) implements Transport {
        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return inner.read(buffer, offset, length);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            byte[] out = new byte[length];
            for (int i = 0; i < length; i++) {
                byte b = buffer[offset + i];
                out[i] = b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
            }
            inner.write(out, 0, length);
        }

        @Override
        public void shutdownOutput() throws IOException {
            inner.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
