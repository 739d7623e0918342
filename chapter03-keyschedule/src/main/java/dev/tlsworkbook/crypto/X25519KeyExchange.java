package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * ECDHE over Curve25519 (RFC 7748 §5, §6.1; RFC 8446 §7.4.2): shares and the shared secret are
 * the 32-byte strings of the X25519 function.
 *
 * @since chapter03
 */
public final class X25519KeyExchange implements KeyExchange {
    /** Bytes in a private key, a public share and a shared secret (RFC 7748 §5). */
    public static final int LENGTH = X25519.POINT_SIZE;

    private final XdhPrivateKey privateKey;
    private final Opaque publicKey;

    private X25519KeyExchange(byte[] privateKey) {
        byte[] pub = new byte[LENGTH];
        X25519.scalarMultBase(privateKey, 0, pub, 0); // X25519(k, 9), RFC 7748 §6.1
        this.privateKey = new XdhPrivateKey(privateKey);
        Arrays.fill(privateKey, (byte) 0);
        this.publicKey = Opaque.of(pub);
    }

    /** A fresh key pair: 32 random bytes, clamped when used (RFC 7748 §5). */
    public static X25519KeyExchange generate(SecureRandom random) {
        byte[] k = new byte[LENGTH];
        X25519.generatePrivateKey(random, k);
        return new X25519KeyExchange(k);
    }

    /** A key pair from a known private key, to replay RFC 8448 or a test. */
    public static X25519KeyExchange fromPrivateKey(SecretBytes privateKey) {
        if (privateKey.length() != LENGTH) {
            throw new IllegalArgumentException("an X25519 private key is 32 bytes, was " + privateKey.length());
        }
        return new X25519KeyExchange(privateKey.bytes());
    }

    @Override
    public NamedGroup group() {
        return NamedGroup.X25519;
    }

    @Override
    public Opaque publicKey() {
        return publicKey;
    }

    @Override
    public SecretBytes sharedSecret(Opaque peerPublicKey) {
        XdhShares.requireLength(NamedGroup.X25519, peerPublicKey, LENGTH);
        byte[] k = privateKey.bytes();
        byte[] shared = new byte[LENGTH];
        // calculateAgreement returns false when the result is all zeros (a small-order peer point).
        boolean nonZero = X25519.calculateAgreement(k, 0, peerPublicKey.bytes(), 0, shared, 0);
        return XdhShares.result(NamedGroup.X25519, k, shared, nonZero);
    }

    /** Zeroes the private key (RFC 8446 §1.2, forward secrecy). */
    @Override
    public void destroy() {
        privateKey.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return privateKey.isDestroyed();
    }

    @Override
    public String toString() {
        return "X25519KeyExchange[public=" + publicKey + ", private=" + privateKey + "]";
    }
}
