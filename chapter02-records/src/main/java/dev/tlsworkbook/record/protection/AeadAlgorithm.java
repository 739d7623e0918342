package dev.tlsworkbook.record.protection;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * The AEAD algorithms of the TLS 1.3 cipher suites (RFC 8446 §5.2, Appendix B.4), with the
 * names {@code javax.crypto} knows them by. All have a 12-byte nonce and a 16-byte tag.
 *
 * @since chapter02
 */
public enum AeadAlgorithm {
    /** AEAD_AES_128_GCM, RFC 5116 §5.1. */
    AES_128_GCM(16, "AES/GCM/NoPadding", "AES"),
    /** AEAD_AES_256_GCM, RFC 5116 §5.2. */
    AES_256_GCM(32, "AES/GCM/NoPadding", "AES"),
    /** AEAD_CHACHA20_POLY1305, RFC 8439 §2.8. */
    CHACHA20_POLY1305(32, "ChaCha20-Poly1305", "ChaCha20");

    private final int keyLength;
    private final String transformation;
    private final String keyAlgorithm;

    AeadAlgorithm(int keyLength, String transformation, String keyAlgorithm) {
        this.keyLength = keyLength;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** Key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Nonce (and TLS 1.3 write IV) length in bytes: 12 (RFC 8446 §5.3, iv_length). */
    public int ivLength() {
        return 12;
    }

    /** Authentication tag length in bytes: 16. */
    public int tagLength() {
        return 16;
    }

    /** The JCA {@code Cipher} transformation. */
    public String transformation() {
        return transformation;
    }

    /** The JCA {@code SecretKeySpec} algorithm. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The JCA parameters for one {@code nonce} (copied by the spec): GCM with a 128-bit tag, or ChaCha20-Poly1305's IV. */
    public AlgorithmParameterSpec parameterSpec(byte[] nonce) {
        return switch (this) {
            case AES_128_GCM, AES_256_GCM -> new GCMParameterSpec(tagLength() * 8, nonce);
            case CHACHA20_POLY1305 -> new IvParameterSpec(nonce);
        };
    }
}
