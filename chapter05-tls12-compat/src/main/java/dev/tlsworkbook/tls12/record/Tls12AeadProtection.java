package dev.tlsworkbook.tls12.record;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.record.protection.RecordProtection;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * TLS 1.2 AEAD record protection (RFC 5246 §6.2.3.3) for one direction, in the two nonce
 * constructions the six suites use:
 *
 * <pre>
 * AES-GCM (RFC 5288 §3):          nonce = salt[4] || explicit[8];  record body = explicit || ciphertext || tag
 * ChaCha20-Poly1305 (RFC 7905 §2): nonce = IV[12] XOR (0[4] || seq[8]);  record body = ciphertext || tag
 * additional_data = seq_num[8] || type || version(0x0303) || length of the plaintext   (RFC 5246 §6.2.3.3)
 * </pre>
 *
 * The explicit nonce is the sequence number, as Go and OpenSSL send it: unique per key by
 * construction. The same speed rules as {@code Tls13RecordProtection}: one {@link Cipher} per
 * direction re-initialised per record, array-to-array calls, no per-record allocation in our code.
 *
 * @since chapter05
 */
public final class Tls12AeadProtection implements RecordProtection {
    /** RFC 5288 §3: "nonce_explicit" is 8 bytes. */
    public static final int EXPLICIT_NONCE_LENGTH = 8;
    private static final int VERSION = 0x0303;

    private final AeadAlgorithm aead;
    private final Cipher cipher;
    private SecretKeySpec key;
    private final byte[] iv;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[13];
    private final int explicitLength;

    private Tls12AeadProtection(AeadAlgorithm aead, SecretBytes key, Opaque fixedIv) {
        this.aead = Objects.requireNonNull(aead, "aead");
        this.explicitLength = aead == AeadAlgorithm.CHACHA20_POLY1305 ? 0 : EXPLICIT_NONCE_LENGTH;
        int expectedIv = 12 - explicitLength;
        if (fixedIv.length() != expectedIv || key.length() != aead.keyLength()) {
            throw new IllegalArgumentException(aead + " needs a " + aead.keyLength() + "-byte key and a "
                    + expectedIv + "-byte fixed IV");
        }
        byte[] keyBytes = key.bytes();
        this.key = new SecretKeySpec(keyBytes, aead.keyAlgorithm());
        Arrays.fill(keyBytes, (byte) 0);
        this.iv = fixedIv.bytes();
        try {
            this.cipher = Cipher.getInstance(aead.transformation());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(aead + " is not available from javax.crypto", e);
        }
    }

    /** Protection for one direction with that side's write key and fixed IV from the key block. */
    public static Tls12AeadProtection of(AeadAlgorithm aead, SecretBytes writeKey, Opaque fixedIv) {
        return new Tls12AeadProtection(aead, writeKey, fixedIv);
    }

    public AeadAlgorithm aead() {
        return aead;
    }

