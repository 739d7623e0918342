package dev.tlsworkbook.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.DecodeException.Reason;
import dev.tlsworkbook.wire.FrameDecoder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class FramedEchoTest {
    static final List<Opaque> MESSAGES = List.of(Opaque.fromHex("68656c6c6f"), Opaque.EMPTY,
            Opaque.filled(20_000, 0x42), Opaque.fromHex("ff"));

    @Test
    void echoesSeveralFramesSentInOneWriteOverTcp() throws Exception {
        try (EchoServer server = EchoServer.startOnLoopback(0, 2, FramedEcho.handler(FrameDecoder.MAX_U16))) {
            SocketTransport transport = SocketTransport.connect("127.0.0.1", server.port(), Duration.ofSeconds(5));
            transport.socket().setSoTimeout(5000);
            try (FramedEchoClient client = new FramedEchoClient(transport, FrameDecoder.MAX_U16)) {
                assertEquals(MESSAGES, client.roundTrip(MESSAGES));
                Opaque biggest = Opaque.filled(FrameDecoder.MAX_U16, 7);
                assertEquals(biggest, client.roundTrip(biggest));
                assertEquals(List.of(), client.finish());
            }
        }
    }

    @ParameterizedTest(name = "reads of at most {0} byte(s)")
    @ValueSource(ints = {1, 2, 3, 1000})
    void echoesFramesWhateverTheReadSize(int maxChunk) throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(maxChunk);
        CompletableFuture<Long> server = serveAsync(pair.server(), 30_000);
        FramedEchoClient client = new FramedEchoClient(pair.client(), 30_000);
        assertEquals(MESSAGES, client.roundTrip(MESSAGES));
        assertEquals(List.of(), client.finish());
        assertEquals(MESSAGES.size(), server.get(10, TimeUnit.SECONDS));
    }

    @Test
    void echoesFramesWrittenInRandomPieces() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(4096);
        CompletableFuture<Long> server = serveAsync(pair.server(), 30_000);
        byte[] stream = dev.tlsworkbook.wire.FrameEncoder.encode(MESSAGES);
        Random random = new Random(11);
        for (int at = 0; at < stream.length; ) {
            int n = Math.min(stream.length - at, 1 + random.nextInt(50));
            pair.client().write(stream, at, n);
            at += n;
        }
        FramedEchoClient client = new FramedEchoClient(pair.client(), 30_000);
        assertEquals(MESSAGES, client.finish(), "all echoes arrive, then the server's end of stream");
        assertEquals(MESSAGES.size(), server.get(10, TimeUnit.SECONDS));
    }

    @Test
    void endsTheConnectionOnAnOverlongFrame() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(64);
        CompletableFuture<Long> server = serveAsync(pair.server(), 100);
        FramedEchoClient client = new FramedEchoClient(pair.client(), 100);
        assertEquals(Opaque.fromHex("41"), client.roundTrip(Opaque.fromHex("41")));
        pair.client().write(Opaque.fromHex("0065").bytes());
        assertEquals(Reason.LENGTH_OUT_OF_RANGE, failure(server).reason());
        assertEquals(-1, pair.client().read(new byte[1], 0, 1), "the server closed without an echo");
    }

    @Test
    void reportsAStreamThatEndsInsideAFrame() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(64);
        CompletableFuture<Long> server = serveAsync(pair.server(), 100);
        pair.client().write(Opaque.fromHex("0005 6865").bytes());
        pair.client().shutdownOutput();
        assertEquals(Reason.TRUNCATED, failure(server).reason());
    }

    @Test
    void theClientReportsAServerThatStopsInsideAFrame() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(64);
        FramedEchoClient client = new FramedEchoClient(pair.client(), 100);
        pair.server().write(Opaque.fromHex("0003 41").bytes());
        pair.server().shutdownOutput();
        DecodeException e = assertThrows(DecodeException.class, () -> client.roundTrip(Opaque.fromHex("41")));
        assertEquals(Reason.TRUNCATED, e.reason());
    }

    @Test
    void theClientRefusesAnEchoOverItsMaximum() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(64);
        FramedEchoClient client = new FramedEchoClient(pair.client(), 4);
        pair.server().write(Opaque.fromHex("0005").bytes());
        DecodeException e = assertThrows(DecodeException.class, () -> client.roundTrip(Opaque.fromHex("41")));
        assertEquals(Reason.LENGTH_OUT_OF_RANGE, e.reason());
    }

    private static CompletableFuture<Long> serveAsync(Transport transport, int maxLength) {
        return CompletableFuture.supplyAsync(() -> {
            try (transport) {
                return FramedEcho.serve(transport, maxLength);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static DecodeException failure(CompletableFuture<?> server) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> server.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(DecodeException.class, e.getCause());
    }
}
