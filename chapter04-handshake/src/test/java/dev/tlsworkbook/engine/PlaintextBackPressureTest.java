package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.record.RecordHeader;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure (the contract in {@link TlsEngine}'s class comment): a peer that sends without
 * end to an application that never reads fills the plaintext buffer up to
 * {@link TlsConfig#maxBufferedPlaintext()} and no further; the engine then takes no bytes past the
 * record it holds, and everything flows again, intact, once the application reads.
 */
class PlaintextBackPressureTest {
    private static final int SENT = 64 << 20;
    private static final int CHUNK = 16_384;
    /** What the test keeps of the bytes the server refused, to deliver them later. */
    private static final int KEPT = 1 << 20;

    private TlsEngine client;
    private TlsEngine server;

    @BeforeEach
    void connect() {
        client = TlsEngine.client(Peers.client(70).build(), "localhost");
        server = TlsEngine.server(Peers.server(71).build());
        Peers.pump(client, server);
        assertTrue(server.isHandshakeComplete());
    }

    @Test
    void plaintextStaysBoundedWhenTheApplicationNeverReads() {
        int limit = TlsConfig.DEFAULT_MAX_BUFFERED_PLAINTEXT;
        byte[] chunk = new byte[CHUNK];
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        long taken = 0;
        int written = 0;
        while (written < SENT) {
            fill(chunk, written);
            client.writePlaintext(chunk, 0, CHUNK);
            written += CHUNK;
            byte[] wire = Peers.drain(client);
            // Once the server refused a byte, every later byte queues behind it, as on a TCP stream.
            int n = refused.size() == 0 ? server.receive(wire, 0, wire.length) : 0;
            taken += n;
            if (n < wire.length && refused.size() < KEPT) {
                refused.write(wire, n, wire.length - n);
            }
            assertTrue(server.availablePlaintext() <= limit,
                    () -> server.availablePlaintext() + " bytes of plaintext buffered, limit " + limit);
        }
        assertTrue(taken <= limit + RecordHeader.MAX_RECORD,
                "the server took " + taken + " of " + SENT + " bytes with the application not reading");
        assertFalse(server.wantsInput(), "a whole record is held until the application reads");
        assertEquals(0, server.receive(new byte[] {23, 3, 3, 0, 1}, 0, 5), "nothing is taken while a record is held");

        // The application reads: the held record and the refused bytes open in order, intact.
        byte[] wire = refused.toByteArray();
        long delivered = 0;
        int pos = 0;
        do {
            pos += server.receive(wire, pos, wire.length - pos);
            delivered = readAndCheck(delivered);
        } while (pos < wire.length);
        // The last call may have stopped with a record held; with the buffer empty it opens now.
        server.receive(wire, pos, 0);
        delivered = readAndCheck(delivered);
        assertTrue(delivered > taken, "delivery resumed after the application read: " + delivered);
    }

    /** Reads all buffered plaintext, checks it continues the stream at {@code offset}; returns the new offset. */
    private long readAndCheck(long offset) {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = server.readPlaintext(buffer, 0, buffer.length)) > 0) {
            byte[] expected = new byte[n];
            fill(expected, offset);
            assertArrayEquals(expected, java.util.Arrays.copyOf(buffer, n), "plaintext at offset " + offset);
            offset += n;
        }
        return offset;
    }

    @Test
    void aSmallerLimitHoldsLess() {
        TlsEngine small = TlsEngine.server(Peers.server(72).maxBufferedPlaintext(TlsConfig.MIN_MAX_BUFFERED_PLAINTEXT).build());
        TlsEngine peer = TlsEngine.client(Peers.client(73).build(), "localhost");
        Peers.pump(peer, small);
        byte[] data = new byte[10 * CHUNK];
        peer.writePlaintext(data, 0, data.length);
        byte[] wire = Peers.drain(peer);
        int n = small.receive(wire, 0, wire.length);
        assertTrue(n < 2 * (CHUNK + 22 + RecordHeader.LENGTH), "took " + n + " bytes");
        assertEquals(CHUNK, small.availablePlaintext(), "exactly one full record fits under the minimum limit");
    }

    @Test
    void aLimitBelowOneRecordIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Peers.server(74).maxBufferedPlaintext(TlsConfig.MIN_MAX_BUFFERED_PLAINTEXT - 1).build());
    }

    /** A stream whose every byte is a function of its offset, so a lost or repeated byte shows. */
    private static void fill(byte[] chunk, long offset) {
        for (int i = 0; i < chunk.length; i++) {
            long at = offset + i;
            chunk[i] = (byte) (at ^ (at >>> 8) ^ (at >>> 16));
        }
    }
}
