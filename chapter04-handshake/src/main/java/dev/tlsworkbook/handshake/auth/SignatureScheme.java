package dev.tlsworkbook.handshake.auth;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

/**
 * The TLS SignatureScheme registry (RFC 8446 §4.2.3, IANA "TLS SignatureScheme"), including the
 * TLS 1.2 hash/signature pairs (RFC 5246 §7.4.1.4.1) that peers still offer, so chapter05 finds
 * them here. Each value knows its JCA algorithm, its key type and whether TLS 1.3 allows it in
 * CertificateVerify. What a peer offers stays a list of raw codes; see
 * {@link CertificateVerifySignature#chooseScheme}.
 *
 * @since chapter04
 */
public enum SignatureScheme {
    /** RFC 8446 §4.2.3: RSASSA-PKCS1-v1_5 with SHA-256; certificates only in TLS 1.3. */
    RSA_PKCS1_SHA256(0x0401, "SHA256withRSA", null, KeyType.RSA, null, false),
    /** RFC 8446 §4.2.3: RSASSA-PKCS1-v1_5 with SHA-384; certificates only in TLS 1.3. */
    RSA_PKCS1_SHA384(0x0501, "SHA384withRSA", null, KeyType.RSA, null, false),
    /** RFC 8446 §4.2.3: RSASSA-PKCS1-v1_5 with SHA-512; certificates only in TLS 1.3. */
    RSA_PKCS1_SHA512(0x0601, "SHA512withRSA", null, KeyType.RSA, null, false),
    /** RFC 8446 §4.2.3: ECDSA on P-256 with SHA-256. */
    ECDSA_SECP256R1_SHA256(0x0403, "SHA256withECDSA", null, KeyType.EC, EcCurves.SECP256R1, true),
    /** RFC 8446 §4.2.3: ECDSA on P-384 with SHA-384. */
    ECDSA_SECP384R1_SHA384(0x0503, "SHA384withECDSA", null, KeyType.EC, EcCurves.SECP384R1, true),
    /** RFC 8446 §4.2.3: ECDSA on P-521 with SHA-512. */
    ECDSA_SECP521R1_SHA512(0x0603, "SHA512withECDSA", null, KeyType.EC, EcCurves.SECP521R1, true),
    /** RFC 8446 §4.2.3: RSASSA-PSS with SHA-256, key with OID rsaEncryption. */
    RSA_PSS_RSAE_SHA256(0x0804, "RSASSA-PSS", "SHA-256", KeyType.RSA, null, true),
    /** RFC 8446 §4.2.3: RSASSA-PSS with SHA-384, key with OID rsaEncryption. */
    RSA_PSS_RSAE_SHA384(0x0805, "RSASSA-PSS", "SHA-384", KeyType.RSA, null, true),
    /** RFC 8446 §4.2.3: RSASSA-PSS with SHA-512, key with OID rsaEncryption. */
    RSA_PSS_RSAE_SHA512(0x0806, "RSASSA-PSS", "SHA-512", KeyType.RSA, null, true),
    /** RFC 8446 §4.2.3 / RFC 8032: PureEdDSA on edwards25519. */
    ED25519(0x0807, "Ed25519", null, KeyType.ED25519, null, true),
    /** RFC 8446 §4.2.3 / RFC 8032: PureEdDSA on edwards448. */
    ED448(0x0808, "Ed448", null, KeyType.ED448, null, true),
    /** RFC 8446 §4.2.3: RSASSA-PSS with SHA-256, key with OID id-RSASSA-PSS. */
    RSA_PSS_PSS_SHA256(0x0809, "RSASSA-PSS", "SHA-256", KeyType.RSASSA_PSS, null, true),
    /** RFC 8446 §4.2.3: RSASSA-PSS with SHA-384, key with OID id-RSASSA-PSS. */
    RSA_PSS_PSS_SHA384(0x080a, "RSASSA-PSS", "SHA-384", KeyType.RSASSA_PSS, null, true),
    /** RFC 8446 §4.2.3: RSASSA-PSS with SHA-512, key with OID id-RSASSA-PSS. */
    RSA_PSS_PSS_SHA512(0x080b, "RSASSA-PSS", "SHA-512", KeyType.RSASSA_PSS, null, true),
    /** RFC 8446 §4.2.3 legacy: RSASSA-PKCS1-v1_5 with SHA-1; never in CertificateVerify. */
    RSA_PKCS1_SHA1(0x0201, "SHA1withRSA", null, KeyType.RSA, null, false),
    /** RFC 8446 §4.2.3 legacy: ECDSA with SHA-1 (any curve); never in CertificateVerify. */
    ECDSA_SHA1(0x0203, "SHA1withECDSA", null, KeyType.EC, null, false),
    /** RFC 5246 §7.4.1.4.1 (sha224, rsa): TLS 1.2 only; reserved in RFC 8446 §11. */
    RSA_PKCS1_SHA224(0x0301, "SHA224withRSA", null, KeyType.RSA, null, false),
    /** RFC 5246 §7.4.1.4.1 (sha224, ecdsa): TLS 1.2 only; reserved in RFC 8446 §11. */
    ECDSA_SHA224(0x0303, "SHA224withECDSA", null, KeyType.EC, null, false);

