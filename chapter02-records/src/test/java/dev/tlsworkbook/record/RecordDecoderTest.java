package dev.tlsworkbook.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.Opaque;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordDecoderTest {

    /** Three records: a handshake fragment, an alert, an empty application_data body. */
    private static final byte[] STREAM = Hex.decode("16 03 03 00 04 01 02 03 04" + "15 03 03 00 02 01 00" + "17 03 03 00 00");

    @Test
    void decodesSeveralRecordsFedInOneChunk() {
        assertEquals(List.of("1603030004 01020304", "1503030002 0100", "1703030000 "), decode(STREAM, new int[] {STREAM.length}));
    }

    @Test
    void decodesAStreamFedOneByteAtATime() {
        int[] ones = new int[STREAM.length];
        java.util.Arrays.fill(ones, 1);
        assertEquals(decode(STREAM, new int[] {STREAM.length}), decode(STREAM, ones));
    }

    @Test
    void decodesAStreamFedInRandomChunks() {
        byte[] stream = bigStream();
        List<String> whole = decode(stream, new int[] {stream.length});
        assertEquals(40, whole.size());
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            List<Integer> chunks = new ArrayList<>();
            for (int left = stream.length; left > 0; ) {
                int n = Math.min(left, 1 + random.nextInt(random.nextBoolean() ? 7 : 3000));
                chunks.add(n);
                left -= n;
            }
            assertEquals(whole, decode(stream, chunks.stream().mapToInt(Integer::intValue).toArray()), "round " + round);
        }
    }

    @Test
    void aTruncatedHeaderIsNotARecordAndIsReportedAsPartial() {
        RecordDecoder d = new RecordDecoder();
        assertEquals(3, d.feed(new byte[] {22, 3, 3}, 0, 3));
        assertFalse(d.hasRecord());
        assertEquals(3, d.partialBytes());
        assertThrows(IllegalStateException.class, d::record);
    }

    @Test
    void aTruncatedBodyWaitsForTheRest() {
        RecordDecoder d = new RecordDecoder();
        d.feed(STREAM, 0, 7);
        assertFalse(d.hasRecord());
        assertEquals(7, d.partialBytes());
        assertEquals(2, d.feed(STREAM, 7, STREAM.length - 7), "takes only the rest of this record");
        assertTrue(d.hasRecord());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "unknown type 99,            63 03 03 00 01,  UNKNOWN_CONTENT_TYPE, UNEXPECTED_MESSAGE",
        "type invalid(0),            00 03 03 00 01,  UNKNOWN_CONTENT_TYPE, UNEXPECTED_MESSAGE",
        "heartbeat is never negotiated, 18 03 03 00 01, UNKNOWN_CONTENT_TYPE, UNEXPECTED_MESSAGE",
        "version 0x0203,             16 02 03 00 01,  BAD_RECORD_VERSION,   DECODE_ERROR",
        "HTTP instead of TLS,        47 45 54 20 2f,  UNKNOWN_CONTENT_TYPE, UNEXPECTED_MESSAGE",
        "version 0x1603,             17 16 03 00 01,  BAD_RECORD_VERSION,   DECODE_ERROR",
        "ciphertext 2^14+257,        17 03 03 41 01,  RECORD_OVERFLOW,      RECORD_OVERFLOW",
        "length 0xffff,              17 03 03 ff ff,  RECORD_OVERFLOW,      RECORD_OVERFLOW",
    })
    void rejectsABadHeaderAsSoonAsItsFiveBytesArrive(String what, String header, Violation violation, AlertDescription alert) {
        RecordDecoder d = new RecordDecoder();
        byte[] bytes = Hex.decode(header);
        d.feed(bytes, 0, 4);
        TlsException e = assertThrows(TlsException.class, () -> d.feed(bytes, 4, 1));
        assertEquals(violation, e.violation().orElseThrow());
        assertEquals(alert, e.alert());
    }

    @Test
    void beforeProtectionAPlaintextOverTwoToTheFourteenIsARecordOverflow() {
        RecordDecoder d = new RecordDecoder();
        d.maxBodyLength(RecordHeader.MAX_PLAINTEXT);
        byte[] ok = Hex.decode("16 03 03 40 00");
        assertEquals(5, d.feed(ok, 0, 5));
        RecordDecoder d2 = new RecordDecoder();
        d2.maxBodyLength(RecordHeader.MAX_PLAINTEXT);
        byte[] over = Hex.decode("16 03 03 40 01");
        TlsException e = assertThrows(TlsException.class, () -> d2.feed(over, 0, 5));
        assertEquals(Violation.RECORD_OVERFLOW, e.violation().orElseThrow());
    }

    @Test
    void acceptsTheLegacyVersionsAFirstClientHelloMayCarry() {
        for (String v : new String[] {"0300", "0301", "0302", "0303", "0304"}) {
            RecordDecoder d = new RecordDecoder();
            byte[] r = Hex.decode("16" + v + "0001ff");
            assertEquals(6, d.feed(r, 0, r.length));
            assertTrue(d.hasRecord(), v);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static byte[] bigStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(1);
        for (int i = 0; i < 40; i++) {
            int len = i % 10 == 0 ? RecordHeader.MAX_CIPHERTEXT : random.nextInt(600);
            byte[] body = new byte[len];
            random.nextBytes(body);
            byte[] header = new byte[5];
            RecordHeader.write(header, 0, 20 + i % 4, 0x0303, len);
            out.writeBytes(header);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** Feeds {@code stream} in chunks of the given sizes; returns "header body" hex of each record. */
    private static List<String> decode(byte[] stream, int[] chunks) {
        RecordDecoder d = new RecordDecoder();
        List<String> records = new ArrayList<>();
        int pos = 0;
        for (int chunk : chunks) {
            int end = pos + chunk;
            while (pos < end) {
                pos += d.feed(stream, pos, end - pos);
                if (d.hasRecord()) {
                    byte[] r = d.record();
                    records.add(Opaque.of(r, 0, 5).hex() + " " + Opaque.of(r, 5, d.recordLength() - 5).hex());
                    d.release();
                }
            }
        }
        assertEquals(0, d.partialBytes());
        return records;
    }
}
