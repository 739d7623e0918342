package dev.tlsworkbook.crypto;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * ML-KEM (FIPS 203), the post-quantum half of the hybrid groups, through Bouncy Castle's
 * low-level API (it takes and returns the raw byte strings FIPS 203 defines, which is what goes
 * on the wire). The input checks FIPS 203 requires on what a peer sends are made here, before
 * Bouncy Castle sees the bytes, so a bad share is an {@code illegal_parameter} with a reason,
 * never a provider exception:
 *
 * <ul>
 *   <li>§7.2, encapsulation key (server side): the type check (length 384k + 32) and the modulus
 *       check (every 12-bit coefficient of ByteDecode12 below q = 3329);
 *   <li>§7.3, ciphertext (client side): the type check (length 32(d_u·k + d_v)).
 * </ul>
 *
 * <p>A ciphertext of the right length that was tampered with is not an error: ML-KEM.Decaps then
 * returns the implicit-rejection secret J(z‖c) (FIPS 203 §6.3 step 10), which fails later as a
 * mismatched handshake key, so an attacker learns nothing from the decapsulation itself.
 *
 * @since chapter03
 */
public final class MlKem {
    /** ML-KEM-768 (FIPS 203 §8, Table 2: k = 3, d_u = 10, d_v = 4). */
    public static final MlKem ML_KEM_768 = new MlKem("ML-KEM-768", MLKEMParameters.ml_kem_768, 3, 10, 4);
    /** ML-KEM-1024 (FIPS 203 §8, Table 2: k = 4, d_u = 11, d_v = 5). */
    public static final MlKem ML_KEM_1024 = new MlKem("ML-KEM-1024", MLKEMParameters.ml_kem_1024, 4, 11, 5);

    /** Bytes in the shared secret K, for every parameter set (FIPS 203 §8, Table 3). */
    public static final int SHARED_SECRET_LENGTH = 32;
    /** The modulus q (FIPS 203 §2.4). */
    private static final int Q = 3329;

    private final String name;
    private final MLKEMParameters parameters;
    private final int k;
    private final int encapsulationKeyLength;
    private final int ciphertextLength;

    private MlKem(String name, MLKEMParameters parameters, int k, int du, int dv) {
        this.name = name;
        this.parameters = parameters;
        this.k = k;
        this.encapsulationKeyLength = 384 * k + 32; // FIPS 203 §7.2 step 1
        this.ciphertextLength = 32 * (du * k + dv); // FIPS 203 §7.3 step 1
    }

    /** The parameter set's name, e.g. {@code ML-KEM-768}. */
    public String name() {
        return name;
    }

    /** Bytes in an encapsulation key: 1184 for ML-KEM-768, 1568 for ML-KEM-1024. */
    public int encapsulationKeyLength() {
        return encapsulationKeyLength;
    }

    /** Bytes in a ciphertext: 1088 for ML-KEM-768, 1568 for ML-KEM-1024. */
    public int ciphertextLength() {
        return ciphertextLength;
    }

