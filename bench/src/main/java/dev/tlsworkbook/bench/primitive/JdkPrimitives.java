package dev.tlsworkbook.bench.primitive;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives through the JDK's JCA providers, called the way a handshake calls them: a
 * provider lookup ({@code getInstance}) per handshake, as the workbook's CertificateVerify code does.
 *
 * @since bench
 */
final class JdkPrimitives {
    private JdkPrimitives() {
    }

    static Primitive create(PrimitiveOp op) throws Exception {
        return switch (op) {
            case X25519 -> agreement("X25519", null, "XDH");
            case X448 -> agreement("X448", null, "XDH");
            case P256_ECDH -> agreement("EC", new ECGenParameterSpec("secp256r1"), "ECDH");
            case P384_ECDH -> agreement("EC", new ECGenParameterSpec("secp384r1"), "ECDH");
            case ECDSA_P256_SIGN -> sign("SHA256withECDSA", null, Inputs.ec("secp256r1"));
            case ECDSA_P256_VERIFY -> verify("SHA256withECDSA", null, Inputs.ec("secp256r1"));
            case ECDSA_P384_SIGN -> sign("SHA384withECDSA", null, Inputs.ec("secp384r1"));
            case ECDSA_P384_VERIFY -> verify("SHA384withECDSA", null, Inputs.ec("secp384r1"));
            case RSA_PSS_2048_SIGN -> sign("RSASSA-PSS", pss(), Inputs.rsa(2048));
            case RSA_PSS_2048_VERIFY -> verify("RSASSA-PSS", pss(), Inputs.rsa(2048));
            case RSA_PSS_4096_SIGN -> sign("RSASSA-PSS", pss(), Inputs.rsa(4096));
            case RSA_PSS_4096_VERIFY -> verify("RSASSA-PSS", pss(), Inputs.rsa(4096));
            case ED25519_SIGN -> sign("Ed25519", null, Inputs.ed25519());
            case ED25519_VERIFY -> verify("Ed25519", null, Inputs.ed25519());
            case SHA256_TRANSCRIPT -> transcript("SHA-256");
            case SHA384_TRANSCRIPT -> transcript("SHA-384");
            case HMAC_SHA256 -> () -> {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Inputs.HMAC_KEY, "HmacSHA256"));
                return mac.doFinal(Inputs.HMAC_DATA);
            };
        };
    }

    /** rsa_pss_rsae_sha256 (RFC 8446 §4.2.3): MGF1 with SHA-256, a salt as long as the hash. */
    private static PSSParameterSpec pss() {
        return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
    }

    private static Primitive agreement(String keyAlgorithm, ECGenParameterSpec spec, String agreementAlgorithm)
            throws Exception {
        KeyPair peer = generator(keyAlgorithm, spec).generateKeyPair();
        return () -> {
            KeyPair ours = generator(keyAlgorithm, spec).generateKeyPair();
            KeyAgreement agreement = KeyAgreement.getInstance(agreementAlgorithm);
            agreement.init(ours.getPrivate());
            agreement.doPhase(peer.getPublic(), true);
            return agreement.generateSecret();
        };
    }

    private static KeyPairGenerator generator(String algorithm, ECGenParameterSpec spec) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (spec != null) {
            generator.initialize(spec, Inputs.RANDOM);
        }
        return generator;
    }

    private static Primitive sign(String algorithm, PSSParameterSpec params, KeyPair key) {
        return () -> newSignature(algorithm, params, key, true).sign();
    }

    private static Primitive verify(String algorithm, PSSParameterSpec params, KeyPair key) throws Exception {
        byte[] signature = newSignature(algorithm, params, key, true).sign();
        return () -> {
            boolean valid = newSignature(algorithm, params, key, false).verify(signature);
            if (!valid) {
                throw new IllegalStateException(algorithm + " signature did not verify");
            }
            return valid;
        };
    }

    private static Signature newSignature(String algorithm, PSSParameterSpec params, KeyPair key, boolean sign)
            throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        if (params != null) {
            signature.setParameter(params);
        }
        if (sign) {
            signature.initSign(key.getPrivate(), Inputs.RANDOM);
        } else {
            signature.initVerify(key.getPublic());
        }
        signature.update(Inputs.MESSAGE);
        return signature;
    }

    private static Primitive transcript(String algorithm) {
        return () -> {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            byte[] last = null;
            for (int chunk = 0; chunk < 8; chunk++) {
                digest.update(Inputs.TRANSCRIPT, chunk * 512, 512);
                if (chunk >= 2) {
                    last = ((MessageDigest) digest.clone()).digest();
                }
            }
            return last;
        };
    }
}
