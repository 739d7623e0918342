package dev.tlsworkbook.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tlsworkbook.alert.Alert;
import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.AlertLevel;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.io.EchoClient;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.io.InMemoryTransport;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.record.protection.TestKeys;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordTransportTest {
    private static final TrafficKeys CLIENT_KEYS = TestKeys.of(AeadAlgorithm.AES_128_GCM, 1);
    private static final TrafficKeys SERVER_KEYS = TestKeys.of(AeadAlgorithm.AES_128_GCM, 2);

    private final InMemoryTransport.Pair pair = InMemoryTransport.pair(7);
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    /** The client's record layer, driven by hand to play a peer that misbehaves. */
    private final RecordLayer peer = new RecordLayer();
    private final byte[] wire = new byte[RecordHeader.MAX_RECORD];

    RecordTransportTest() {
        peer.installReadKeys(SERVER_KEYS, 0);
        peer.installWriteKeys(CLIENT_KEYS);
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void chapterOnesEchoRunsUnchangedOverProtectedRecords(AeadAlgorithm aead) {
        TrafficKeys c = TestKeys.of(aead, 3);
        TrafficKeys s = TestKeys.of(aead, 4);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            RecordTransport server = RecordTransport.protect(pair.server(), c, s);
            CompletableFuture<Long> echoed = CompletableFuture.supplyAsync(() -> {
                try {
                    return EchoServer.echo(server);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
            RecordTransport clientTransport = RecordTransport.protect(pair.client(), s, c);
            EchoClient client = new EchoClient(clientTransport);
            assertEquals("hello, records", client.roundTrip("hello, records"));
            byte[] big = new byte[40_000];
            new Random(5).nextBytes(big);
            assertEquals(Opaque.of(big), client.roundTrip(big).bytes());

            clientTransport.shutdownOutput(); // close_notify, then FIN
            assertEquals(-1, clientTransport.read(new byte[10], 0, 10), "server's close_notify is end of stream");
            assertEquals(15L + 40_000L, echoed.get());
            // 1 line + 3 fragments of 40000 bytes + close_notify
            assertEquals(5, clientTransport.layer().writeSequence());
        });
    }

    @Test
    void aTamperedRecordIsAnsweredWithOneFatalBadRecordMacAlertAndTheConnectionCloses() throws IOException {
        RecordTransport server = RecordTransport.protect(pair.server(), CLIENT_KEYS, SERVER_KEYS);
        int n = peer.seal(ContentType.APPLICATION_DATA, "hi".getBytes(), 0, 2, wire, 0);
        wire[n - 3] ^= 0x40;
        pair.client().write(wire, 0, n);

        TlsException e = assertThrows(TlsException.class, () -> server.read(new byte[10], 0, 10));
        assertEquals(Violation.BAD_RECORD_MAC, e.violation().orElseThrow());
        assertSame(e, assertThrows(TlsException.class, () -> server.read(new byte[10], 0, 10)), "same error again");
        assertSame(e, assertThrows(TlsException.class, () -> server.write(new byte[1], 0, 1)));

        assertEquals(Alert.fatal(AlertDescription.BAD_RECORD_MAC), receiveAlertAtPeer());
        assertEquals(-1, pair.client().read(new byte[1], 0, 1), "then the connection is closed");
    }

    @Test
    void aFatalAlertFromThePeerFailsReadsWithAPeerException() throws IOException {
        RecordTransport server = RecordTransport.protect(pair.server(), CLIENT_KEYS, SERVER_KEYS);
        sendFromPeer(ContentType.ALERT, Alert.fatal(AlertDescription.HANDSHAKE_FAILURE).encode());

        TlsException e = assertThrows(TlsException.class, () -> server.read(new byte[10], 0, 10));
        assertFalse(e.isLocal());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
        assertEquals(-1, pair.client().read(new byte[1], 0, 1), "no alert is sent back, the connection closes");
    }

    @Test
    void closeNotifyIsEndOfStreamAndTheWriteSideStaysOpen() throws IOException {
        RecordTransport server = RecordTransport.protect(pair.server(), CLIENT_KEYS, SERVER_KEYS);
        sendFromPeer(ContentType.APPLICATION_DATA, "last".getBytes());
        sendFromPeer(ContentType.ALERT, Alert.closeNotify().encode());
        sendFromPeer(ContentType.APPLICATION_DATA, "ignored".getBytes());

        byte[] buf = new byte[10];
        assertEquals(4, server.read(buf, 0, 10));
        assertEquals(-1, server.read(buf, 0, 10));
        assertEquals(-1, server.read(buf, 0, 10));
        server.write("still".getBytes());
        assertArrayEquals("still".getBytes(), receiveAtPeer(ContentType.APPLICATION_DATA));
    }

    @Test
    void emptyApplicationDataRecordsAreSkipped() throws IOException {
        RecordTransport server = RecordTransport.protect(pair.server(), CLIENT_KEYS, SERVER_KEYS);
        sendFromPeer(ContentType.APPLICATION_DATA, new byte[0]);
        sendFromPeer(ContentType.APPLICATION_DATA, new byte[0]);
        sendFromPeer(ContentType.APPLICATION_DATA, "x".getBytes());
        byte[] buf = new byte[10];
        assertEquals(1, server.read(buf, 0, 10));
        assertEquals('x', buf[0]);
    }

    @Test
    void endOfStreamWithoutCloseNotifyIsReportedAsTruncation() throws IOException {
        RecordTransport server = RecordTransport.protect(pair.server(), CLIENT_KEYS, SERVER_KEYS);
        pair.client().shutdownOutput();
        assertThrows(EOFException.class, () -> server.read(new byte[10], 0, 10));
    }

    @Test
    void aHandshakeRecordOnADataConnectionIsAnUnexpectedMessage() throws IOException {
        RecordTransport server = RecordTransport.protect(pair.server(), CLIENT_KEYS, SERVER_KEYS);
        sendFromPeer(ContentType.HANDSHAKE, new byte[] {4, 0, 0, 0});
        TlsException e = assertThrows(TlsException.class, () -> server.read(new byte[10], 0, 10));
        assertEquals(Violation.UNEXPECTED_MESSAGE, e.violation().orElseThrow());
        assertEquals(Alert.fatal(AlertDescription.UNEXPECTED_MESSAGE), receiveAlertAtPeer());
    }

    @Test
    void aMalformedAlertIsADecodeError() throws IOException {
        RecordTransport server = RecordTransport.protect(pair.server(), CLIENT_KEYS, SERVER_KEYS);
        sendFromPeer(ContentType.ALERT, new byte[] {2, 40, 0});
        TlsException e = assertThrows(TlsException.class, () -> server.read(new byte[10], 0, 10));
        assertEquals(Violation.DECODE_ERROR, e.violation().orElseThrow());
        assertEquals(Alert.fatal(AlertDescription.DECODE_ERROR), receiveAlertAtPeer());
    }

    @Test
    void closeSendsCloseNotifyOnce() throws IOException {
        RecordTransport server = RecordTransport.protect(pair.server(), CLIENT_KEYS, SERVER_KEYS);
        server.close();
        server.close();
        assertEquals(new Alert(AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY), receiveAlertAtPeer());
        assertEquals(-1, pair.client().read(new byte[1], 0, 1));
    }

    // ---------------------------------------------------------------- helpers

    private void sendFromPeer(ContentType type, byte[] data) throws IOException {
        int n = peer.seal(type, data, 0, data.length, wire, 0);
        pair.client().write(wire, 0, n);
    }

    private byte[] receiveAtPeer(ContentType expected) throws IOException {
        byte[] chunk = new byte[64];
        byte[] plain = new byte[RecordLayer.OPEN_BUFFER_SIZE];
        OpenedRecord opened = new OpenedRecord();
        while (!peer.nextRecord(plain, 0, opened)) {
            int n = pair.client().read(chunk, 0, chunk.length);
            if (n == -1) {
                throw new EOFException();
            }
            for (int pos = 0; pos < n; ) {
                pos += peer.feed(chunk, pos, n - pos);
                if (pos < n && peer.nextRecord(plain, 0, opened)) {
                    throw new AssertionError("test peer expects one record per read");
                }
            }
        }
        assertEquals(expected, opened.type());
        return Arrays.copyOf(plain, opened.length());
    }

    private Alert receiveAlertAtPeer() throws IOException {
        return Alert.decode(dev.tlsworkbook.wire.WireReader.of(receiveAtPeer(ContentType.ALERT)));
    }
}
