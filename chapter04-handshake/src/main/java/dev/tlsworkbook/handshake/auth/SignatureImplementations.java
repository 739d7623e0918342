package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.crypto.HashAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Which implementation makes and checks each kind of handshake signature, chosen once when the
 * class loads, never per call: the JDK's providers or Bouncy Castle's lightweight API, whichever
 * {@code PrimitiveBenchmark} measured faster on this JDK, as long as that does not weaken
 * constant-time behaviour where a secret is involved. The table with the measurements is in
 * {@code docs/performance.md} ("Which implementation does each primitive").
 *
 * <ul>
 *   <li><b>ECDSA signing stays on the JDK</b> (P-256, P-384, P-521): the private key and the nonce
 *       are secret, and the JDK's {@code SunEC} signs with constant-time field arithmetic;
 *       Bouncy Castle's generic EC multiplication is not documented as constant-time.</li>
 *   <li><b>ECDSA verification uses Bouncy Castle</b> ({@link ECDSASigner} over its special-form
 *       curves, {@link CustomNamedCurves}): it handles only public data (key, message, signature),
 *       so timing leaks nothing, and it measured about twice as fast on both JDKs here. The same
 *       holds for the certificate signatures PKIX checks: {@link #pkixSignatureProvider} names
 *       Bouncy Castle's JCA provider for paths signed only with ECDSA.</li>
 *   <li><b>Ed25519 signing and verification use Bouncy Castle</b> ({@link Ed25519Signer}): its
 *       RFC 8032 code is written to be constant-time, and the JDK's EdDSA is several times
 *       slower on both JDKs. Ed25519 is deterministic (RFC 8032 §5.1.6), so seeded demos repeat
 *       whichever implementation signs. The key's expanded form (the scalar, the prefix and the
 *       public key) is derived once per key and kept, as the JDK does not.</li>
 *   <li><b>RSA-PSS, RSA PKCS#1, Ed448 and anything else stay on the JDK.</b></li>
 * </ul>
 *
 * <p>JDK objects are reused, one {@link Signature} per scheme per thread, so a handshake does
 * not pay for {@code Signature.getInstance}'s provider search. Setting the system property
 * {@code dev.tlsworkbook.signatures=jdk} at start-up keeps every operation on the JDK's
 * providers (e.g. where only the JDK's are approved, or to measure the difference).
 *
 * @since chapter04
 */
public final class SignatureImplementations {
    /** The system property that, set to {@code jdk}, keeps every signature on the JDK's providers. */
    public static final String PROPERTY = "dev.tlsworkbook.signatures";

    /** The two implementations a signature can run in. */
    public enum Implementation {
        /** The JDK's JCA providers ({@code SunEC}, {@code SunRsaSign}). */
        JDK,
        /** Bouncy Castle's lightweight API ({@code org.bouncycastle.crypto}). */
        BOUNCY_CASTLE
    }

    /** What a signature operation does. */
    public enum Operation {
        SIGN, VERIFY
    }

    private static final boolean JDK_ONLY = "jdk".equals(System.getProperty(PROPERTY, "").toLowerCase(Locale.ROOT));
    private static final Map<SignatureScheme, Implementation> SIGN = choose(Operation.SIGN);
    private static final Map<SignatureScheme, Implementation> VERIFY = choose(Operation.VERIFY);
    private static final Map<String, ECDomainParameters> CURVES = Map.of(
            EcCurves.SECP256R1, domain("secp256r1"),
            EcCurves.SECP384R1, domain("secp384r1"),
            EcCurves.SECP521R1, domain("secp521r1"));
    /** Bouncy Castle's JCA provider, registered last (so it is never a default) for PKIX to name. */
    private static final Optional<String> PKIX_ECDSA_PROVIDER = JDK_ONLY ? Optional.empty() : Optional.of(register());
    private static final ThreadLocal<Map<SignatureScheme, Signature>> JDK_SIGNATURES =
            ThreadLocal.withInitial(() -> new EnumMap<>(SignatureScheme.class));
    /** Expanded Ed25519 signing keys, held as long as the key object is. */
    private static final Map<PrivateKey, Ed25519PrivateKeyParameters> ED25519_KEYS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private SignatureImplementations() {
    }

    /** The implementation that runs {@code operation} for {@code scheme} in this JVM. */
    public static Implementation of(SignatureScheme scheme, Operation operation) {
        return (operation == Operation.SIGN ? SIGN : VERIFY).get(scheme);
    }

    /**
     * Signs {@code content} with {@code key} under {@code scheme}.
     *
     * @param random randomness for ECDSA and PSS, or null for the JDK's default
     */
    static byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] content, SecureRandom random)
            throws GeneralSecurityException {
        if (of(scheme, Operation.SIGN) == Implementation.BOUNCY_CASTLE) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, ed25519PrivateKey(key));
            signer.update(content, 0, content.length);
            return signer.generateSignature();
        }
        Signature signature = jdkSignature(scheme);
        try {
            initSign(signature, key, random);
        } catch (InvalidKeyException e) {
            // A key from another provider than the one the reused object settled on: a fresh object finds one.
            signature = scheme.newSignature();
            initSign(signature, key, random);
        }
        signature.update(content);
        return signature.sign();
    }

    /**
     * Verifies {@code signature} over {@code content} with {@code key} under {@code scheme}.
     *
     * @return false for a signature that does not verify or is malformed (bad DER, wrong length)
     */
    static boolean verify(SignatureScheme scheme, PublicKey key, byte[] content, byte[] signature)
            throws GeneralSecurityException {
        if (of(scheme, Operation.VERIFY) == Implementation.BOUNCY_CASTLE) {
            try {
                return scheme == SignatureScheme.ED25519 ? verifyEd25519(key, content, signature)
                        : verifyEcdsa(scheme, (ECPublicKey) key, content, signature);
            } catch (IllegalArgumentException | ClassCastException | java.io.IOException e) {
                return false; // a malformed signature or key encoding is as bad as a wrong signature
            }
        }
        Signature verifier = jdkSignature(scheme);
        try {
            verifier.initVerify(key);
        } catch (InvalidKeyException e) {
            verifier = scheme.newSignature();
            verifier.initVerify(key);
        }
        verifier.update(content);
        try {
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        }
    }

    /**
     * The JCA provider PKIX should check the signatures of {@code path} with
     * ({@link java.security.cert.PKIXParameters#setSigProvider}): Bouncy Castle's when every
     * certificate in it is signed with ECDSA (public data only, as for {@link #verify}), else
     * empty for the JDK's default.
     */
    public static Optional<String> pkixSignatureProvider(List<X509Certificate> path) {
        if (PKIX_ECDSA_PROVIDER.isEmpty()) {
            return Optional.empty();
        }
        for (X509Certificate certificate : path) {
            if (!certificate.getSigAlgName().toUpperCase(Locale.ROOT).endsWith("WITHECDSA")) {
                return Optional.empty();
            }
        }
        return PKIX_ECDSA_PROVIDER;
    }

    // ---------------------------------------------------------------- the choice

    /**
     * The table of {@code docs/performance.md}: Bouncy Castle where it measured faster on both
     * JDK 17 and JDK 25 and is constant-time where a secret is used; the JDK everywhere else.
     */
    private static Map<SignatureScheme, Implementation> choose(Operation operation) {
        Map<SignatureScheme, Implementation> table = new EnumMap<>(SignatureScheme.class);
        for (SignatureScheme scheme : SignatureScheme.values()) {
            boolean bouncyCastle = switch (scheme) {
                // Public data only: Bouncy Castle's special-form curve arithmetic, about 2x the JDK's here.
                case ECDSA_SECP256R1_SHA256, ECDSA_SECP384R1_SHA384, ECDSA_SECP521R1_SHA512 ->
                        operation == Operation.VERIFY;
                // RFC 8032 code written to be constant-time, several times the JDK's speed for both operations.
                case ED25519 -> true;
                case RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA512, RSA_PSS_RSAE_SHA256, RSA_PSS_RSAE_SHA384,
                        RSA_PSS_RSAE_SHA512, ED448, RSA_PSS_PSS_SHA256, RSA_PSS_PSS_SHA384, RSA_PSS_PSS_SHA512,
                        RSA_PKCS1_SHA1, ECDSA_SHA1, RSA_PKCS1_SHA224, ECDSA_SHA224 -> false;
            };
            table.put(scheme, bouncyCastle && !JDK_ONLY ? Implementation.BOUNCY_CASTLE : Implementation.JDK);
        }
        return Collections.unmodifiableMap(table);
    }

    // ---------------------------------------------------------------- JDK

    private static Signature jdkSignature(SignatureScheme scheme) throws GeneralSecurityException {
        Map<SignatureScheme, Signature> mine = JDK_SIGNATURES.get();
        Signature signature = mine.get(scheme);
        if (signature == null) {
            signature = scheme.newSignature();
            mine.put(scheme, signature);
        }
        return signature;
    }

    private static void initSign(Signature signature, PrivateKey key, SecureRandom random) throws InvalidKeyException {
        if (random == null) {
            signature.initSign(key);
        } else {
            signature.initSign(key, random);
        }
    }

    // ---------------------------------------------------------------- Bouncy Castle

    /**
     * ECDSA verification (FIPS 186-5 §6.4.2) over Bouncy Castle's curve: the key's point is
     * validated on the curve, the signature is strict DER {@code Ecdsa-Sig-Value} (RFC 3279
     * §2.2.3, re-encoded and compared by {@link StandardDSAEncoding}) with r and s in [1, n-1].
     */
    private static boolean verifyEcdsa(SignatureScheme scheme, ECPublicKey key, byte[] content, byte[] signature)
            throws java.io.IOException {
        ECDomainParameters domain = CURVES.get(scheme.curve().orElseThrow());
        ECPoint w = key.getW();
        ECPublicKeyParameters publicKey = new ECPublicKeyParameters(
                domain.getCurve().validatePoint(w.getAffineX(), w.getAffineY()), domain);
        BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(domain.getN(), signature);
        HashAlgorithm hash = switch (scheme) {
            case ECDSA_SECP384R1_SHA384 -> HashAlgorithm.SHA384;
            case ECDSA_SECP521R1_SHA512 -> HashAlgorithm.SHA512;
            default -> HashAlgorithm.SHA256;
        };
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, publicKey);
        return verifier.verifySignature(hash.digest(content), rs[0], rs[1]);
    }

    private static boolean verifyEd25519(PublicKey key, byte[] content, byte[] signature) throws GeneralSecurityException {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, ed25519PublicKey(key));
        verifier.update(content, 0, content.length);
        return verifier.verifySignature(signature);
    }

    private static Ed25519PublicKeyParameters ed25519PublicKey(PublicKey key) throws GeneralSecurityException {
        try {
            return (Ed25519PublicKeyParameters) PublicKeyFactory.createKey(key.getEncoded());
        } catch (java.io.IOException | ClassCastException e) {
            throw new InvalidKeyException("not an Ed25519 public key", e);
        }
    }

    private static Ed25519PrivateKeyParameters ed25519PrivateKey(PrivateKey key) throws GeneralSecurityException {
        Ed25519PrivateKeyParameters expanded = ED25519_KEYS.get(key);
        if (expanded == null) {
            try {
                expanded = (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(key.getEncoded());
            } catch (java.io.IOException | ClassCastException e) {
                throw new InvalidKeyException("not an Ed25519 private key", e);
            }
            ED25519_KEYS.put(key, expanded);
        }
        return expanded;
    }

    private static ECDomainParameters domain(String name) {
        X9ECParameters curve = CustomNamedCurves.getByName(name);
        return new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH(), curve.getSeed());
    }

    private static String register() {
        synchronized (Security.class) {
            Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            if (installed == null) {
                Security.addProvider(new BouncyCastleProvider());
            }
        }
        return BouncyCastleProvider.PROVIDER_NAME;
    }
}
