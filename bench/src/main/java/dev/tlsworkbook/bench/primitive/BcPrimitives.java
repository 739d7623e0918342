package dev.tlsworkbook.bench.primitive;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;

/**
 * The primitives through Bouncy Castle's lightweight API: no JCA lookup, BC's special-form curve
 * arithmetic ({@code CustomNamedCurves}: fixed-point comb for the base point), RFC 6979
 * deterministic ECDSA nonces ({@code HMacDSAKCalculator}), and the RFC 7748/8032 code the
 * workbook's key exchange already uses. ECDSA signatures are DER-encoded as TLS sends them.
 *
 * @since bench
 */
final class BcPrimitives {
    private BcPrimitives() {
    }

    static Primitive create(PrimitiveOp op) {
        return switch (op) {
            case X25519 -> x25519();
            case X448 -> x448();
            case P256_ECDH -> ecdh("secp256r1");
            case P384_ECDH -> ecdh("secp384r1");
            case ECDSA_P256_SIGN -> ecdsaSign("secp256r1", new SHA256Digest());
            case ECDSA_P256_VERIFY -> ecdsaVerify("secp256r1", new SHA256Digest());
            case ECDSA_P384_SIGN -> ecdsaSign("secp384r1", new SHA384Digest());
            case ECDSA_P384_VERIFY -> ecdsaVerify("secp384r1", new SHA384Digest());
            case RSA_PSS_2048_SIGN -> pssSign(2048);
            case RSA_PSS_2048_VERIFY -> pssVerify(2048);
            case RSA_PSS_4096_SIGN -> pssSign(4096);
            case RSA_PSS_4096_VERIFY -> pssVerify(4096);
            case ED25519_SIGN -> ed25519(true);
            case ED25519_VERIFY -> ed25519(false);
            case SHA256_TRANSCRIPT -> transcript(SHA256Digest::new, d -> new SHA256Digest((SHA256Digest) d));
            case SHA384_TRANSCRIPT -> transcript(SHA384Digest::new, d -> new SHA384Digest((SHA384Digest) d));
            case HMAC_SHA256 -> () -> {
                HMac mac = new HMac(new SHA256Digest());
                mac.init(new KeyParameter(Inputs.HMAC_KEY));
                mac.update(Inputs.HMAC_DATA, 0, Inputs.HMAC_DATA.length);
                byte[] out = new byte[mac.getMacSize()];
                mac.doFinal(out, 0);
                return out;
            };
        };
    }

    private static Primitive x25519() {
        byte[] peer = new byte[X25519.POINT_SIZE];
        byte[] peerPrivate = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(Inputs.RANDOM, peerPrivate);
        X25519.scalarMultBase(peerPrivate, 0, peer, 0);
        return () -> {
            byte[] k = new byte[X25519.SCALAR_SIZE];
            byte[] pub = new byte[X25519.POINT_SIZE];
            byte[] shared = new byte[X25519.POINT_SIZE];
            X25519.generatePrivateKey(Inputs.RANDOM, k);
            X25519.scalarMultBase(k, 0, pub, 0);
            X25519.calculateAgreement(k, 0, peer, 0, shared, 0);
            return pub;
        };
    }

    private static Primitive x448() {
        byte[] peer = new byte[X448.POINT_SIZE];
        byte[] peerPrivate = new byte[X448.SCALAR_SIZE];
        X448.generatePrivateKey(Inputs.RANDOM, peerPrivate);
        X448.scalarMultBase(peerPrivate, 0, peer, 0);
        return () -> {
            byte[] k = new byte[X448.SCALAR_SIZE];
            byte[] pub = new byte[X448.POINT_SIZE];
            byte[] shared = new byte[X448.POINT_SIZE];
            X448.generatePrivateKey(Inputs.RANDOM, k);
            X448.scalarMultBase(k, 0, pub, 0);
            X448.calculateAgreement(k, 0, peer, 0, shared, 0);
            return pub;
        };
    }

    private static ECDomainParameters domain(String curve) {
        X9ECParameters x9 = CustomNamedCurves.getByName(curve);
        return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    }