    /** ML-KEM.KeyGen (FIPS 203 §7.1): a fresh decapsulation key with its encapsulation key. */
    public KeyPair generate(SecureRandom random) {
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, parameters));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        MLKEMPublicKeyParameters ek = (MLKEMPublicKeyParameters) pair.getPublic();
        return new KeyPair(Opaque.of(ek.getEncoded()), (MLKEMPrivateKeyParameters) pair.getPrivate());
    }

    /**
     * ML-KEM.Encaps (FIPS 203 §7.2) to a peer's encapsulation key, after the input checks.
     *
     * @throws TlsException {@code INVALID_KEY_SHARE} when {@code ek} fails the type or modulus check
     */
    public Encapsulation encapsulate(Opaque ek, SecureRandom random) {
        checkEncapsulationKey(ek);
        MLKEMPublicKeyParameters key = new MLKEMPublicKeyParameters(parameters, ek.bytes());
        SecretWithEncapsulation result = new MLKEMGenerator(random).generateEncapsulated(key);
        byte[] secret = result.getSecret();
        try {
            return new Encapsulation(Opaque.of(result.getEncapsulation()), SecretBytes.of(secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * FIPS 203 §7.2: "1. (Type check) If ek is not an array of bytes of length 384k + 32 ... 2.
     * (Modulus check) Perform the computation ek~ ← ByteEncode12(ByteDecode12(ek[0:384k])). If
     * ek~ ≠ ek[0:384k], the input checking has failed." ByteDecode12 reduces each 12-bit value
     * modulo q, so the round trip changes exactly the values that are q or more.
     */
    void checkEncapsulationKey(Opaque ek) {
        if (ek.length() != encapsulationKeyLength) {
            throw invalid("FIPS 203 §7.2: " + name + " encapsulation key must be " + encapsulationKeyLength
                    + " bytes, was " + ek.length());
        }
        byte[] b = ek.bytes();
        for (int i = 0; i < 384 * k; i += 3) { // two 12-bit little-endian values in every 3 bytes (FIPS 203 §4.2.1)
            int d1 = (b[i] & 0xff) | (b[i + 1] & 0x0f) << 8;
            int d2 = (b[i + 1] & 0xff) >>> 4 | (b[i + 2] & 0xff) << 4;
            if (d1 >= Q || d2 >= Q) {
                throw invalid("FIPS 203 §7.2: " + name + " encapsulation key fails the modulus check (coefficient "
                        + (d1 >= Q ? d1 : d2) + " at byte " + i + " is not below q = 3329)");
            }
        }
    }

    private static TlsException invalid(String message) {
        return TlsException.local(Violation.INVALID_KEY_SHARE, message);
    }

    /**
     * The client's ML-KEM key pair: the encapsulation key it sends and the decapsulation key it
     * keeps.
     *
     * @since chapter03
     */
    public final class KeyPair {
        private final Opaque encapsulationKey;
        private final MLKEMPrivateKeyParameters decapsulationKey;

        private KeyPair(Opaque encapsulationKey, MLKEMPrivateKeyParameters decapsulationKey) {
            this.encapsulationKey = encapsulationKey;
            this.decapsulationKey = decapsulationKey;
        }

        /** ek, the bytes the client sends (FIPS 203 §7.1). */
        public Opaque encapsulationKey() {
            return encapsulationKey;
        }

        /**
         * ML-KEM.Decaps (FIPS 203 §7.3) of the server's ciphertext, after the ciphertext type check.
         * A tampered ciphertext of the right length yields the implicit-rejection secret, not an error.
         *
         * @throws TlsException {@code INVALID_KEY_SHARE} for a ciphertext of the wrong length
         */
        public SecretBytes decapsulate(Opaque ciphertext) {
            // FIPS 203 §7.3 step 1; draft-ietf-tls-ecdhe-mlkem §3.1.2: "the client MUST check if the ciphertext
            // length matches the selected group, and abort with an illegal_parameter alert if it fails."
            if (ciphertext.length() != ciphertextLength) {
                throw invalid("FIPS 203 §7.3: " + name + " ciphertext must be " + ciphertextLength + " bytes, was "
                        + ciphertext.length());
            }
            byte[] secret = new MLKEMExtractor(decapsulationKey).extractSecret(ciphertext.bytes());
            try {
                return SecretBytes.of(secret);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }

        /** Forgets the decapsulation key (forward secrecy, RFC 8446 §1.2). */
        public void destroy() {
            decapsulationKey.destroy();
        }

        /** The 32-byte z of the decapsulation key (FIPS 203 §7.1), for the implicit-rejection test. */
        SecretBytes implicitRejectionSeed() {
            return SecretBytes.of(decapsulationKey.getNonce());
        }

        @Override
        public String toString() {
            return name + ".KeyPair[ek=" + encapsulationKey.length() + " bytes, dk=[redacted]]";
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
