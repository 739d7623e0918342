package dev.tlsworkbook.record.protection;

import dev.tlsworkbook.bytes.SecretBytes;

/** Deterministic traffic keys for tests: byte i of the key is {@code seed + i}, of the IV {@code seed * 3 + i}. */
public final class TestKeys {
    private TestKeys() {
    }

    public static TrafficKeys of(AeadAlgorithm aead, int seed) {
        byte[] key = new byte[aead.keyLength()];
        byte[] iv = new byte[aead.ivLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed + i);
        }
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (byte) (seed * 3 + i);
        }
        return new TrafficKeys(aead, SecretBytes.of(key), SecretBytes.of(iv));
    }
}
