package dev.tlsworkbook.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class InMemoryTransportTest {

    @Test
    void readsDeliverAtMostMaxChunkBytesHoweverTheyWereWritten() throws IOException {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(3);
        pair.client().write(new byte[] {1, 2, 3, 4, 5});
        pair.client().write(new byte[] {6, 7});
        byte[] buffer = new byte[100];
        List<Integer> sizes = new ArrayList<>();
        for (int total = 0; total < 7; ) {
            int n = pair.server().read(buffer, total, buffer.length - total);
            sizes.add(n);
            total += n;
        }
        // Two writes of 5 and 2 bytes come out as reads of 3, 3 and 1: boundaries are not kept.
        assertEquals(List.of(3, 3, 1), sizes);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7}, java.util.Arrays.copyOf(buffer, 7));
    }

    @Test
    void halfCloseLetsThePeerDrainThenSeeEndOfStreamAndStillAnswer() throws IOException {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(64);
        pair.client().write(new byte[] {1, 2});
        pair.client().shutdownOutput();
        byte[] buffer = new byte[8];
        assertEquals(2, pair.server().read(buffer, 0, 8));
        assertEquals(-1, pair.server().read(buffer, 0, 8));
        assertEquals(-1, pair.server().read(buffer, 0, 8), "end of stream stays");
        pair.server().write(new byte[] {9});
        assertEquals(1, pair.client().read(buffer, 0, 8));
        assertEquals(9, buffer[0]);
        assertThrows(IOException.class, () -> pair.client().write(new byte[] {3}));
    }

    @Test
    void closeEndsBothDirections() throws IOException {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(64);
        pair.client().write(new byte[] {1});
        pair.client().close();
        pair.client().close();
        byte[] buffer = new byte[8];
        assertEquals(1, pair.server().read(buffer, 0, 8), "bytes written before close still arrive");
        assertEquals(-1, pair.server().read(buffer, 0, 8));
        assertThrows(IOException.class, () -> pair.server().write(new byte[] {2}), "peer is gone");
        assertThrows(IOException.class, () -> pair.client().read(buffer, 0, 8));
        assertThrows(IOException.class, () -> pair.client().write(new byte[] {2}));
    }

    @Test
    void aReadBlocksUntilBytesArrive() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(64);
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return pair.server().read(new byte[8], 0, 8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertTrue(!read.isDone(), "read returned before anything was written");
        pair.client().write(new byte[] {1, 2, 3});
        assertEquals(3, read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void closingAnEndWakesAReadBlockedOnItWithAnError() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(64);
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return pair.server().read(new byte[8], 0, 8);
            } catch (IOException e) {
                return -2;
            }
        });
        Thread.sleep(50);
        pair.server().close();
        assertEquals(-2, read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void carriesLargeDataBetweenAWriterThreadAndAReaderThread() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(1000);
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int at = 0; at < data.length; at += 777) {
                    pair.client().write(data, at, Math.min(777, data.length - at));
                }
                pair.client().shutdownOutput();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = pair.server().read(buffer, 0, buffer.length)) != -1) {
            assertTrue(n <= 1000);
            got.write(buffer, 0, n);
        }
        writer.get(5, TimeUnit.SECONDS);
        assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void theByteEchoRunsOverAnInMemoryPairWithTinyReads() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair(7);
        CompletableFuture<Long> server = CompletableFuture.supplyAsync(() -> {
            try {
                return EchoServer.echo(pair.server());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        EchoClient client = new EchoClient(pair.client());
        assertEquals("hello over memory", client.roundTrip("hello over memory"));
        byte[] big = new byte[50_000];
        new Random(2).nextBytes(big);
        EchoClient.Echoed echoed = client.roundTrip(big);
        assertEquals(Opaque.of(big), echoed.bytes());
        assertTrue(echoed.reads() >= 50_000 / 7, "reads: " + echoed.reads());
        assertEquals(Opaque.EMPTY, client.finish());
        assertEquals(18 + 50_000L, server.get(5, TimeUnit.SECONDS));
    }

    @Test
    void rejectsAChunkSizeBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> InMemoryTransport.pair(0));
    }
}
