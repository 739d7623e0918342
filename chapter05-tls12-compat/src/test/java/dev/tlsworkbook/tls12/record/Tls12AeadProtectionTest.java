package dev.tlsworkbook.tls12.record;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** TLS 1.2 AEAD records: the RFC 5288 explicit nonce, the RFC 7905 XOR nonce, and tampering. */
class Tls12AeadProtectionTest {
    private static final byte[] TEXT = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sealsAndOpensEveryRecordType(AeadAlgorithm aead) {
        byte[] record = new byte[TEXT.length + 64];
        for (long seq : new long[] {0, 1, 0x0102030405060708L}) {
            int n = protection(aead).seal(ContentType.APPLICATION_DATA, TEXT, 0, TEXT.length, seq, record, 0);
            assertEquals(RecordHeader.LENGTH + (aead == AeadAlgorithm.CHACHA20_POLY1305 ? 0 : 8) + TEXT.length + 16, n);
            assertEquals(0x0303, RecordHeader.version(record, 0));
            byte[] out = new byte[n];
            OpenedRecord opened = new OpenedRecord();
            protection(aead).open(record, 0, seq, out, 0, opened);
            assertEquals(ContentType.APPLICATION_DATA, opened.type());
            assertArrayEquals(TEXT, Arrays.copyOf(out, opened.length()));
        }
    }

    @Test
    void gcmSendsTheSequenceNumberAsItsExplicitNonce() {
        // RFC 5288 §3: nonce_explicit travels right after the header; ours is the 64-bit sequence number.
        byte[] record = new byte[TEXT.length + 64];
        protection(AeadAlgorithm.AES_128_GCM).seal(ContentType.APPLICATION_DATA, TEXT, 0, TEXT.length, 0x0102030405060708L, record, 0);
        assertEquals("0102030405060708", Hex.encode(Arrays.copyOfRange(record, 5, 13)));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void anyFlippedByteIsBadRecordMac(AeadAlgorithm aead) {
        byte[] record = new byte[TEXT.length + 64];
        int n = protection(aead).seal(ContentType.HANDSHAKE, TEXT, 0, TEXT.length, 7, record, 0);
        // The header's type and version are authenticated through the additional data (RFC 5246 §6.2.3.3).
        for (int i = 0; i < n; i++) {
            if (i == 3 || i == 4) {
                continue; // the length field: changing it changes where the record ends, not a MAC check
            }
            byte[] copy = Arrays.copyOf(record, n);
            copy[i] ^= 0x01;
            if (i == 0 && ContentType.fromCode(copy[0] & 0xff).isEmpty()) {
                continue;
            }
            TlsException e = assertThrows(TlsException.class,
                    () -> protection(aead).open(copy, 0, 7, new byte[n], 0, new OpenedRecord()), "byte " + i);
            assertEquals(Violation.BAD_RECORD_MAC, e.violation().orElseThrow(), "byte " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void aWrongSequenceNumberIsBadRecordMac(AeadAlgorithm aead) {
        byte[] record = new byte[TEXT.length + 64];
        int n = protection(aead).seal(ContentType.APPLICATION_DATA, TEXT, 0, TEXT.length, 5, record, 0);
        TlsException e = assertThrows(TlsException.class,
                () -> protection(aead).open(record, 0, 6, new byte[n], 0, new OpenedRecord()));
        assertEquals(Violation.BAD_RECORD_MAC, e.violation().orElseThrow());
    }

    private static Tls12AeadProtection protection(AeadAlgorithm aead) {
        byte[] key = new byte[aead.keyLength()];
        Arrays.fill(key, (byte) 0x42);
        byte[] iv = new byte[aead == AeadAlgorithm.CHACHA20_POLY1305 ? 12 : 4];
        Arrays.fill(iv, (byte) 0x24);
        return Tls12AeadProtection.of(aead, SecretBytes.of(key), Opaque.of(iv));
    }
}
