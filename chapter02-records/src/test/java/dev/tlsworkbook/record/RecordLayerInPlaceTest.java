package dev.tlsworkbook.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.record.protection.TestKeys;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A whole record found in the array given to {@link RecordLayer#feed} is opened where it lies,
 * without the deframer's copy; a record that arrives in pieces still goes through the deframer;
 * {@link RecordLayer#keepHeldRecord()} lets a caller reuse its array before the record is opened.
 */
class RecordLayerInPlaceTest {
    private static final TrafficKeys KEYS = TestKeys.of(AeadAlgorithm.AES_128_GCM, 7);

    private final RecordLayer writer = new RecordLayer();
    private final RecordLayer reader = new RecordLayer();
    private final byte[] plain = new byte[RecordLayer.OPEN_BUFFER_SIZE];
    private final OpenedRecord opened = new OpenedRecord();

    RecordLayerInPlaceTest() {
        writer.installWriteKeys(KEYS);
        reader.installReadKeys(KEYS, 0);
    }

    @Test
    void twoWholeRecordsInOneArrayOpenWhereTheyLieAndTheDeframerNeverGrows() {
        byte[] a = bytes(1000, 1);
        byte[] b = bytes(2000, 2);
        byte[] stream = concat(seal(a), seal(b));
        int first = reader.feed(stream, 0, stream.length);
        assertEquals(RecordHeader.LENGTH + 1000 + 1 + 16, first, "takes exactly the first record");
        assertEquals(0, reader.feed(stream, first, stream.length - first), "nothing more until it is opened");
        assertTrue(reader.hasWholeRecord());
        assertTrue(reader.nextRecord(plain, 0, opened));
        assertArrayEquals(a, Arrays.copyOf(plain, opened.length()));
        assertEquals(stream.length - first, reader.feed(stream, first, stream.length - first));
        assertTrue(reader.nextRecord(plain, 0, opened));
        assertArrayEquals(b, Arrays.copyOf(plain, opened.length()));
        assertFalse(reader.nextRecord(plain, 0, opened));
        assertEquals(0, reader.partialRecordBytes());
    }

    @Test
    void aRecordInPiecesStillGoesThroughTheDeframer() {
        byte[] a = bytes(500, 3);
        byte[] record = seal(a);
        assertEquals(100, reader.feed(record, 0, 100));
        assertFalse(reader.hasWholeRecord());
        assertEquals(record.length - 100, reader.feed(record, 100, record.length - 100));
        Arrays.fill(record, (byte) 0); // the deframer holds its own copy
        assertTrue(reader.nextRecord(plain, 0, opened));
        assertArrayEquals(a, Arrays.copyOf(plain, opened.length()));
    }

    @Test
    void keepHeldRecordCopiesItSoTheCallerMayReuseItsArray() {
        byte[] a = bytes(300, 4);
        byte[] record = seal(a);
        assertEquals(record.length, reader.feed(record, 0, record.length));
        reader.keepHeldRecord();
        Arrays.fill(record, (byte) 0x55);
        assertTrue(reader.hasWholeRecord());
        assertTrue(reader.nextRecord(plain, 0, opened));
        assertArrayEquals(a, Arrays.copyOf(plain, opened.length()));
        reader.keepHeldRecord(); // nothing held: does nothing
        assertFalse(reader.hasWholeRecord());
    }

    @Test
    void aTamperedRecordInPlaceIsABadRecordMacAndTheNextOneStillOpens() {
        byte[] record = seal(bytes(64, 5));
        record[RecordHeader.LENGTH + 3] ^= 1;
        assertEquals(record.length, reader.feed(record, 0, record.length));
        TlsException e = assertThrows(TlsException.class, () -> reader.nextRecord(plain, 0, opened));
        assertEquals(Violation.BAD_RECORD_MAC, e.violation().orElseThrow());
        assertFalse(reader.hasWholeRecord(), "the failed record is released");
    }

    @Test
    void aBadHeaderInPlaceFailsAtFeedAsInTheDeframer() {
        byte[] record = seal(bytes(64, 6));
        record[3] = 0x48; // length 0x48xx: over 2^14 + 256
        TlsException e = assertThrows(TlsException.class, () -> reader.feed(record, 0, record.length));
        assertEquals(Violation.RECORD_OVERFLOW, e.violation().orElseThrow());
    }

    private byte[] seal(byte[] content) {
        byte[] wire = new byte[writer.maxSealedLength(content.length)];
        int n = writer.seal(ContentType.APPLICATION_DATA, content, 0, content.length, wire, 0);
        return Arrays.copyOf(wire, n);
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
