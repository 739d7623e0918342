package dev.tlsworkbook.handshake.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.crypto.SeededRandom;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.Test;

class DeterministicEcdsaTest {

    /** RFC 6979 Appendix A.2.5: ECDSA, 256 bits (prime field), key and "sample" with SHA-256. */
    @Test
    void reproducesRfc6979P256Sha256Sample() throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(
                new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16),
                parameters.getParameterSpec(ECParameterSpec.class)));
        byte[] der = DeterministicEcdsa.sign(key, "SHA-256", "sample".getBytes(StandardCharsets.US_ASCII));
        ASN1Sequence rs = ASN1Sequence.getInstance(der);
        assertEquals(new BigInteger("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716", 16),
                ASN1Integer.getInstance(rs.getObjectAt(0)).getValue());
        assertEquals(new BigInteger("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", 16),
                ASN1Integer.getInstance(rs.getObjectAt(1)).getValue());
    }

    @Test
    void theJdkVerifiesItsSignatures() throws Exception {
        KeyPair keys = KeyKind.EC_P384.generate(SeededRandom.of(1, "test"));
        byte[] message = "the CertificateVerify content".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = DeterministicEcdsa.sign(keys.getPrivate(), "SHA-384", message);
        Signature verifier = Signature.getInstance("SHA384withECDSA");
        verifier.initVerify(keys.getPublic());
        verifier.update(message);
        assertTrue(verifier.verify(signature));
    }

    @Test
    void aSeededPkiIssuesTheSameCertificatesTwice() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        TestPki a = TestPki.create(clock, SeededRandom.of(7, "pki"));
        TestPki b = TestPki.create(clock, SeededRandom.of(7, "pki"));
        assertArrayEquals(a.caCertificate().getEncoded(), b.caCertificate().getEncoded());
        assertArrayEquals(a.issueLocalhost(KeyKind.EC_P256).chain().leaf().getEncoded(),
                b.issueLocalhost(KeyKind.EC_P256).chain().leaf().getEncoded());
        a.caCertificate().verify(a.caCertificate().getPublicKey());
        TestPki c = TestPki.create(clock, SeededRandom.of(8, "pki"));
        assertTrue(!Arrays.equals(a.caCertificate().getEncoded(), c.caCertificate().getEncoded()));
    }
}
