package dev.tlsworkbook.handshake.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.handshake.auth.SignatureImplementations.Implementation;
import dev.tlsworkbook.handshake.auth.SignatureImplementations.Operation;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The implementation chosen per signature scheme agrees with the JDK's own: what one signs the
 * other verifies, Ed25519 signatures are byte for byte the JDK's (RFC 8032 is deterministic), and
 * malformed or out-of-range signatures fail in both.
 */
class SignatureImplementationsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CONTENT = "TLS 1.3, server CertificateVerify".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static Stream<Arguments> schemes() {
        return Stream.of(
                Arguments.of(SignatureScheme.ECDSA_SECP256R1_SHA256, KeyKind.EC_P256),
                Arguments.of(SignatureScheme.ECDSA_SECP384R1_SHA384, KeyKind.EC_P384),
                Arguments.of(SignatureScheme.ECDSA_SECP521R1_SHA512, KeyKind.EC_P521),
                Arguments.of(SignatureScheme.ED25519, KeyKind.ED25519),
                Arguments.of(SignatureScheme.RSA_PSS_RSAE_SHA256, KeyKind.RSA_2048));
    }

    @Test
    void secretKeysStayOnConstantTimeCodeAndPublicChecksTakeTheFasterOne() {
        // ECDSA signing uses the secret nonce and key: the JDK's constant-time field arithmetic.
        assertEquals(Implementation.JDK, SignatureImplementations.of(SignatureScheme.ECDSA_SECP256R1_SHA256, Operation.SIGN));
        assertEquals(Implementation.JDK, SignatureImplementations.of(SignatureScheme.ECDSA_SECP384R1_SHA384, Operation.SIGN));
        assertEquals(Implementation.BOUNCY_CASTLE,
                SignatureImplementations.of(SignatureScheme.ECDSA_SECP256R1_SHA256, Operation.VERIFY));
        assertEquals(Implementation.BOUNCY_CASTLE, SignatureImplementations.of(SignatureScheme.ED25519, Operation.SIGN));
        assertEquals(Implementation.BOUNCY_CASTLE, SignatureImplementations.of(SignatureScheme.ED25519, Operation.VERIFY));
        assertEquals(Implementation.JDK, SignatureImplementations.of(SignatureScheme.RSA_PSS_RSAE_SHA256, Operation.SIGN));
        assertEquals(Implementation.JDK, SignatureImplementations.of(SignatureScheme.RSA_PSS_RSAE_SHA256, Operation.VERIFY));
        assertEquals(Implementation.JDK, SignatureImplementations.of(SignatureScheme.ED448, Operation.SIGN));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void whatTheChosenImplementationSignsTheJdkVerifiesAndBack(SignatureScheme scheme, KeyKind kind) throws Exception {
        KeyPair pair = kind.generate(RANDOM);
        byte[] ours = SignatureImplementations.sign(scheme, pair.getPrivate(), CONTENT, null);
        Signature jdk = scheme.newSignature();
        jdk.initVerify(pair.getPublic());
        jdk.update(CONTENT);
        assertTrue(jdk.verify(ours), "the JDK verifies what " + SignatureImplementations.of(scheme, Operation.SIGN) + " signed");

        jdk = scheme.newSignature();
        jdk.initSign(pair.getPrivate());
        jdk.update(CONTENT);
        byte[] theirs = jdk.sign();
        assertTrue(SignatureImplementations.verify(scheme, pair.getPublic(), CONTENT, theirs));

        byte[] other = CONTENT.clone();
        other[0] ^= 1;
        assertFalse(SignatureImplementations.verify(scheme, pair.getPublic(), other, theirs), "another message");
        byte[] flipped = theirs.clone();
        flipped[flipped.length - 1] ^= 1;
        assertFalse(SignatureImplementations.verify(scheme, pair.getPublic(), CONTENT, flipped), "a flipped bit");
    }

    @Test
    void ed25519SignaturesAreTheJdksByteForByte() throws Exception {
        KeyPair pair = KeyKind.ED25519.generate(RANDOM);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(CONTENT);
        // RFC 8032 §5.1.6: the signature is a function of key and message alone, so seeded demos repeat.
        assertArrayEquals(jdk.sign(), SignatureImplementations.sign(SignatureScheme.ED25519, pair.getPrivate(), CONTENT, null));
        assertArrayEquals(SignatureImplementations.sign(SignatureScheme.ED25519, pair.getPrivate(), CONTENT, null),
                SignatureImplementations.sign(SignatureScheme.ED25519, pair.getPrivate(), CONTENT, null));
    }

    @Test
    void ecdsaSignaturesThatAreNotStrictDerOrOutOfRangeDoNotVerify() throws Exception {
        SignatureScheme scheme = SignatureScheme.ECDSA_SECP256R1_SHA256;
        KeyPair pair = KeyKind.EC_P256.generate(RANDOM);
        byte[] good = SignatureImplementations.sign(scheme, pair.getPrivate(), CONTENT, null);
        assertTrue(SignatureImplementations.verify(scheme, pair.getPublic(), CONTENT, good));

        byte[] trailing = Arrays.copyOf(good, good.length + 1); // a byte after the SEQUENCE
        assertFalse(SignatureImplementations.verify(scheme, pair.getPublic(), CONTENT, trailing));
        assertFalse(SignatureImplementations.verify(scheme, pair.getPublic(), CONTENT, new byte[0]));
        assertFalse(SignatureImplementations.verify(scheme, pair.getPublic(), CONTENT, Arrays.copyOf(good, good.length - 1)));

        BigInteger n = ((ECPublicKey) pair.getPublic()).getParams().getOrder();
        for (BigInteger[] rs : new BigInteger[][] {{BigInteger.ZERO, BigInteger.ONE}, {BigInteger.ONE, BigInteger.ZERO},
            {n, BigInteger.ONE}, {BigInteger.ONE, n}}) {
            byte[] der = new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])}).getEncoded();
            assertFalse(SignatureImplementations.verify(scheme, pair.getPublic(), CONTENT, der), "r, s = " + Arrays.toString(rs));
        }
    }

    @Test
    void anEcdsaKeyWhosePointIsNotOnTheCurveVerifiesNothing() throws Exception {
        SignatureScheme scheme = SignatureScheme.ECDSA_SECP256R1_SHA256;
        KeyPair pair = KeyKind.EC_P256.generate(RANDOM);
        byte[] good = SignatureImplementations.sign(scheme, pair.getPrivate(), CONTENT, null);
        ECPublicKey real = (ECPublicKey) pair.getPublic();
        ECPoint off = new ECPoint(real.getW().getAffineX(), real.getW().getAffineY().add(BigInteger.ONE));
        PublicKey bent = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(off, real.getParams()));
        assertFalse(SignatureImplementations.verify(scheme, bent, CONTENT, good));
    }

    @Test
    void pkixChecksEcdsaSignedPathsWithTheChosenProviderAndRsaSignedOnesWithTheJdk() {
        Clock clock = Clock.systemUTC();
        TestPki ec = TestPki.create(clock, RANDOM);
        CertifiedKey ecLeaf = ec.issueLocalhost(KeyKind.EC_P256);
        assertEquals(Optional.of("BC"), SignatureImplementations.pkixSignatureProvider(ecLeaf.chain().certificates()));
        TestPki rsa = TestPki.create("CN=RSA test CA", KeyKind.RSA_2048, clock, RANDOM, Duration.ofDays(1));
        CertifiedKey rsaLeaf = rsa.issueLocalhost(KeyKind.EC_P256);
        assertEquals(Optional.empty(), SignatureImplementations.pkixSignatureProvider(rsaLeaf.chain().certificates()));
        assertEquals(Optional.empty(), SignatureImplementations.pkixSignatureProvider(
                List.of(ecLeaf.chain().leaf(), rsaLeaf.chain().leaf())));
    }
}
