package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * ECDHE over secp384r1 (NIST P-384): 97-byte uncompressed shares {@code 0x04 || X || Y} and a
 * 48-byte shared secret, the x-coordinate of the shared point (RFC 8446 §4.2.8.2, §7.4.2).
 *
 * @since chapter03
 */
public final class Secp384r1KeyExchange implements KeyExchange {
    private static final NistCurve CURVE = NistCurve.SECP384R1;

    private final BigInteger privateKey;
    private final Opaque publicKey;

    private Secp384r1KeyExchange(BigInteger privateKey) {
        this.privateKey = privateKey;
        this.publicKey = CURVE.publicKey(privateKey);
    }

    /** A fresh key pair, the scalar uniform in [1, n-1]. */
    public static Secp384r1KeyExchange generate(SecureRandom random) {
        return new Secp384r1KeyExchange(CURVE.generate(random));
    }

    /** A key pair from a known 48-byte big-endian private scalar, to replay RFC 8448 or a test. */
    public static Secp384r1KeyExchange fromPrivateKey(SecretBytes privateKey) {
        return new Secp384r1KeyExchange(CURVE.scalar(privateKey));
    }

    @Override
    public NamedGroup group() {
        return NamedGroup.SECP384R1;
    }

    @Override
    public Opaque publicKey() {
        return publicKey;
    }

    @Override
    public SecretBytes sharedSecret(Opaque peerPublicKey) {
        return CURVE.sharedSecret(privateKey, peerPublicKey);
    }

    @Override
    public String toString() {
        return "Secp384r1KeyExchange[public=" + publicKey + ", private=[redacted]]";
    }
}
