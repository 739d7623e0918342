package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X448;

/**
 * ECDHE over Curve448 (RFC 7748 §5, §6.2; RFC 8446 §7.4.2): shares and the shared secret are
 * the 56-byte strings of the X448 function.
 *
 * @since chapter03
 */
public final class X448KeyExchange implements KeyExchange {
    /** Bytes in a private key, a public share and a shared secret (RFC 7748 §5). */
    public static final int LENGTH = X448.POINT_SIZE;

    private final XdhPrivateKey privateKey;
    private final Opaque publicKey;

    private X448KeyExchange(byte[] privateKey) {
        byte[] pub = new byte[LENGTH];
        X448.scalarMultBase(privateKey, 0, pub, 0); // X448(k, 5), RFC 7748 §6.2
        this.privateKey = new XdhPrivateKey(privateKey);
        Arrays.fill(privateKey, (byte) 0);
        this.publicKey = Opaque.of(pub);
    }

    /** A fresh key pair: 56 random bytes, clamped when used (RFC 7748 §5). */
    public static X448KeyExchange generate(SecureRandom random) {
        byte[] k = new byte[LENGTH];
        X448.generatePrivateKey(random, k);
        return new X448KeyExchange(k);
    }

    /** A key pair from a known private key, to replay RFC 8448 or a test. */
    public static X448KeyExchange fromPrivateKey(SecretBytes privateKey) {
        if (privateKey.length() != LENGTH) {
            throw new IllegalArgumentException("an X448 private key is 56 bytes, was " + privateKey.length());
        }
        return new X448KeyExchange(privateKey.bytes());
    }

    @Override
    public NamedGroup group() {
        return NamedGroup.X448;
    }

    @Override
    public Opaque publicKey() {
        return publicKey;
    }

    @Override
    public SecretBytes sharedSecret(Opaque peerPublicKey) {
        XdhShares.requireLength(NamedGroup.X448, peerPublicKey, LENGTH);
        byte[] k = privateKey.bytes();
        byte[] shared = new byte[LENGTH];
        // calculateAgreement returns false when the result is all zeros (a small-order peer point).
        boolean nonZero = X448.calculateAgreement(k, 0, peerPublicKey.bytes(), 0, shared, 0);
        return XdhShares.result(NamedGroup.X448, k, shared, nonZero);
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
        return "X448KeyExchange[public=" + publicKey + ", private=" + privateKey + "]";
    }
}