    /** Generate, encode our share, decode the peer's (as it arrives on the wire), agree. */
    private static Primitive ecdh(String curve) {
        ECDomainParameters domain = domain(curve);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, Inputs.RANDOM));
        byte[] peer = ((ECPublicKeyParameters) generator.generateKeyPair().getPublic()).getQ().getEncoded(false);
        return () -> {
            AsymmetricCipherKeyPair ours = generator.generateKeyPair();
            byte[] share = ((ECPublicKeyParameters) ours.getPublic()).getQ().getEncoded(false);
            ECPublicKeyParameters peerKey = new ECPublicKeyParameters(domain.getCurve().decodePoint(peer), domain);
            ECDHBasicAgreement agreement = new ECDHBasicAgreement();
            agreement.init(ours.getPrivate());
            BigInteger shared = agreement.calculateAgreement(peerKey);
            return share.length + shared.bitLength();
        };
    }

    private static Primitive ecdsaSign(String curve, Digest digest) {
        ECPrivateKeyParameters key = ecPrivate(curve);
        return () -> {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(newDigest(digest)));
            signer.init(true, key);
            BigInteger[] rs = signer.generateSignature(hash(newDigest(digest), Inputs.MESSAGE));
            return StandardDSAEncoding.INSTANCE.encode(key.getParameters().getN(), rs[0], rs[1]);
        };
    }

    private static Primitive ecdsaVerify(String curve, Digest digest) {
        ECPrivateKeyParameters key = ecPrivate(curve);
        ECPublicKey jdkPublic = (ECPublicKey) Inputs.ec(curve).getPublic();
        ECDomainParameters domain = key.getParameters();
        ECPublicKeyParameters publicKey = new ECPublicKeyParameters(domain.getCurve().createPoint(
                jdkPublic.getW().getAffineX(), jdkPublic.getW().getAffineY()), domain);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(newDigest(digest)));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(hash(newDigest(digest), Inputs.MESSAGE));
        byte[] der;
        try {
            der = StandardDSAEncoding.INSTANCE.encode(domain.getN(), rs[0], rs[1]);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return () -> {
            BigInteger[] decoded = StandardDSAEncoding.INSTANCE.decode(domain.getN(), der);
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, publicKey);
            if (!verifier.verifySignature(hash(newDigest(digest), Inputs.MESSAGE), decoded[0], decoded[1])) {
                throw new IllegalStateException("ECDSA signature did not verify");
            }
            return decoded;
        };
    }

    private static ECPrivateKeyParameters ecPrivate(String curve) {
        ECPrivateKey jdk = (ECPrivateKey) Inputs.ec(curve).getPrivate();
        return new ECPrivateKeyParameters(jdk.getS(), domain(curve));
    }

    private static Primitive pssSign(int bits) {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) Inputs.rsa(bits).getPrivate();
        RSAPrivateCrtKeyParameters key = new RSAPrivateCrtKeyParameters(k.getModulus(), k.getPublicExponent(),
                k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(),
                k.getCrtCoefficient());
        return () -> {
            PSSSigner signer = new PSSSigner(new RSABlindedEngine(), new SHA256Digest(), 32);
            signer.init(true, new ParametersWithRandom(key, Inputs.RANDOM));
            signer.update(Inputs.MESSAGE, 0, Inputs.MESSAGE.length);
            return signer.generateSignature();
        };
    }

    private static Primitive pssVerify(int bits) {
        KeyPair pair = Inputs.rsa(bits);
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        RSAKeyParameters key = new RSAKeyParameters(false, pub.getModulus(), pub.getPublicExponent());
        byte[] signature;
        try {
            signature = (byte[]) pssSign(bits).run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return () -> {
            PSSSigner verifier = new PSSSigner(new RSAEngine(), new SHA256Digest(), 32);
            verifier.init(false, key);
            verifier.update(Inputs.MESSAGE, 0, Inputs.MESSAGE.length);
            if (!verifier.verifySignature(signature)) {
                throw new IllegalStateException("RSA-PSS signature did not verify");
            }
            return signature;
        };
    }

    private static Primitive ed25519(boolean sign) {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(Inputs.RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        Ed25519PrivateKeyParameters privateKey = (Ed25519PrivateKeyParameters) pair.getPrivate();
        Ed25519PublicKeyParameters publicKey = (Ed25519PublicKeyParameters) pair.getPublic();
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(Inputs.MESSAGE, 0, Inputs.MESSAGE.length);
        byte[] signature = signer.generateSignature();
        if (sign) {
            return () -> {
                Ed25519Signer s = new Ed25519Signer();
                s.init(true, privateKey);
                s.update(Inputs.MESSAGE, 0, Inputs.MESSAGE.length);
                return s.generateSignature();
            };
        }
        return () -> {
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, publicKey);
            v.update(Inputs.MESSAGE, 0, Inputs.MESSAGE.length);
            if (!v.verifySignature(signature)) {
                throw new IllegalStateException("Ed25519 signature did not verify");
            }
            return signature;
        };
    }

    private static Primitive transcript(java.util.function.Supplier<Digest> fresh,
            java.util.function.UnaryOperator<Digest> copyOf) {
        return () -> {
            Digest digest = fresh.get();
            byte[] last = null;
            for (int chunk = 0; chunk < 8; chunk++) {
                digest.update(Inputs.TRANSCRIPT, chunk * 512, 512);
                if (chunk >= 2) {
                    Digest snapshot = copyOf.apply(digest);
                    last = new byte[snapshot.getDigestSize()];
                    snapshot.doFinal(last, 0);
                }
            }
            return last;
        };
    }

    private static Digest newDigest(Digest like) {
        return like instanceof SHA384Digest ? new SHA384Digest() : new SHA256Digest();
    }

    private static byte[] hash(Digest digest, byte[] message) {
        digest.update(message, 0, message.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
