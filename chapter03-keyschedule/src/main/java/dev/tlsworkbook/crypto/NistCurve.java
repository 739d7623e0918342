package dev.tlsworkbook.crypto;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * The arithmetic shared by the NIST prime curves (secp256r1, secp384r1): scalar generation,
 * uncompressed point encoding and validation, and ECDH (RFC 8446 §4.2.8.2, §7.4.2; SEC 1).
 */
final class NistCurve {
    static final NistCurve SECP256R1 = new NistCurve(NamedGroup.SECP256R1, "secp256r1");
    static final NistCurve SECP384R1 = new NistCurve(NamedGroup.SECP384R1, "secp384r1");

    private static final int UNCOMPRESSED = 0x04;

    final NamedGroup group;
    private final X9ECParameters curve;
    /** Bytes in a coordinate, and so in the shared secret (FE2OSP, RFC 8446 §7.4.2). */
    final int fieldLength;

    private NistCurve(NamedGroup group, String name) {
        this.group = group;
        this.curve = CustomNamedCurves.getByName(name);
        this.fieldLength = (curve.getCurve().getFieldSize() + 7) / 8;
    }

    /** Bytes in an uncompressed point: 0x04 || X || Y. */
    int shareLength() {
        return 1 + 2 * fieldLength;
    }

    /** A private scalar d, uniform in [1, n-1]. */
    BigInteger generate(SecureRandom random) {
        return BigIntegers.createRandomInRange(BigInteger.ONE, curve.getN().subtract(BigInteger.ONE), random);
    }

    /** A private scalar from its big-endian bytes, as RFC 8448 prints them. */
    BigInteger scalar(SecretBytes privateKey) {
        BigInteger d = new BigInteger(1, privateKey.bytes());
        if (privateKey.length() != fieldLength || d.signum() == 0 || d.compareTo(curve.getN()) >= 0) {
            throw new IllegalArgumentException(group.ianaName() + " private key must be " + fieldLength
                    + " bytes encoding a scalar in [1, n-1]");
        }
        return d;
    }

    /** Q = d·G, encoded uncompressed (RFC 8446 §4.2.8.2). */
    Opaque publicKey(BigInteger d) {
        return Opaque.of(curve.getG().multiply(d).normalize().getEncoded(false));
    }

    /** The x-coordinate of d·P, where P is the validated peer share (RFC 8446 §7.4.2). */
    SecretBytes sharedSecret(BigInteger d, Opaque peer) {
        ECPoint p = decode(peer);
        ECPoint z = p.multiply(d).normalize();
        if (z.isInfinity()) { // cannot happen for a valid point on a prime-order curve; checked anyway
            throw invalid("RFC 8446 §7.4.2: " + group.ianaName() + " shared point is the point at infinity");
        }
        return SecretBytes.of(BigIntegers.asUnsignedByteArray(fieldLength, z.getAffineXCoord().toBigInteger()));
    }

    /**
     * RFC 8446 §4.2.8.2: the share is {@code UncompressedPointRepresentation} (legacy_form 4, then
     * X and Y, each exactly the field length), and the peer's point MUST be validated (SEC 1
     * §3.2.2.1: on the curve, not the point at infinity).
     */
    private ECPoint decode(Opaque peer) {
        if (peer.length() != shareLength() || peer.byteAt(0) != UNCOMPRESSED) {
            throw invalid("RFC 8446 §4.2.8.2: " + group.ianaName() + " key_exchange must be an uncompressed point of "
                    + shareLength() + " bytes (0x04 || X || Y), was " + peer.length() + " bytes"
                    + (peer.isEmpty() ? "" : String.format(" starting 0x%02x", peer.byteAt(0))));
        }
        ECPoint p;
        try {
            p = curve.getCurve().decodePoint(peer.bytes()); // checks coordinates < p and the curve equation
        } catch (IllegalArgumentException e) {
            throw invalid("RFC 8446 §4.2.8.2: " + group.ianaName() + " key_exchange is not a point on the curve");
        }
        if (p.isInfinity() || !p.isValid()) {
            throw invalid("RFC 8446 §4.2.8.2: " + group.ianaName() + " key_exchange is not a valid curve point");
        }
        return p;
    }

    private static TlsException invalid(String message) {
        return TlsException.local(Violation.INVALID_KEY_SHARE, message);
    }
}