    private final int code;
    private final String jcaAlgorithm;
    private final String pssHash;
    private final KeyType keyType;
    private final String curve;
    private final boolean tls13CertificateVerify;

    SignatureScheme(int code, String jcaAlgorithm, String pssHash, KeyType keyType, String curve,
            boolean tls13CertificateVerify) {
        this.code = code;
        this.jcaAlgorithm = jcaAlgorithm;
        this.pssHash = pssHash;
        this.keyType = keyType;
        this.curve = curve;
        this.tls13CertificateVerify = tls13CertificateVerify;
    }

    /** The two-byte wire code. */
    public int code() {
        return code;
    }

    /** The scheme with this wire code; empty for unknown, GREASE (RFC 8701) and private-use codes. */
    public static Optional<SignatureScheme> fromCode(int code) {
        for (SignatureScheme scheme : values()) {
            if (scheme.code == code) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }

    /** The JCA {@link Signature} algorithm name ("SHA256withECDSA", "RSASSA-PSS", "Ed25519"). */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /**
     * The JCA parameters: for RSASSA-PSS, MGF1 with the same hash and a salt as long as the hash
     * (RFC 8446 §4.2.3: "The length of the Salt MUST be equal to the length of the output of the
     * digest algorithm"); empty for every other scheme.
     */
    public Optional<AlgorithmParameterSpec> jcaParameters() {
        if (pssHash == null) {
            return Optional.empty();
        }
        return Optional.of(switch (pssHash) {
            case "SHA-256" -> new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            case "SHA-384" -> new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1);
            default -> new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1);
        });
    }

    /**
     * Signs {@code content} with this scheme and {@code key}. With a {@link dev.tlsworkbook.crypto.SeededRandom}
     * (a demo run with {@code --seed}) an ECDSA scheme takes k from RFC 6979 §3.2 instead of the
     * seeded stream, so the signature repeats on every JDK; otherwise the implementation
     * {@link SignatureImplementations} chose for this scheme signs, with {@code random} (or the
     * default randomness when {@code random} is null) where the scheme uses any. The one place
     * both TLS 1.3's CertificateVerify and TLS 1.2's ServerKeyExchange sign.
     */
    public byte[] sign(java.security.PrivateKey key, byte[] content, java.security.SecureRandom random)
            throws GeneralSecurityException {
        if (random instanceof dev.tlsworkbook.crypto.SeededRandom && jcaAlgorithm.endsWith("withECDSA")) {
            return DeterministicEcdsa.sign(key, DeterministicEcdsa.hashOf(jcaAlgorithm), content);
        }
        return SignatureImplementations.sign(this, key, content, random);
    }

    /** A fresh, parameterised JCA {@link Signature} for this scheme. */
    public Signature newSignature() throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaAlgorithm);
        Optional<AlgorithmParameterSpec> parameters = jcaParameters();
        if (parameters.isPresent()) {
            signature.setParameter(parameters.get());
        }
        return signature;
    }

    /** The key type this scheme signs with. */
    public KeyType keyType() {
        return keyType;
    }

    /** For the TLS 1.3 ECDSA schemes, the one curve they allow ("secp256r1", ...). */
    public Optional<String> curve() {
        return Optional.ofNullable(curve);
    }

    /**
     * Whether TLS 1.3 allows this scheme in CertificateVerify. RFC 8446 §4.4.3: "RSA signatures
     * MUST use an RSASSA-PSS algorithm" and "The SHA-1 algorithm MUST NOT be used in any
     * signatures of CertificateVerify messages".
     */
    public boolean allowedInTls13CertificateVerify() {
        return tls13CertificateVerify;
    }

    /**
     * Whether {@code key} can make or check a TLS 1.3 signature with this scheme: the right key
     * type and, for ECDSA, the curve the scheme names (RFC 8446 §4.2.3).
     */
    public boolean fitsTls13Key(Key key) {
        if (KeyType.of(key).orElse(null) != keyType) {
            return false;
        }
        if (curve == null) {
            return true;
        }
        return key instanceof ECKey ec && EcCurves.nameOf(ec).map(curve::equals).orElse(false);
    }

    @Override
    public String toString() {
        return String.format("%s(0x%04x)", name(), code);
    }

    /** A code for messages: the scheme's name if known, else its hex value. */
    static String describe(int code) {
        return fromCode(code).map(SignatureScheme::toString).orElse(String.format("0x%04x", code));
    }
}
