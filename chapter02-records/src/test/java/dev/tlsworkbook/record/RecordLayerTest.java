package dev.tlsworkbook.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.record.protection.RecordProtection;
import dev.tlsworkbook.record.protection.TestKeys;
import dev.tlsworkbook.record.protection.Tls13RecordProtection;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordLayerTest {
    private static final TrafficKeys KEYS = TestKeys.of(AeadAlgorithm.AES_128_GCM, 21);

    private final RecordLayer writer = new RecordLayer();
    private final RecordLayer reader = new RecordLayer();
    private final byte[] wire = new byte[RecordHeader.MAX_RECORD];
    private final byte[] plain = new byte[RecordLayer.OPEN_BUFFER_SIZE];
    private final OpenedRecord opened = new OpenedRecord();

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sequenceNumbersCountRecordsInEachDirectionAndKeyInstallResetsThem(AeadAlgorithm aead) {
        protect(TestKeys.of(aead, 1));
        for (int i = 0; i < 5; i++) {
            assertEquals(i, writer.writeSequence());
            byte[] r = seal(ContentType.APPLICATION_DATA, ("msg " + i).getBytes());
            assertEquals(i, reader.readSequence());
            assertTrue(receive(r));
            assertEquals("msg " + i, new String(plain, 0, opened.length()));
        }
        assertEquals(5, writer.writeSequence());
        assertEquals(5, reader.readSequence());

        writer.installWriteKeys(TestKeys.of(aead, 2));
        reader.installReadKeys(TestKeys.of(aead, 2), 0);
        assertEquals(0, writer.writeSequence());
        assertEquals(0, reader.readSequence());
        assertTrue(receive(seal(ContentType.HANDSHAKE, new byte[] {1})));
    }

    @Test
    void theSamePlaintextSealsToDifferentCiphertextInEveryRecord() {
        protect(KEYS);
        byte[] a = seal(ContentType.APPLICATION_DATA, new byte[20]);
        byte[] b = seal(ContentType.APPLICATION_DATA, new byte[20]);
        assertFalse(Arrays.equals(a, b));
    }

    /** Flips every bit-0 of a protected record; the extra bytes let a longer length complete. */
    @Test
    void flippingAnyByteOfAProtectedRecordFailsItsCheck() {
        protect(KEYS);
        byte[] record = seal(ContentType.APPLICATION_DATA, "sixteen bytes!!!".getBytes());
        for (int i = 0; i < record.length; i++) {
            RecordLayer fresh = new RecordLayer();
            fresh.installReadKeys(KEYS, 0);
            byte[] stream = Arrays.copyOf(record, record.length + 300);
            stream[i] ^= 0x01;
            Violation expected = switch (i) {
                case 0 -> Violation.UNEXPECTED_RECORD;   // 23 -> 22: an unprotected handshake record
                case 1 -> Violation.BAD_RECORD_VERSION;  // 0x03 -> 0x02: not TLS
                default -> Violation.BAD_RECORD_MAC;     // minor version, length, ciphertext, tag
            };
            TlsException e = assertThrows(TlsException.class, () -> {
                int pos = 0;
                while (!fresh.nextRecord(plain, 0, opened)) {
                    pos += fresh.feed(stream, pos, stream.length - pos);
                }
            }, "byte " + i);
            assertEquals(expected, e.violation().orElseThrow(), "byte " + i);
        }
    }

    @Test
    void anUnprotectedRecordAfterKeysAreInstalledIsUnexpected() {
        reader.installReadKeys(KEYS, 0);
        assertViolation(Violation.UNEXPECTED_RECORD, () -> receive(Hex.decode("15 03 03 00 02 02 28")));
    }

    @Test
    void unprotectedPlaintextOverTwoToTheFourteenIsARecordOverflow() {
        byte[] header = Hex.decode("16 03 03 40 01");
        assertViolation(Violation.RECORD_OVERFLOW, () -> reader.feed(header, 0, header.length));
    }

    @Test
    void unprotectedHandshakeRecordsPassThroughWithSequenceNumbers() {
        byte[] r = seal(ContentType.HANDSHAKE, new byte[] {1, 0, 0, 0});
        assertArrayEquals(Hex.decode("16 03 03 00 04 01 00 00 00"), r);
        assertTrue(receive(r));
        assertEquals(ContentType.HANDSHAKE, opened.type());
        assertEquals(1, reader.readSequence());
    }

    @Test
    void applicationDataIsNeverSentOrAcceptedUnprotected() {
        assertThrows(IllegalStateException.class, () -> seal(ContentType.APPLICATION_DATA, new byte[] {1}));
        assertViolation(Violation.UNEXPECTED_RECORD, () -> receive(Hex.decode("17 03 03 00 01 41")));
    }

    // ---- RFC 8446 §5.1 / §5.4: zero-length fragments

    @Test
    void zeroLengthApplicationDataMayBeSentAndIsAccepted() {
        protect(KEYS);
        assertTrue(receive(seal(ContentType.APPLICATION_DATA, new byte[0])));
        assertEquals(ContentType.APPLICATION_DATA, opened.type());
        assertEquals(0, opened.length());
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"HANDSHAKE", "ALERT"})
    void zeroLengthHandshakeOrAlertIsNeverSent(ContentType type) {
        assertThrows(IllegalArgumentException.class, () -> seal(type, new byte[0]));
        protect(KEYS);
        assertThrows(IllegalArgumentException.class, () -> seal(type, new byte[0]));
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"HANDSHAKE", "ALERT"})
    void zeroLengthHandshakeOrAlertIsRejectedUnprotected(ContentType type) {
        byte[] r = new byte[5];
        RecordHeader.write(r, 0, type.code(), 0x0303, 0);
        assertViolation(Violation.ZERO_LENGTH_FRAGMENT, () -> receive(r));
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"HANDSHAKE", "ALERT"})
    void zeroLengthHandshakeOrAlertIsRejectedProtectedEvenWithPadding(ContentType type) {
        protect(KEYS);
        // Another protection writes what ours refuses to: an empty content with 10 bytes of padding.
        RecordProtection raw = Tls13RecordProtection.of(KEYS, dev.tlsworkbook.record.protection.PaddingPolicy.toMultipleOf(11));
        int n = raw.seal(type, new byte[0], 0, 0, 0, wire, 0);
        assertViolation(Violation.ZERO_LENGTH_FRAGMENT, () -> receive(Arrays.copyOf(wire, n)));
    }

    // ---- RFC 8446 §5 / Appendix D.4: change_cipher_spec

    private static final byte[] COMPAT_CCS = Hex.decode("14 03 03 00 01 01");

    @Test
    void theCompatibilityChangeCipherSpecIsWrittenUnprotectedAndUsesNoSequenceNumber() {
        protect(KEYS);
        int n = writer.writeCompatibilityChangeCipherSpec(wire, 0);
        assertArrayEquals(COMPAT_CCS, Arrays.copyOf(wire, n));
        assertEquals(0, writer.writeSequence());
    }

    @Test
    void aOneByteChangeCipherSpecIsDroppedDuringTheHandshakeEvenWhenProtected() {
        protect(KEYS);
        reader.changeCipherSpecMode(ChangeCipherSpecMode.DROP_COMPATIBILITY);
        assertFalse(receive(COMPAT_CCS), "dropped");
        assertEquals(0, reader.readSequence());
        assertTrue(receive(seal(ContentType.HANDSHAKE, new byte[] {20, 0, 0, 0})), "the next record still opens");
    }

    @Test
    void anyOtherChangeCipherSpecIsUnexpected() {
        reader.changeCipherSpecMode(ChangeCipherSpecMode.DROP_COMPATIBILITY);
        assertViolation(Violation.BAD_CHANGE_CIPHER_SPEC, () -> receive(Hex.decode("14 03 03 00 01 02")));
        RecordLayer two = new RecordLayer();
        two.changeCipherSpecMode(ChangeCipherSpecMode.DROP_COMPATIBILITY);
        byte[] r = Hex.decode("14 03 03 00 02 01 01");
        assertEquals(r.length, two.feed(r, 0, r.length));
        assertViolation(Violation.BAD_CHANGE_CIPHER_SPEC, () -> two.nextRecord(plain, 0, opened));
    }

    @Test
    void aChangeCipherSpecOutsideTheHandshakeIsUnexpected() {
        assertViolation(Violation.BAD_CHANGE_CIPHER_SPEC, () -> receive(COMPAT_CCS));
    }

    @Test
    void aProtectedChangeCipherSpecIsUnexpected() {
        protect(KEYS);
        reader.changeCipherSpecMode(ChangeCipherSpecMode.DROP_COMPATIBILITY);
        byte[] r = seal(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        assertViolation(Violation.BAD_CHANGE_CIPHER_SPEC, () -> receive(r));
    }

    @Test
    void inDeliverModeAChangeCipherSpecReachesTheCaller() {
        reader.changeCipherSpecMode(ChangeCipherSpecMode.DELIVER);
        assertTrue(receive(COMPAT_CCS));
        assertEquals(ContentType.CHANGE_CIPHER_SPEC, opened.type());
        assertEquals(1, plain[0]);
    }

    // ---- key changes and limits

    @Test
    void readKeysMayChangeOnlyOnAHandshakeMessageBoundary() {
        assertViolation(Violation.KEY_CHANGE_INSIDE_MESSAGE, () -> reader.installReadKeys(KEYS, 3));
        assertFalse(reader.isReadProtected());
        reader.installReadKeys(KEYS, 0);
        assertTrue(reader.isReadProtected());
    }

    @Test
    void theWriteSequenceNumberNeverReachesTwoToTheSixtyFourMinusOne() {
        RecordLayer layer = new RecordLayer();
        layer.installWriteKeys(TestKeys.of(AeadAlgorithm.CHACHA20_POLY1305, 1));
        layer.skipSequenceNumbers(0, -3L);
        layer.seal(ContentType.APPLICATION_DATA, new byte[1], 0, 1, wire, 0);
        layer.seal(ContentType.APPLICATION_DATA, new byte[1], 0, 1, wire, 0);
        assertEquals(-1L, layer.writeSequence());
        assertViolation(Violation.SEQUENCE_NUMBER_EXHAUSTED,
                () -> layer.seal(ContentType.APPLICATION_DATA, new byte[1], 0, 1, wire, 0));
    }

    @Test
    void aesGcmStopsSealingAtItsRecordLimit() {
        RecordLayer layer = new RecordLayer();
        layer.installWriteKeys(KEYS);
        layer.skipSequenceNumbers(0, 23_726_565L);
        layer.seal(ContentType.APPLICATION_DATA, new byte[1], 0, 1, wire, 0);
        assertViolation(Violation.SEQUENCE_NUMBER_EXHAUSTED,
                () -> layer.seal(ContentType.APPLICATION_DATA, new byte[1], 0, 1, wire, 0));
    }

    @Test
    void theReadSequenceNumberNeverWraps() {
        protect(TestKeys.of(AeadAlgorithm.CHACHA20_POLY1305, 4));
        writer.skipSequenceNumbers(0, -2L);
        reader.skipSequenceNumbers(-2L, 0);
        assertTrue(receive(seal(ContentType.APPLICATION_DATA, new byte[] {7})));
        assertEquals(-1L, reader.readSequence());
        byte[] next = Hex.decode("17 03 03 00 11 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
        assertViolation(Violation.SEQUENCE_NUMBER_EXHAUSTED, () -> receive(next));
    }

    @Test
    void theListenerSeesEveryRecordAsOnTheWire() {
        StringBuilder seen = new StringBuilder();
        RecordListener listener = new RecordListener() {
            @Override
            public void sent(byte[] r, int off, int len) {
                seen.append("sent ").append(RecordHeader.describe(r, off)).append('\n');
            }

            @Override
            public void received(byte[] r, int off, int len) {
                seen.append("received ").append(RecordHeader.describe(r, off)).append('\n');
            }
        };
        writer.listener(listener);
        reader.listener(listener);
        protect(KEYS);
        receive(seal(ContentType.APPLICATION_DATA, new byte[3]));
        assertEquals("sent APPLICATION_DATA(23) 0x0303 len=20\nreceived APPLICATION_DATA(23) 0x0303 len=20\n",
                seen.toString());
    }

    // ---------------------------------------------------------------- helpers

    private void protect(TrafficKeys keys) {
        writer.installWriteKeys(keys);
        reader.installReadKeys(keys, 0);
    }

    private byte[] seal(ContentType type, byte[] data) {
        int n = writer.seal(type, data, 0, data.length, wire, 0);
        return Arrays.copyOf(wire, n);
    }

    /** Feeds a whole record and opens it; false when the layer dropped it. */
    private boolean receive(byte[] record) {
        assertEquals(record.length, reader.feed(record, 0, record.length));
        return reader.nextRecord(plain, 0, opened);
    }

    private static void assertViolation(Violation expected, Executable call) {
        TlsException e = assertThrows(TlsException.class, call);
        assertEquals(expected, e.violation().orElseThrow());
        assertEquals(expected.alert(), e.alert());
    }
}
