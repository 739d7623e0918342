package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import java.math.BigInteger;

/**
 * ECDHE over a NIST prime curve (RFC 8446 §4.2.8.2, §7.4.2): uncompressed shares
 * {@code 0x04 || X || Y}, the shared secret the x-coordinate of the shared point. The
 * per-group classes {@link Secp256r1KeyExchange} and {@link Secp384r1KeyExchange} only name the
 * curve; the arithmetic and the checks on the peer's share live in {@link NistCurve}.
 *
 * @since chapter03
 */
abstract class NistKeyExchange implements KeyExchange {
    private final NistCurve curve;
    /** Null once destroyed: a BigInteger cannot be overwritten, so the reference is dropped. */
    private BigInteger privateKey;
    private final Opaque publicKey;

    NistKeyExchange(NistCurve curve, BigInteger privateKey) {
        this.curve = curve;
        this.privateKey = privateKey;
        this.publicKey = curve.publicKey(privateKey);
    }

    @Override
    public final NamedGroup group() {
        return curve.group;
    }

    @Override
    public final Opaque publicKey() {
        return publicKey;
    }

    @Override
    public final SecretBytes sharedSecret(Opaque peerPublicKey) {
        if (privateKey == null) {
            throw new IllegalStateException("the private key was destroyed");
        }
        return curve.sharedSecret(privateKey, peerPublicKey);
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[public=" + publicKey + ", private=[redacted]]";
    }

    /** Drops the private scalar (RFC 8446 §1.2, forward secrecy); BigInteger is immutable, so it is left to the GC. */
    @Override
    public void destroy() {
        privateKey = null;
    }

    @Override
    public boolean isDestroyed() {
        return privateKey == null;
    }
}
