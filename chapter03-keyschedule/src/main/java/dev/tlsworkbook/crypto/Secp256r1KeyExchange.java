package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.SecretBytes;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * ECDHE over secp256r1 (NIST P-256): 65-byte uncompressed shares {@code 0x04 || X || Y} and a
 * 32-byte shared secret, the x-coordinate of the shared point (RFC 8446 §4.2.8.2, §7.4.2).
 *
 * @since chapter03
 */
public final class Secp256r1KeyExchange extends NistKeyExchange {

    private Secp256r1KeyExchange(BigInteger privateKey) {
        super(NistCurve.SECP256R1, privateKey);
    }

    /** A fresh key pair, the scalar uniform in [1, n-1]. */
    public static Secp256r1KeyExchange generate(SecureRandom random) {
        return new Secp256r1KeyExchange(NistCurve.SECP256R1.generate(random));
    }

    /** A key pair from a known 32-byte big-endian private scalar, to replay a trace or a test. */
    public static Secp256r1KeyExchange fromPrivateKey(SecretBytes privateKey) {
        return new Secp256r1KeyExchange(NistCurve.SECP256R1.scalar(privateKey));
    }
}
