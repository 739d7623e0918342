package dev.tlsworkbook.handshake.auth;

import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;

/**
 * ECDSA with the nonce k derived from the key and the message (RFC 6979 §3.2, HMAC_DRBG keyed by
 * the private key and the hash), instead of drawn at random: the same key and message always give
 * the same signature. The demos use it when their randomness is seeded ({@code --seed}), so the
 * CertificateVerify and the throwaway certificates repeat byte for byte; with a
 * {@code SecureRandom} the JDK's randomized ECDSA is used as before. Bouncy Castle's
 * {@link HMacDSAKCalculator} computes k; the signature is the DER {@code Ecdsa-Sig-Value} of
 * RFC 3279 §2.2.3, as the JDK's {@code SHA256withECDSA} returns it.
 *
 * @since chapter04
 */
public final class DeterministicEcdsa {
    private DeterministicEcdsa() {
    }

    /**
     * Signs {@code message} with ECDSA over {@code hash} ("SHA-256", "SHA-384" or "SHA-512"),
     * k chosen as RFC 6979 §3.2 says.
     */
    public static byte[] sign(PrivateKey key, String hash, byte[] message) {
        if (!(key instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("RFC 6979 ECDSA needs an EC key, not " + key.getAlgorithm());
        }
        try {
            ECPrivateKeyParameters params = (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(key);
            Digest digest = digest(hash);
            byte[] h = new byte[digest.getDigestSize()];
            digest.update(message, 0, message.length);
            digest.doFinal(h, 0);
            // RFC 6979 §3.2: the HMAC in the k generation uses the same hash as the message digest.
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(digest(hash)));
            signer.init(true, params);
            BigInteger[] rs = signer.generateSignature(h);
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])}).getEncoded();
        } catch (InvalidKeyException | IOException e) {
            throw new IllegalStateException("cannot sign with RFC 6979 ECDSA", e);
        }
    }

    /** The hash a JCA ECDSA algorithm name ("SHA256withECDSA") uses, as {@link #sign} names it. */
    static String hashOf(String jcaAlgorithm) {
        return switch (jcaAlgorithm) {
            case "SHA256withECDSA" -> "SHA-256";
            case "SHA384withECDSA" -> "SHA-384";
            case "SHA512withECDSA" -> "SHA-512";
            default -> throw new IllegalArgumentException("not an ECDSA algorithm: " + jcaAlgorithm);
        };
    }

    private static Digest digest(String hash) {
        return switch (hash) {
            case "SHA-256" -> new SHA256Digest();
            case "SHA-384" -> new SHA384Digest();
            case "SHA-512" -> new SHA512Digest();
            default -> throw new IllegalArgumentException("unsupported hash for ECDSA: " + hash);
        };
    }
}
