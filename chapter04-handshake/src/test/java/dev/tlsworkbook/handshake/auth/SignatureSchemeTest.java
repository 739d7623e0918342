package dev.tlsworkbook.handshake.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureSchemeTest {

    @ParameterizedTest
    @CsvSource({
        "RSA_PKCS1_SHA256, 0x0401", "RSA_PKCS1_SHA384, 0x0501", "RSA_PKCS1_SHA512, 0x0601",
        "ECDSA_SECP256R1_SHA256, 0x0403", "ECDSA_SECP384R1_SHA384, 0x0503", "ECDSA_SECP521R1_SHA512, 0x0603",
        "RSA_PSS_RSAE_SHA256, 0x0804", "RSA_PSS_RSAE_SHA384, 0x0805", "RSA_PSS_RSAE_SHA512, 0x0806",
        "ED25519, 0x0807", "ED448, 0x0808",
        "RSA_PSS_PSS_SHA256, 0x0809", "RSA_PSS_PSS_SHA384, 0x080a", "RSA_PSS_PSS_SHA512, 0x080b",
        "RSA_PKCS1_SHA1, 0x0201", "ECDSA_SHA1, 0x0203"
    })
    void carriesTheRfc8446CodePoints(SignatureScheme scheme, String code) {
        int value = Integer.decode(code);
        assertEquals(value, scheme.code());
        assertEquals(Optional.of(scheme), SignatureScheme.fromCode(value));
    }

    @Test
    void codesAreUnique() {
        Set<Integer> codes = new HashSet<>();
        for (SignatureScheme scheme : SignatureScheme.values()) {
            assertTrue(codes.add(scheme.code()), "duplicate " + scheme);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0a0a, 0x1a1a, 0xfafa, 0xfe00, 0xffff, 0x0000, 0x0202, 0x0402})
    void unknownGreaseAndPrivateCodesAreEmpty(int code) {
        assertEquals(Optional.empty(), SignatureScheme.fromCode(code));
    }

    @Test
    void pkcs1AndSha1SchemesAreNeverAllowedInTls13CertificateVerify() {
        Set<SignatureScheme> forbidden = EnumSet.of(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
                SignatureScheme.RSA_PKCS1_SHA512, SignatureScheme.RSA_PKCS1_SHA1, SignatureScheme.ECDSA_SHA1,
                SignatureScheme.RSA_PKCS1_SHA224, SignatureScheme.ECDSA_SHA224);
        for (SignatureScheme scheme : SignatureScheme.values()) {
            assertEquals(!forbidden.contains(scheme), scheme.allowedInTls13CertificateVerify(), scheme.toString());
        }
    }

    @ParameterizedTest
    @CsvSource({"RSA_PSS_RSAE_SHA256, SHA-256, 32", "RSA_PSS_RSAE_SHA384, SHA-384, 48",
        "RSA_PSS_RSAE_SHA512, SHA-512, 64", "RSA_PSS_PSS_SHA256, SHA-256, 32", "RSA_PSS_PSS_SHA384, SHA-384, 48",
        "RSA_PSS_PSS_SHA512, SHA-512, 64"})
    void pssUsesMgf1WithTheSameHashAndASaltAsLongAsTheHash(SignatureScheme scheme, String hash, int saltLength) {
        PSSParameterSpec pss = (PSSParameterSpec) scheme.jcaParameters().orElseThrow();
        assertEquals(hash, pss.getDigestAlgorithm());
        assertEquals("MGF1", pss.getMGFAlgorithm());
        assertEquals(hash, ((MGF1ParameterSpec) pss.getMGFParameters()).getDigestAlgorithm());
        assertEquals(saltLength, pss.getSaltLength());
        assertEquals(1, pss.getTrailerField());
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void everySchemeHasAWorkingJcaSignature(SignatureScheme scheme) throws Exception {
        assertEquals(scheme.jcaParameters().isPresent(), scheme.jcaAlgorithm().equals("RSASSA-PSS"));
        assertEquals(scheme.jcaAlgorithm(), scheme.newSignature().getAlgorithm());
    }

    @Test
    void ecdsaSchemesNameTheirCurveOnlyInTls13() {
        assertEquals(Optional.of("secp256r1"), SignatureScheme.ECDSA_SECP256R1_SHA256.curve());
        assertEquals(Optional.of("secp384r1"), SignatureScheme.ECDSA_SECP384R1_SHA384.curve());
        assertEquals(Optional.of("secp521r1"), SignatureScheme.ECDSA_SECP521R1_SHA512.curve());
        assertEquals(Optional.empty(), SignatureScheme.ECDSA_SHA1.curve());
    }

    @Test
    void rsaePssAndPkcs1SchemesFitRsaKeysButNotPssKeys() {
        CertifiedKey rsa = Fixtures.localhost(KeyKind.RSA_2048);
        CertifiedKey pss = Fixtures.localhost(KeyKind.RSASSA_PSS_2048);
        assertTrue(SignatureScheme.RSA_PSS_RSAE_SHA256.fitsTls13Key(rsa.chain().publicKey()));
        assertFalse(SignatureScheme.RSA_PSS_RSAE_SHA256.fitsTls13Key(pss.chain().publicKey()));
        assertTrue(SignatureScheme.RSA_PSS_PSS_SHA256.fitsTls13Key(pss.chain().publicKey()));
        assertFalse(SignatureScheme.RSA_PSS_PSS_SHA256.fitsTls13Key(rsa.chain().publicKey()));
    }

    @Test
    void printsNameAndHexCode() {
        assertEquals("RSA_PSS_PSS_SHA384(0x080a)", SignatureScheme.RSA_PSS_PSS_SHA384.toString());
    }
}
