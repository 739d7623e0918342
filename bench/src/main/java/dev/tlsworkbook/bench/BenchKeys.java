package dev.tlsworkbook.bench;

import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.util.Random;

/**
 * Fixed key material and plaintext for the record benchmarks. The values do not matter to the
 * AEADs' speed, so they come from a seeded generator and every run sees the same bytes.
 *
 * @since bench
 */
final class BenchKeys {
    private BenchKeys() {
    }

    /** Traffic keys for {@code aead}, the same in every run. */
    static TrafficKeys keys(AeadAlgorithm aead, int generation) {
        Random random = new Random(0x7157_0000L + generation);
        byte[] key = new byte[aead.keyLength()];
        byte[] iv = new byte[aead.ivLength()];
        random.nextBytes(key);
        random.nextBytes(iv);
        return new TrafficKeys(aead, SecretBytes.of(key), SecretBytes.of(iv));
    }

    /** {@code size} bytes of plaintext, the same in every run. */
    static byte[] plaintext(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** The JDK's name for the TLS 1.3 suite that uses {@code aead}. */
    static String jdkSuite(AeadAlgorithm aead) {
        return switch (aead) {
            case AES_128_GCM -> "TLS_AES_128_GCM_SHA256";
            case AES_256_GCM -> "TLS_AES_256_GCM_SHA384";
            case CHACHA20_POLY1305 -> "TLS_CHACHA20_POLY1305_SHA256";
        };
    }
}