    @Override
    public int seal(ContentType type, byte[] in, int inOff, int len, long seq, byte[] out, int outOff) {
        if (len > RecordHeader.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("RFC 5246 §6.2.1: fragment of " + len + " bytes exceeds 2^14");
        }
        int bodyLength = explicitLength + len + aead.tagLength();
        RecordHeader.write(out, outOff, type.code(), VERSION, bodyLength);
        int bodyOff = outOff + RecordHeader.LENGTH;
        if (explicitLength > 0) {
            // RFC 5288 §3: the explicit part of the nonce travels in the record; ours is the sequence number.
            writeLong(out, bodyOff, seq);
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, spec(seq));
            cipher.updateAAD(additionalData(seq, type.code(), VERSION, len), 0, aad.length);
            int written = cipher.doFinal(in, inOff, len, out, bodyOff + explicitLength);
            if (written != len + aead.tagLength()) {
                throw new IllegalStateException("AEAD wrote " + written + " bytes");
            }
        } catch (GeneralSecurityException e) {
            throw TlsException.local(Violation.INTERNAL_ERROR, "RFC 5246 §6.2.3.3: sealing failed: " + e, e);
        }
        return RecordHeader.LENGTH + bodyLength;
    }

    @Override
    public void open(byte[] record, int off, long seq, byte[] out, int outOff, OpenedRecord result) {
        int typeCode = RecordHeader.type(record, off);
        int length = RecordHeader.length(record, off);
        ContentType type = ContentType.fromCode(typeCode).orElseThrow(() -> TlsException.local(
                Violation.UNKNOWN_CONTENT_TYPE, "RFC 5246 §6.2.1: unknown content type " + typeCode));
        int plainLength = length - explicitLength - aead.tagLength();
        if (plainLength < 0) {
            throw badRecordMac("record body of " + length + " bytes is shorter than nonce and tag", null);
        }
        if (plainLength > RecordHeader.MAX_PLAINTEXT) {
            throw TlsException.local(Violation.RECORD_OVERFLOW,
                    "RFC 5246 §6.2.3: a " + length + "-byte record would hold more than 2^14 bytes of plaintext");
        }
        int bodyOff = off + RecordHeader.LENGTH;
        try {
            if (explicitLength > 0) {
                System.arraycopy(iv, 0, nonce, 0, 4);
                System.arraycopy(record, bodyOff, nonce, 4, EXPLICIT_NONCE_LENGTH);
                cipher.init(Cipher.DECRYPT_MODE, key, aead.parameterSpec(nonce));
            } else {
                cipher.init(Cipher.DECRYPT_MODE, key, spec(seq));
            }
            // The header as received is authenticated, its version included (RFC 5246 §6.2.3.3).
            cipher.updateAAD(additionalData(seq, typeCode, RecordHeader.version(record, off), plainLength), 0, aad.length);
            int n = cipher.doFinal(record, bodyOff + explicitLength, length - explicitLength, out, outOff);
            result.set(type, n);
        } catch (AEADBadTagException e) {
            throw badRecordMac("authentication failed", e);
        } catch (GeneralSecurityException e) {
            throw badRecordMac("decryption failed: " + e, e);
        }
    }

    @Override
    public int maxOverhead() {
        return RecordHeader.LENGTH + explicitLength + aead.tagLength();
    }

    @Override
    public int maxBodyLength() {
        // RFC 5246 §6.2.3: "The length MUST NOT exceed 2^14 + 2048"; an AEAD record holding at most
        // 2^14 bytes of plaintext is never longer than this, and a longer one is record_overflow.
        return RecordHeader.MAX_PLAINTEXT + explicitLength + aead.tagLength();
    }

    @Override
    public boolean isProtected() {
        return true;
    }

    @Override
    public void destroy() {
        Arrays.fill(iv, (byte) 0);
        key = null;
    }

    /** RFC 5246 §6.2.3.3: seq_num + TLSCompressed.type + TLSCompressed.version + TLSCompressed.length. */
    private byte[] additionalData(long seq, int type, int version, int plainLength) {
        writeLong(aad, 0, seq);
        aad[8] = (byte) type;
        aad[9] = (byte) (version >>> 8);
        aad[10] = (byte) version;
        aad[11] = (byte) (plainLength >>> 8);
        aad[12] = (byte) plainLength;
        return aad;
    }

    /** The nonce for sequence number {@code seq}: salt || seq (RFC 5288 §3) or IV XOR seq (RFC 7905 §2). */
    private AlgorithmParameterSpec spec(long seq) {
        if (key == null) {
            throw new IllegalStateException("protection destroyed");
        }
        if (explicitLength > 0) {
            System.arraycopy(iv, 0, nonce, 0, 4);
            writeLong(nonce, 4, seq);
        } else {
            System.arraycopy(iv, 0, nonce, 0, 12);
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (seq >>> (8 * i));
            }
        }
        return aead.parameterSpec(nonce);
    }

    private static void writeLong(byte[] out, int off, long v) {
        for (int i = 0; i < 8; i++) {
            out[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    private static TlsException badRecordMac(String why, Throwable cause) {
        return TlsException.local(Violation.BAD_RECORD_MAC, "RFC 5246 §6.2.3.3: " + why, cause);
    }

    @Override
    public String toString() {
        return "Tls12AeadProtection{aead=" + aead + ", key=[redacted]}";
    }
}
