package dev.tlsworkbook.record.protection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Tls13RecordProtectionTest {

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void roundTripsEverySizeFromEmptyToTheLimit(AeadAlgorithm aead) {
        Tls13RecordProtection sealer = Tls13RecordProtection.of(TestKeys.of(aead, 1));
        Tls13RecordProtection opener = Tls13RecordProtection.of(TestKeys.of(aead, 1));
        Random random = new Random(42);
        byte[] out = new byte[RecordHeader.MAX_RECORD];
        byte[] plain = new byte[RecordHeader.MAX_CIPHERTEXT];
        OpenedRecord result = new OpenedRecord();
        long seq = 0;
        for (int len : new int[] {0, 1, 15, 16, 17, 1000, RecordHeader.MAX_PLAINTEXT}) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            int n = sealer.seal(ContentType.APPLICATION_DATA, data, 0, len, seq, out, 0);
            assertEquals(RecordHeader.LENGTH + len + 1 + aead.tagLength(), n);
            assertEquals(n - RecordHeader.LENGTH, RecordHeader.length(out, 0));
            opener.open(out, 0, seq, plain, 0, result);
            assertEquals(ContentType.APPLICATION_DATA, result.type());
            assertArrayEquals(data, Arrays.copyOf(plain, result.length()));
            seq++;
        }
    }

    /** An independent computation of RFC 8446 §5.2/§5.3 with plain javax.crypto calls. */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sealIsTheAeadOfTheInnerPlaintextUnderIvXorSequenceWithTheHeaderAsAad(AeadAlgorithm aead) throws Exception {
        TrafficKeys keys = TestKeys.of(aead, 9);
        byte[] data = "hello records".getBytes();
        long seq = 0x0102030405060708L;
        byte[] out = new byte[100];
        int n = Tls13RecordProtection.of(keys).seal(ContentType.HANDSHAKE, data, 0, data.length, seq, out, 0);

        byte[] nonce = keys.iv().bytes();
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= (byte) (0x01 + i);
        }
        byte[] header = {23, 3, 3, 0, (byte) (data.length + 1 + 16)};
        Cipher cipher = Cipher.getInstance(aead.transformation());
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key().bytes(), aead.keyAlgorithm()),
                aead.parameterSpec(nonce));
        cipher.updateAAD(header);
        byte[] inner = Arrays.copyOf(data, data.length + 1);
        inner[data.length] = 22;
        byte[] expected = concat(header, cipher.doFinal(inner));

        assertEquals(Hex.encode(expected), Hex.encode(out, 0, n));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void theNonceDiffersForEveryRecordAndMatchesIvXorSequence(AeadAlgorithm aead) {
        TrafficKeys keys = TestKeys.of(aead, 3);
        Tls13RecordProtection p = Tls13RecordProtection.of(keys);
        Set<String> nonces = new HashSet<>();
        Set<String> bodies = new HashSet<>();
        byte[] data = new byte[32];
        byte[] out = new byte[100];
        for (long seq = 0; seq < 300; seq++) {
            int n = p.seal(ContentType.APPLICATION_DATA, data, 0, data.length, seq, out, 0);
            byte[] expected = keys.iv().bytes();
            expected[11] ^= (byte) seq;
            expected[10] ^= (byte) (seq >>> 8);
            assertArrayEquals(expected, p.lastNonce());
            nonces.add(Hex.encode(p.lastNonce()));
            bodies.add(Hex.encode(out, RecordHeader.LENGTH, n - RecordHeader.LENGTH));
        }
        assertEquals(300, nonces.size());
        assertEquals(300, bodies.size(), "the same plaintext must encrypt differently under each nonce");
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void flippingAnyVersionCiphertextOrTagByteFailsWithBadRecordMac(AeadAlgorithm aead) {
        Tls13RecordProtection sealer = Tls13RecordProtection.of(TestKeys.of(aead, 5));
        Tls13RecordProtection opener = Tls13RecordProtection.of(TestKeys.of(aead, 5));
        byte[] data = "attack at dawn".getBytes();
        byte[] record = new byte[64];
        int n = sealer.seal(ContentType.APPLICATION_DATA, data, 0, data.length, 7, record, 0);
        byte[] plain = new byte[64];
        OpenedRecord result = new OpenedRecord();
        opener.open(record, 0, 7, plain, 0, result);
        // Header bytes 1-2 (version) are authenticated as AAD; bytes 5.. are ciphertext then tag.
        for (int i = 1; i < n; i++) {
            if (i == 3 || i == 4) {
                continue; // length bytes move the record boundary: RecordLayerTest covers them
            }
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = record.clone();
                tampered[i] ^= (byte) (1 << bit);
                TlsException e = assertThrows(TlsException.class, () -> opener.open(tampered, 0, 7, plain, 0, result),
                        "byte " + i + " bit " + bit);
                assertEquals(Violation.BAD_RECORD_MAC, e.violation().orElseThrow());
                assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
            }
        }
    }

    @Test
    void openingWithTheWrongSequenceNumberFailsWithBadRecordMac() {
        byte[] record = sealed(ContentType.APPLICATION_DATA, new byte[10], 4);
        assertViolation(Violation.BAD_RECORD_MAC, () -> open(record, 5));
    }

    @Test
    void aRecordShorterThanTheTagFailsWithBadRecordMac() {
        byte[] record = {23, 3, 3, 0, 15, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        assertViolation(Violation.BAD_RECORD_MAC, () -> open(record, 0));
    }

    @Test
    void paddingOnlyPlaintextFailsWithUnexpectedMessage() throws Exception {
        // RFC 8446 §5.4: a correctly authenticated record whose cleartext is all zeros.
        byte[] record = rawRecord(new byte[20], 0);
        TlsException e = assertThrows(TlsException.class, () -> open(record, 0));
        assertEquals(Violation.EMPTY_INNER_PLAINTEXT, e.violation().orElseThrow());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void anEmptyCleartextFailsWithUnexpectedMessage() throws Exception {
        assertViolation(Violation.EMPTY_INNER_PLAINTEXT, () -> open(rawRecord(new byte[0], 0), 0));
    }

    @Test
    void anUnknownInnerContentTypeFailsWithUnexpectedMessage() throws Exception {
        byte[] inner = {'h', 'i', 99, 0, 0};
        TlsException e = assertThrows(TlsException.class, () -> open(rawRecord(inner, 0), 0));
        assertEquals(Violation.UNKNOWN_CONTENT_TYPE, e.violation().orElseThrow());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void anInnerPlaintextOverTwoToTheFourteenPlusOneFailsWithRecordOverflow() throws Exception {
        byte[] inner = new byte[RecordHeader.MAX_INNER_PLAINTEXT + 1];
        inner[0] = 23;
        assertViolation(Violation.RECORD_OVERFLOW, () -> open(rawRecord(inner, 0), 0));
    }

    @Test
    void aCiphertextOverTwoToTheFourteenPlus256FailsWithRecordOverflow() {
        byte[] record = new byte[RecordHeader.LENGTH + RecordHeader.MAX_CIPHERTEXT + 1];
        RecordHeader.write(record, 0, 23, 0x0303, RecordHeader.MAX_CIPHERTEXT + 1);
        TlsException e = assertThrows(TlsException.class, () -> open(record, 0));
        assertEquals(Violation.RECORD_OVERFLOW, e.violation().orElseThrow());
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
    }

    @Test
    void aProtectedRecordWithAnOuterTypeOtherThanApplicationDataIsUnexpected() {
        byte[] record = sealed(ContentType.HANDSHAKE, new byte[] {1, 2}, 0);
        record[0] = 22;
        assertViolation(Violation.UNEXPECTED_RECORD, () -> open(record, 0));
    }

    @Test
    void paddingIsAddedAfterTheTypeAndRemovedOnOpen() {
        TrafficKeys keys = TestKeys.of(AeadAlgorithm.AES_128_GCM, 1);
        Tls13RecordProtection padded = Tls13RecordProtection.of(keys, PaddingPolicy.toMultipleOf(64));
        byte[] data = {1, 2, 3};
        byte[] out = new byte[200];
        int n = padded.seal(ContentType.HANDSHAKE, data, 0, data.length, 0, out, 0);
        assertEquals(RecordHeader.LENGTH + 64 + 16, n);
        assertTrue(padded.maxOverhead() >= n - data.length);

        byte[] plain = new byte[200];
        OpenedRecord result = new OpenedRecord();
        Tls13RecordProtection.of(keys).open(out, 0, 0, plain, 0, result);
        assertEquals(ContentType.HANDSHAKE, result.type());
        assertArrayEquals(data, Arrays.copyOf(plain, result.length()));
    }

    @Test
    void paddingNeverPushesTheInnerPlaintextPastTheLimit() {
        Tls13RecordProtection padded = Tls13RecordProtection.of(TestKeys.of(AeadAlgorithm.AES_128_GCM, 1),
                PaddingPolicy.toMultipleOf(4000));
        byte[] data = new byte[RecordHeader.MAX_PLAINTEXT - 2]; // a multiple of 4000 would need 3617 more bytes
        byte[] out = new byte[RecordHeader.MAX_RECORD];
        int n = padded.seal(ContentType.APPLICATION_DATA, data, 0, data.length, 0, out, 0);
        assertEquals(RecordHeader.LENGTH + RecordHeader.MAX_INNER_PLAINTEXT + 16, n);
    }

    @Test
    void sealingTwiceWithTheSameSequenceNumberIsRefusedBecauseANonceMustNotRepeat() {
        Tls13RecordProtection p = Tls13RecordProtection.of(TestKeys.of(AeadAlgorithm.AES_256_GCM, 1));
        byte[] out = new byte[100];
        p.seal(ContentType.APPLICATION_DATA, new byte[4], 0, 4, 0, out, 0);
        assertThrows(IllegalStateException.class, () -> p.seal(ContentType.APPLICATION_DATA, new byte[4], 0, 4, 0, out, 0));
    }

    @Test
    void aFreshProtectionWithTheSameKeysCanSealAgainFromZero() {
        // Re-installing keys builds a new protection (and Cipher), so the JDK's GCM IV-reuse
        // guard, which is per Cipher, does not fire; the record layer never reuses one.
        TrafficKeys keys = TestKeys.of(AeadAlgorithm.AES_128_GCM, 2);
        byte[] a = sealed(keys, 0);
        byte[] b = sealed(keys, 0);
        assertArrayEquals(a, b);
    }

    @Test
    void aesGcmStopsBeforeTwoToThe24Point5RecordsAndChaChaAtTheSequenceLimit() {
        assertEquals(23_726_566L, Tls13RecordProtection.of(TestKeys.of(AeadAlgorithm.AES_128_GCM, 1)).sealLimit());
        assertEquals(-1L, Tls13RecordProtection.of(TestKeys.of(AeadAlgorithm.CHACHA20_POLY1305, 1)).sealLimit());
    }

    @Test
    void trafficKeysCheckLengthsAndNeverPrintSecrets() {
        assertThrows(IllegalArgumentException.class,
                () -> new TrafficKeys(AeadAlgorithm.AES_256_GCM, SecretBytes.zeros(16), SecretBytes.zeros(12)));
        assertThrows(IllegalArgumentException.class,
                () -> new TrafficKeys(AeadAlgorithm.AES_128_GCM, SecretBytes.zeros(16), SecretBytes.zeros(8)));
        TrafficKeys keys = TestKeys.of(AeadAlgorithm.CHACHA20_POLY1305, 0x41);
        assertFalse(keys.toString().contains(keys.key().hex()));
        assertTrue(keys.toString().contains("[redacted]"));
        assertFalse(Tls13RecordProtection.of(keys).toString().contains(keys.key().hex()));
    }

    // ---------------------------------------------------------------- helpers

    private static final TrafficKeys KEYS = TestKeys.of(AeadAlgorithm.AES_128_GCM, 11);

    private static byte[] sealed(ContentType type, byte[] data, long seq) {
        byte[] out = new byte[data.length + 64];
        int n = Tls13RecordProtection.of(KEYS).seal(type, data, 0, data.length, seq, out, 0);
        return Arrays.copyOf(out, n);
    }

    private static byte[] sealed(TrafficKeys keys, long seq) {
        byte[] out = new byte[64];
        int n = Tls13RecordProtection.of(keys).seal(ContentType.ALERT, new byte[] {1, 0}, 0, 2, seq, out, 0);
        return Arrays.copyOf(out, n);
    }

    private static void open(byte[] record, long seq) {
        byte[] out = new byte[Math.max(record.length, 64)];
        Tls13RecordProtection.of(KEYS).open(record, 0, seq, out, 0, new OpenedRecord());
    }

    /** A correctly authenticated record around an arbitrary cleartext, built with plain JCA calls. */
    private static byte[] rawRecord(byte[] cleartext, long seq) throws Exception {
        AeadAlgorithm aead = KEYS.aead();
        int length = cleartext.length + aead.tagLength();
        byte[] header = {23, 3, 3, (byte) (length >>> 8), (byte) length};
        byte[] nonce = KEYS.iv().bytes();
        nonce[11] ^= (byte) seq;
        Cipher cipher = Cipher.getInstance(aead.transformation());
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEYS.key().bytes(), aead.keyAlgorithm()),
                aead.parameterSpec(nonce));
        cipher.updateAAD(header);
        return concat(header, cipher.doFinal(cleartext));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void assertViolation(Violation expected, org.junit.jupiter.api.function.Executable call) {
        TlsException e = assertThrows(TlsException.class, call);
        assertEquals(expected, e.violation().orElseThrow());
        assertEquals(expected.alert(), e.alert());
    }
}
