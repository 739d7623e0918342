package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.crypto.SeededRandom;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.util.BigIntegers;

/**
 * The key types {@link TestPki} can issue certificates for: every key a TLS 1.3 CertificateVerify
 * scheme signs with (RFC 8446 §4.2.3). Keys come from the JDK's generators.
 *
 * @since chapter04
 */
public enum KeyKind {
    /** ECDSA on secp256r1: {@code ecdsa_secp256r1_sha256}. */
    EC_P256,
    /** ECDSA on secp384r1: {@code ecdsa_secp384r1_sha384}. */
    EC_P384,
    /** ECDSA on secp521r1: {@code ecdsa_secp521r1_sha512}. */
    EC_P521,
    /** RSA 2048 (rsaEncryption): {@code rsa_pss_rsae_*}. */
    RSA_2048,
    /** RSA 3072 (rsaEncryption). */
    RSA_3072,
    /** RSA 4096 (rsaEncryption); slow to generate. */
    RSA_4096,
    /** RSA 2048 with the id-RSASSA-PSS OID: {@code rsa_pss_pss_*}. */
    RSASSA_PSS_2048,
    /** Ed25519: {@code ed25519}. */
    ED25519,
    /** Ed448: {@code ed448}. */
    ED448;

    /**
     * A fresh key pair. With a {@link SeededRandom} (demos with {@code --seed}) an EC private key
     * is drawn from the seeded stream by this class, uniform in [1, n-1], so the key is the same
     * on every JDK (the JDK's generator may consume random bytes differently from one release to
     * the next).
     */
    public KeyPair generate(SecureRandom random) {
        if (random instanceof SeededRandom) {
            switch (this) {
                case EC_P256 -> {
                    return seededEc(EcCurves.SECP256R1, random);
                }
                case EC_P384 -> {
                    return seededEc(EcCurves.SECP384R1, random);
                }
                case EC_P521 -> {
                    return seededEc(EcCurves.SECP521R1, random);
                }
                default -> {
                    // RSA, RSA-PSS, EdDSA: the JDK's generators, fed the seeded stream
                }
            }
        }
        try {
            KeyPairGenerator generator = switch (this) {
                case EC_P256, EC_P384, EC_P521 -> KeyPairGenerator.getInstance("EC");
                case RSA_2048, RSA_3072, RSA_4096 -> KeyPairGenerator.getInstance("RSA");
                case RSASSA_PSS_2048 -> KeyPairGenerator.getInstance("RSASSA-PSS");
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519");
                case ED448 -> KeyPairGenerator.getInstance("Ed448");
            };
            switch (this) {
                case EC_P256 -> generator.initialize(new ECGenParameterSpec(EcCurves.SECP256R1), random);
                case EC_P384 -> generator.initialize(new ECGenParameterSpec(EcCurves.SECP384R1), random);
                case EC_P521 -> generator.initialize(new ECGenParameterSpec(EcCurves.SECP521R1), random);
                case RSA_2048, RSASSA_PSS_2048 -> generator.initialize(2048, random);
                case RSA_3072 -> generator.initialize(3072, random);
                case RSA_4096 -> generator.initialize(4096, random);
                case ED25519 -> generator.initialize(255, random);
                case ED448 -> generator.initialize(448, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + this + " keys", e);
        }
    }

    private static KeyPair seededEc(String curve, SecureRandom random) {
        try {
            org.bouncycastle.asn1.x9.X9ECParameters x9 = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByName(curve);
            BigInteger d = BigIntegers.createRandomInRange(BigInteger.ONE, x9.getN().subtract(BigInteger.ONE), random);
            org.bouncycastle.math.ec.ECPoint q = x9.getG().multiply(d).normalize();
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(curve));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            KeyFactory factory = KeyFactory.getInstance("EC");
            return new KeyPair(
                    factory.generatePublic(new ECPublicKeySpec(new ECPoint(q.getAffineXCoord().toBigInteger(),
                            q.getAffineYCoord().toBigInteger()), spec)),
                    factory.generatePrivate(new ECPrivateKeySpec(d, spec)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an EC key on " + curve, e);
        }
    }

    /** The JCA algorithm a CA with this key signs certificates with (RFC 5758, RFC 8410, RFC 4055). */
    String certificateSignatureAlgorithm() {
        return switch (this) {
            case EC_P256 -> "SHA256withECDSA";
            case EC_P384 -> "SHA384withECDSA";
            case EC_P521 -> "SHA512withECDSA";
            case RSA_2048, RSA_3072, RSA_4096 -> "SHA256withRSA";
            case RSASSA_PSS_2048 -> "SHA256withRSAandMGF1";
            case ED25519 -> "Ed25519";
            case ED448 -> "Ed448";
        };
    }
}
