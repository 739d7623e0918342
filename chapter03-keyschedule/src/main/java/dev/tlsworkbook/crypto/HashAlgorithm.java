package dev.tlsworkbook.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The IANA TLS HashAlgorithm registry (RFC 5246 §7.4.1.4.1, RFC 8447 §5), complete: the hashes a
 * cipher suite, the HKDF of the key schedule and the transcript are built on. TLS 1.3 uses only
 * SHA-256 and SHA-384 (RFC 8446 §B.4); SHA-1 is here for RFC 5869's SHA-1 test cases and the
 * TLS 1.2 signature codes chapter05 reads.
 *
 * @since chapter03
 */
public enum HashAlgorithm {
    /** {@code none(0)}: no hash (RFC 5246). */
    NONE(0, "none", null, 0),
    /** {@code md5(1)}: listed for completeness; TLS 1.3 forbids MD5 signatures (RFC 8446 §4.2.3). */
    MD5(1, "md5", "MD5", 16),
    /** {@code sha1(2)}. */
    SHA1(2, "sha1", "SHA-1", 20),
    /** {@code sha224(3)}. */
    SHA224(3, "sha224", "SHA-224", 28),
    /** {@code sha256(4)}: the hash of TLS_AES_128_GCM_SHA256 and TLS_CHACHA20_POLY1305_SHA256. */
    SHA256(4, "sha256", "SHA-256", 32),
    /** {@code sha384(5)}: the hash of TLS_AES_256_GCM_SHA384. */
    SHA384(5, "sha384", "SHA-384", 48),
    /** {@code sha512(6)}. */
    SHA512(6, "sha512", "SHA-512", 64),
    /** {@code intrinsic(8)}: the signature algorithm hashes internally (Ed25519, RFC 8422 §5.1.3). */
    INTRINSIC(8, "intrinsic", null, 0);

    private final int code;
    private final String ianaName;
    private final String jcaName;
    private final int outputLength;
    /**
     * An untouched digest that {@link #newDigest} clones: cheaper than the provider search of
     * {@code MessageDigest.getInstance} in every handshake. It is never updated, so concurrent
     * clones only read it.
     */
    private volatile MessageDigest prototype;

    HashAlgorithm(int code, String ianaName, String jcaName, int outputLength) {
        this.code = code;
        this.ianaName = ianaName;
        this.jcaName = jcaName;
        this.outputLength = outputLength;
    }

    /** The registry value, a uint8 on the wire. */
    public int code() {
        return code;
    }

    /** The registry's own spelling, e.g. {@code sha256}. */
    public String ianaName() {
        return ianaName;
    }

    /** The {@link MessageDigest} algorithm name, empty for {@code none} and {@code intrinsic}. */
    public Optional<String> jcaName() {
        return Optional.ofNullable(jcaName);
    }

    /** Output length in bytes ({@code Hash.length} in RFC 8446), empty where there is no digest. */
    public OptionalInt outputLength() {
        return jcaName == null ? OptionalInt.empty() : OptionalInt.of(outputLength);
    }

    /**
     * {@code Hash.length} for a hash that is actually computed.
     *
     * @throws IllegalStateException for {@code none} and {@code intrinsic}
     */
    public int length() {
        requireDigest();
        return outputLength;
    }

    /** A fresh digest. @throws IllegalStateException for {@code none} and {@code intrinsic} */
    public MessageDigest newDigest() {
        requireDigest();
        try {
            MessageDigest p = prototype;
            if (p == null) {
                p = MessageDigest.getInstance(jcaName);
                prototype = p;
            }
            return (MessageDigest) p.clone();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides " + jcaName, e);
        } catch (CloneNotSupportedException e) {
            // A provider whose digest cannot be cloned: fall back to a fresh instance every time.
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every JDK provides " + jcaName, impossible);
            }
        }
    }

    /** {@code Hash(data)}. */
    public byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    /** The {@link javax.crypto.Mac} name of HMAC over this hash (RFC 2104), e.g. {@code HmacSHA256}. */
    public String hmacAlgorithm() {
        requireDigest();
        return "Hmac" + jcaName.replace("-", "");
    }

    /** The value with this registry code, if it is one. */
    public static Optional<HashAlgorithm> fromCode(int code) {
        for (HashAlgorithm h : values()) {
            if (h.code == code) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name() + String.format("(0x%02x)", code);
    }

    private void requireDigest() {
        if (jcaName == null) {
            throw new IllegalStateException(name() + " is not a digest");
        }
    }
}
