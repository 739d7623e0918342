package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.KeyUpdate;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.io.EchoClient;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.io.InMemoryTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsTransportTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void runsChapter01sEchoUnchangedOverTlsInSmallChunks() throws Exception {
        InMemoryTransport.Pair pipe = InMemoryTransport.pair(7);
        Future<Long> echoed = pool.submit(() -> {
            try (TlsTransport server = TlsTransport.server(pipe.server(), TlsPair.server().build())) {
                return EchoServer.echo(server);
            }
        });
        try (TlsTransport transport = TlsTransport.client(pipe.client(), TlsPair.client().build(), "localhost");
             EchoClient client = new EchoClient(transport)) {
            assertEquals("hello over TLS", client.roundTrip("hello over TLS"));
            byte[] big = new byte[100_000];
            new Random(7).nextBytes(big);
            // One thread writes everything and sends close_notify while this one reads the echo.
            EchoClient.Echoed back = client.sendAllThenShutdown(big);
            assertArrayEquals(big, back.bytes().bytes());
        }
        assertEquals(15 + 100_000, echoed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aReaderWaitingForTheNetworkDoesNotBlockAWriter() throws Exception {
        InMemoryTransport.Pair pipe = InMemoryTransport.pair(1024);
        pool.submit(() -> {
            try (TlsTransport server = TlsTransport.server(pipe.server(), TlsPair.server().build())) {
                return EchoServer.echo(server);
            }
        });
        try (TlsTransport client = TlsTransport.client(pipe.client(), TlsPair.client().build(), "localhost")) {
            client.handshake();
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
                byte[] buffer = new byte[64];
                try {
                    int n = client.read(buffer, 0, buffer.length);
                    return new String(buffer, 0, n, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
            Thread.sleep(100); // the reader is now blocked in the lower read
            client.write("ping".getBytes(StandardCharsets.UTF_8));
            assertEquals("ping", read.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void handshakeCanBeRunExplicitlyAndReportsWhatWasAgreed() throws Exception {
        InMemoryTransport.Pair pipe = InMemoryTransport.pair(4096);
        Future<HandshakeSummary> serverSide = pool.submit(() -> {
            TlsTransport server = TlsTransport.server(pipe.server(), TlsPair.server().alpnProtocols(List.of("h2")).build());
            server.handshake();
            return server.summary();
        });
        TlsTransport client = TlsTransport.client(pipe.client(),
                TlsPair.client().alpnProtocols(List.of("h2", "http/1.1")).build(), "localhost");
        client.handshake();
        HandshakeSummary summary = client.summary();
        assertEquals(TrustStatus.TRUSTED, summary.trust());
        assertEquals("h2", summary.applicationProtocol().orElseThrow());
        assertEquals("CN=localhost", summary.peerSubject().orElseThrow());
        assertEquals(summary.cipherSuite(), serverSide.get(5, TimeUnit.SECONDS).cipherSuite());
        client.close();
    }

    @Test
    void reportsTruncationWhenTheStreamEndsWithoutCloseNotify() throws Exception {
        InMemoryTransport.Pair pipe = InMemoryTransport.pair(4096);
        pool.submit(() -> {
            TlsTransport server = TlsTransport.server(pipe.server(), TlsPair.server().build());
            server.write("partial".getBytes(StandardCharsets.UTF_8));
            pipe.server().shutdownOutput(); // TCP FIN, no close_notify: an attacker could have cut here
            return null;
        });
        TlsTransport client = TlsTransport.client(pipe.client(), TlsPair.client().build(), "localhost");
        byte[] buffer = new byte[64];
        assertEquals(7, client.read(buffer, 0, buffer.length));
        TlsIOException e = assertThrows(TlsIOException.class, () -> client.read(buffer, 0, buffer.length));
        assertEquals(Violation.TRUNCATION, e.tlsException().orElseThrow().violation().orElseThrow());
        client.close();
    }

    @Test
    void readsEndOfStreamAfterCloseNotifyAndCanStillWrite() throws Exception {
        InMemoryTransport.Pair pipe = InMemoryTransport.pair(4096);
        Future<String> serverRead = pool.submit(() -> {
            TlsTransport server = TlsTransport.server(pipe.server(), TlsPair.server().build());
            server.shutdownOutput(); // close_notify first, then keep reading (RFC 8446 §6.1 half-close)
            byte[] buffer = new byte[64];
            int n = server.read(buffer, 0, buffer.length);
            return new String(buffer, 0, n, StandardCharsets.UTF_8);
        });
        TlsTransport client = TlsTransport.client(pipe.client(), TlsPair.client().build(), "localhost");
        assertEquals(-1, client.read(new byte[8], 0, 8));
        client.write("still heard".getBytes(StandardCharsets.UTF_8));
        assertEquals("still heard", serverRead.get(5, TimeUnit.SECONDS));
        client.close();
    }

    @Test
    void sendsTheFatalAlertBeforeReportingACertificateFailure() throws Exception {
        InMemoryTransport.Pair pipe = InMemoryTransport.pair(4096);
        Future<TlsIOException> serverSide = pool.submit(() -> assertThrows(TlsIOException.class,
                () -> TlsTransport.server(pipe.server(), TlsPair.server().build()).handshake()));
        TlsTransport client = TlsTransport.client(pipe.client(), TlsPair.clientTrustingAnotherCa().build(), "localhost");
        TlsIOException local = assertThrows(TlsIOException.class, client::handshake);
        assertEquals(Violation.UNKNOWN_CERTIFICATE_AUTHORITY, local.tlsException().orElseThrow().violation().orElseThrow());
        assertTrue(local.getMessage().startsWith("sent unknown_ca(48): "), local.getMessage());
        // The server learns why from the alert, not from a dropped connection.
        TlsIOException remote = serverSide.get(5, TimeUnit.SECONDS);
        assertEquals(AlertDescription.UNKNOWN_CA, remote.tlsException().orElseThrow().received().orElseThrow().description());
        // Every later call fails the same way.
        assertThrows(TlsIOException.class, () -> client.write(new byte[1]));
        client.close();
    }

    @Test
    void keyUpdateIsAnsweredAndDataKeepsFlowing() throws Exception {
        List<String> serverSaw = Collections.synchronizedList(new ArrayList<>());
        TraceListener recorder = new TraceListener() {
            @Override
            public void handshakeMessage(Direction direction, HandshakeMessage message, Opaque wireBytes, String epoch) {
                if (message instanceof KeyUpdate update) {
                    serverSaw.add(direction + " " + update.requestUpdate() + " under " + epoch);
                }
            }
        };
        InMemoryTransport.Pair pipe = InMemoryTransport.pair(4096);
        TlsConfig serverConfig = TlsPair.server().traceListener(recorder).build();
        pool.submit(() -> {
            try (TlsTransport server = TlsTransport.server(pipe.server(), serverConfig)) {
                return EchoServer.echo(server);
            }
        });
        try (TlsTransport transport = TlsTransport.client(pipe.client(), TlsPair.client().build(), "localhost");
             EchoClient client = new EchoClient(transport)) {
            assertEquals("before", client.roundTrip("before"));
            transport.updateKeys(true);
            assertEquals("after", client.roundTrip("after"));
            assertEquals(0, client.finish().length());
        }
        assertEquals(2, serverSaw.size(), serverSaw.toString());
        assertTrue(serverSaw.get(0).startsWith("RECEIVED UPDATE_REQUESTED"), serverSaw.toString());
        assertTrue(serverSaw.get(1).startsWith("SENT UPDATE_NOT_REQUESTED"), serverSaw.toString());
    }
}
