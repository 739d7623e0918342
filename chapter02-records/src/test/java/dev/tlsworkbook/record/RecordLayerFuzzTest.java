package dev.tlsworkbook.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.record.protection.TestKeys;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets for the record layer's read side (docs/fuzzing.md): the deframer with its header
 * checks, and TLS 1.3 record opening with its inner content type scan (RFC 8446 §5.2, §5.4). The
 * invariant: a stream ends cleanly or in a {@link TlsException} with its alert, never
 * {@code internal_error}, never another exception. Corpus and crashers:
 * {@code src/test/resources/dev/tlsworkbook/record/RecordLayerFuzzTestInputs/}.
 */
class RecordLayerFuzzTest {
    private static final TrafficKeys KEYS = TestKeys.of(AeadAlgorithm.AES_128_GCM, 1);

    /**
     * Unprotected records. The first byte sets how the stream is fed: its low seven bits the chunk
     * size, its top bit whether change_cipher_spec records are dropped as in a TLS 1.3 handshake
     * (RFC 8446 §5) or refused; the rest is the stream.
     */
    @FuzzTest
    void recordDeframer(byte[] input) {
        if (input.length > 0) {
            readAll(new RecordLayer(), input);
        }
    }

    /**
     * Protected records whose plaintext is the fuzzer's: the input is a chunk-size byte and then
     * frames of {@code uint16 length, TLSInnerPlaintext}, each sealed here as one application_data
     * record under fixed keys. Sealing inside the target means every mutation gets past the AEAD
     * tag and reaches the content-type scan and the length checks behind it.
     */
    @FuzzTest
    void protectedRecords(byte[] input) {
        if (input.length == 0) {
            return;
        }
        RecordLayer records = new RecordLayer();
        records.installReadKeys(KEYS, 0);
        readAll(records, sealFrames(input));
    }

    private static void readAll(RecordLayer records, byte[] input) {
        int chunk = 1 + (input[0] & 0x7f);
        if ((input[0] & 0x80) != 0) {
            records.changeCipherSpecMode(ChangeCipherSpecMode.DROP_COMPATIBILITY);
        }
        byte[] out = new byte[RecordLayer.OPEN_BUFFER_SIZE];
        OpenedRecord opened = new OpenedRecord();
        try {
            for (int pos = 1; pos < input.length; ) {
                int end = Math.min(input.length, pos + chunk);
                while (pos < end) {
                    pos += records.feed(input, pos, end - pos);
                    while (records.nextRecord(out, 0, opened)) {
                        // Opened: its type and length were checked by nextRecord.
                    }
                }
            }
        } catch (TlsException e) {
            // The record layer only refuses (a local error, whose Violation names its alert); it never reads alerts.
            if (!e.isLocal() || e.violation().orElse(null) == Violation.INTERNAL_ERROR) {
                throw new AssertionError("not a proper refusal: " + e.getMessage(), e);
            }
        }
    }

    /** The chunk byte, then each {@code uint16 length, inner plaintext} frame sealed as a record from sequence 0. */
    static byte[] sealFrames(byte[] input) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(input[0]);
        long seq = 0;
        for (int pos = 1; pos + 2 <= input.length; seq++) {
            int length = Math.min(((input[pos] & 0xff) << 8 | (input[pos + 1] & 0xff)), input.length - pos - 2);
            stream.writeBytes(seal(input, pos + 2, length, seq));
            pos += 2 + length;
        }
        return stream.toByteArray();
    }

    /** RFC 8446 §5.2: AAD = the record header, nonce = IV XOR the padded sequence number. */
    private static byte[] seal(byte[] in, int off, int len, long seq) {
        int tag = KEYS.aead().tagLength();
        byte[] record = new byte[RecordHeader.LENGTH + len + tag];
        record[0] = (byte) ContentType.APPLICATION_DATA.code();
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) ((len + tag) >> 8);
        record[4] = (byte) (len + tag);
        byte[] nonce = KEYS.iv().bytes();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        try {
            Cipher cipher = Cipher.getInstance(KEYS.aead().transformation());
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEYS.key().bytes(), KEYS.aead().keyAlgorithm()),
                    KEYS.aead().parameterSpec(nonce));
            cipher.updateAAD(record, 0, RecordHeader.LENGTH);
            cipher.doFinal(in, off, len, record, RecordHeader.LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return record;
    }

    @Test
    void sealedFramesOpenToTheirInnerPlaintext() {
        // chunk byte 0x7f, one frame: "hi" with inner type application_data (23) and two bytes of padding
        byte[] input = {0x7f, 0, 5, 'h', 'i', 23, 0, 0};
        RecordLayer records = new RecordLayer();
        records.installReadKeys(KEYS, 0);
        byte[] stream = sealFrames(input);
        records.feed(stream, 1, stream.length - 1);
        byte[] out = new byte[RecordLayer.OPEN_BUFFER_SIZE];
        OpenedRecord opened = new OpenedRecord();
        records.nextRecord(out, 0, opened);
        assertEquals(ContentType.APPLICATION_DATA, opened.type());
        assertEquals("hi", new String(out, 0, opened.length(), java.nio.charset.StandardCharsets.US_ASCII));
    }
}
