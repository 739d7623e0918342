package dev.tlsworkbook.bench.primitive;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed inputs shared by both implementations, so each signs and verifies the same message with
 * the same key. Keys are made once per JVM (an RSA-4096 key takes seconds).
 *
 * @since bench
 */
final class Inputs {
    /** The signed content of a SHA-256 CertificateVerify is 130 bytes (RFC 8446 §4.4.3). */
    static final byte[] MESSAGE = bytes(130, 1);
    /** About the size of a full handshake's messages with one certificate. */
    static final byte[] TRANSCRIPT = bytes(4096, 2);
    static final byte[] HMAC_KEY = bytes(32, 3);
    static final byte[] HMAC_DATA = bytes(64, 4);
    static final SecureRandom RANDOM = new SecureRandom();

    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

    private Inputs() {
    }

    static KeyPair ec(String curve) {
        return KEYS.computeIfAbsent(curve, c -> generate("EC", new ECGenParameterSpec(c)));
    }

    static KeyPair rsa(int bits) {
        return KEYS.computeIfAbsent("rsa" + bits, c -> generate("RSA", new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4)));
    }

    static KeyPair ed25519() {
        return KEYS.computeIfAbsent("ed25519", c -> generate("Ed25519", null));
    }

    private static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec, RANDOM);
            }
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
