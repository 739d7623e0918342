package dev.tlsworkbook.record.protection;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * TLS 1.3 record protection (RFC 8446 §5.2–§5.4) with one AEAD and one direction's
 * {@link TrafficKeys}. One {@link Cipher} is created here and re-initialised for every record with
 * that record's nonce; all JCA calls go array to array, which on current JDKs is markedly faster
 * for AES-GCM than in-place {@code ByteBuffer} calls.
 *
 * <pre>
 * seal:  header = 23 || 0x0303 || len(content)+1+padding+16
 *        body   = AEAD-Encrypt(key, iv XOR seq, header, content || type || zeros)
 * open:  content || type || zeros = AEAD-Decrypt(key, iv XOR seq, header, body)
 * </pre>
 *
 * <p>{@code in} and {@code out} of {@link #seal} must not overlap.
 *
 * @since chapter02
 */
public final class Tls13RecordProtection implements RecordProtection {
    /** RFC 8446 §5.5: about 2^24.5 records under one AES-GCM key. */
    static final long AES_GCM_RECORD_LIMIT = (long) Math.floor(Math.pow(2, 24.5));

    private static final int OUTER_TYPE = ContentType.APPLICATION_DATA.code();
    private static final int OUTER_VERSION = 0x0303;

    private final AeadAlgorithm aead;
    private final PaddingPolicy padding;
    private final Cipher cipher;
    private SecretKeySpec key;
    private final byte[] iv;
    private final byte[] nonce;
    /** The inner content type followed by zero padding; only byte 0 is ever written. */
    private final byte[] trailer;
    /** The lowest sequence number the next seal may use: a nonce is never used twice. */
    private long nextSealSeq;

    private Tls13RecordProtection(TrafficKeys keys, PaddingPolicy padding) {
        this.aead = keys.aead();
        this.padding = Objects.requireNonNull(padding, "padding");
        byte[] keyBytes = keys.key().bytes();
        this.key = new SecretKeySpec(keyBytes, aead.keyAlgorithm());
        Arrays.fill(keyBytes, (byte) 0);
        this.iv = keys.iv().bytes();
        this.nonce = new byte[aead.ivLength()];
        this.trailer = new byte[1 + Math.min(padding.maxPadding(), RecordHeader.MAX_PLAINTEXT)];
        try {
            // Created once per key install; re-initialised per record. No init here: the JDK's
            // ChaCha20 refuses an encryption init whose key and nonce match the previous init.
            this.cipher = Cipher.getInstance(aead.transformation());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(aead + " is not available from javax.crypto", e);
        }
    }

    /** Protection with {@code keys} and no padding. */
    public static Tls13RecordProtection of(TrafficKeys keys) {
        return new Tls13RecordProtection(keys, PaddingPolicy.NONE);
    }

    /** Protection with {@code keys} that pads records as {@code padding} says (RFC 8446 §5.4). */
    public static Tls13RecordProtection of(TrafficKeys keys, PaddingPolicy padding) {
        return new Tls13RecordProtection(keys, padding);
    }

    public AeadAlgorithm aead() {
        return aead;
    }

    @Override
    public int seal(ContentType type, byte[] in, int inOff, int len, long seq, byte[] out, int outOff) {
        if (len > RecordHeader.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("fragment of " + len + " bytes exceeds 2^14");
        }
        if (Long.compareUnsigned(seq, nextSealSeq) < 0) {
            throw new IllegalStateException("sequence number " + Long.toUnsignedString(seq)
                    + " already used with this key: a nonce must never repeat (RFC 8446 §5.3)");
        }
        // RFC 8446 §5.4: padding may not push TLSInnerPlaintext past 2^14 + 1 bytes.
        int pad = Math.min(padding.padding(type, len), Math.min(trailer.length - 1, RecordHeader.MAX_PLAINTEXT - len));
        int innerLength = len + 1 + pad;
        int bodyLength = innerLength + aead.tagLength();
        // RFC 8446 §5.2: the outer header says application_data, 0x0303, and is the AAD.
        RecordHeader.write(out, outOff, OUTER_TYPE, OUTER_VERSION, bodyLength);
        trailer[0] = (byte) type.code();
        int bodyOff = outOff + RecordHeader.LENGTH;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, spec(seq));
            nextSealSeq = seq + 1;
            cipher.updateAAD(out, outOff, RecordHeader.LENGTH);
            // One doFinal over the whole TLSInnerPlaintext, assembled where its ciphertext goes:
            // the JDK's AEADs pay per call, and at 1 KiB a second call costs more than this copy.
            System.arraycopy(in, inOff, out, bodyOff, len);
            System.arraycopy(trailer, 0, out, bodyOff + len, 1 + pad);
            int written = cipher.doFinal(out, bodyOff, innerLength, out, bodyOff);
            if (written != bodyLength) {
                throw new IllegalStateException("AEAD wrote " + written + " bytes, expected " + bodyLength);
            }
        } catch (GeneralSecurityException e) {
            throw TlsException.local(Violation.INTERNAL_ERROR, "RFC 8446 §5.2: sealing failed: " + e, e);
        }
        return RecordHeader.LENGTH + bodyLength;
    }

    @Override
    public void open(byte[] record, int off, long seq, byte[] out, int outOff, OpenedRecord result) {
        int outerType = RecordHeader.type(record, off);
        int length = RecordHeader.length(record, off);
        if (outerType != OUTER_TYPE) {
            throw TlsException.local(Violation.UNEXPECTED_RECORD,
                    "RFC 8446 §5.2: protected record with outer type " + outerType + ", expected 23");
        }
        if (length > RecordHeader.MAX_CIPHERTEXT) {
            throw TlsException.local(Violation.RECORD_OVERFLOW,
                    "RFC 8446 §5.2: TLSCiphertext.length " + length + " exceeds 2^14+256");
        }
        if (length < aead.tagLength()) {
            throw badRecordMac("record body of " + length + " bytes is shorter than the tag", null);
        }
        int plainLength;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, spec(seq));
            cipher.updateAAD(record, off, RecordHeader.LENGTH);
            plainLength = cipher.doFinal(record, off + RecordHeader.LENGTH, length, out, outOff);
        } catch (AEADBadTagException e) {
            throw badRecordMac("authentication failed", e);
        } catch (GeneralSecurityException e) {
            throw badRecordMac("decryption failed: " + e, e);
        }
        // RFC 8446 §5.4: the full TLSInnerPlaintext MUST NOT exceed 2^14 + 1 octets.
        if (plainLength > RecordHeader.MAX_INNER_PLAINTEXT) {
            throw TlsException.local(Violation.RECORD_OVERFLOW,
                    "RFC 8446 §5.4: TLSInnerPlaintext of " + plainLength + " bytes exceeds 2^14+1");
        }
        // RFC 8446 §5.4: scan back from the end, within the decrypted bytes, to the first non-zero octet.
        int i = plainLength - 1;
        while (i >= 0 && out[outOff + i] == 0) {
            i--;
        }
        if (i < 0) {
            throw TlsException.local(Violation.EMPTY_INNER_PLAINTEXT,
                    "RFC 8446 §5.4: no non-zero octet in the decrypted record (padding only)");
        }
        int typeCode = out[outOff + i] & 0xff;
        ContentType type = ContentType.fromCode(typeCode).orElseThrow(() -> TlsException.local(
                Violation.UNKNOWN_CONTENT_TYPE, "RFC 8446 §5: unknown inner content type " + typeCode));
        result.set(type, i);
    }

    @Override
    public int maxOverhead() {
        return RecordHeader.LENGTH + trailer.length + aead.tagLength();
    }

    @Override
    public int maxBodyLength() {
        return RecordHeader.MAX_CIPHERTEXT;
    }

    @Override
    public boolean isProtected() {
        return true;
    }

    @Override
    public long sealLimit() {
        return switch (aead) {
            case AES_128_GCM, AES_256_GCM -> AES_GCM_RECORD_LIMIT;
            // RFC 8446 §5.5: for ChaCha20/Poly1305 the sequence number wraps before the limit.
            case CHACHA20_POLY1305 -> -1L;
        };
    }

    @Override
    public void destroy() {
        Arrays.fill(iv, (byte) 0);
        key = null;
    }

    /** RFC 8446 §5.3: the 64-bit sequence number, left-padded to iv_length, XORed with the IV. */
    private AlgorithmParameterSpec spec(long seq) {
        if (key == null) {
            throw new IllegalStateException("protection destroyed");
        }
        System.arraycopy(iv, 0, nonce, 0, nonce.length);
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return aead.parameterSpec(nonce);
    }

    /** The nonce of the last record sealed or opened; for tests and the demo. */
    byte[] lastNonce() {
        return nonce.clone();
    }

    private static TlsException badRecordMac(String why, Throwable cause) {
        return TlsException.local(Violation.BAD_RECORD_MAC, "RFC 8446 §5.2: " + why, cause);
    }

    @Override
    public String toString() {
        return "Tls13RecordProtection{aead=" + aead + ", key=[redacted]}";
    }
}
