package dev.tlsworkbook.handshake.auth;

import static dev.tlsworkbook.handshake.auth.Fixtures.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.Opaque;
import java.security.PublicKey;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CertificateVerifySignatureTest {
    private static final Opaque HASH = Opaque.filled(32, 0x01);

    @Test
    void contentMatchesTheRfc8446Example() {
        // RFC 8446 §4.4.3: the server content for a transcript hash of 32 bytes of 01
        String expected = "20".repeat(64)
                + "544c5320312e332c207365727665722043657274696669636174655665726966" + "79" + "00" + "01".repeat(32);
        assertEquals(Opaque.fromHex(expected), CertificateVerifySignature.content(Side.SERVER, HASH));
    }

    @Test
    void clientContentUsesTheClientContextString() {
        Opaque content = CertificateVerifySignature.content(Side.CLIENT, HASH);
        assertEquals("TLS 1.3, client CertificateVerify",
                new String(content.slice(64, 33).bytes(), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, content.byteAt(64 + 33));
    }

    static Stream<Arguments> eligibleSchemes() {
        return Stream.of(
                Arguments.of(SignatureScheme.ECDSA_SECP256R1_SHA256, KeyKind.EC_P256),
                Arguments.of(SignatureScheme.ECDSA_SECP384R1_SHA384, KeyKind.EC_P384),
                Arguments.of(SignatureScheme.ECDSA_SECP521R1_SHA512, KeyKind.EC_P521),
                Arguments.of(SignatureScheme.RSA_PSS_RSAE_SHA256, KeyKind.RSA_2048),
                Arguments.of(SignatureScheme.RSA_PSS_RSAE_SHA384, KeyKind.RSA_2048),
                Arguments.of(SignatureScheme.RSA_PSS_RSAE_SHA512, KeyKind.RSA_2048),
                Arguments.of(SignatureScheme.ED25519, KeyKind.ED25519),
                Arguments.of(SignatureScheme.ED448, KeyKind.ED448),
                Arguments.of(SignatureScheme.RSA_PSS_PSS_SHA256, KeyKind.RSASSA_PSS_2048),
                Arguments.of(SignatureScheme.RSA_PSS_PSS_SHA384, KeyKind.RSASSA_PSS_2048),
                Arguments.of(SignatureScheme.RSA_PSS_PSS_SHA512, KeyKind.RSASSA_PSS_2048));
    }

    @Test
    void theRoundTripTableCoversEveryEligibleScheme() {
        EnumSet<SignatureScheme> covered = EnumSet.noneOf(SignatureScheme.class);
        eligibleSchemes().forEach(a -> covered.add((SignatureScheme) a.get()[0]));
        for (SignatureScheme scheme : SignatureScheme.values()) {
            assertEquals(scheme.allowedInTls13CertificateVerify(), covered.contains(scheme), scheme.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("eligibleSchemes")
    void signaturesRoundTripForBothSides(SignatureScheme scheme, KeyKind kind) {
        CertifiedKey key = Fixtures.localhost(kind);
        for (Side side : Side.values()) {
            Opaque signature = CertificateVerifySignature.sign(scheme, key.privateKey(), HASH, side, Fixtures.random());
            CertificateVerifySignature.verify(scheme, key.chain().publicKey(), HASH, side, signature);
            assertEquals(scheme, CertificateVerifySignature.verify(scheme.code(), List.of(scheme),
                    key.chain().publicKey(), HASH, side, signature));
        }
    }

    @ParameterizedTest
    @MethodSource("eligibleSchemes")
    void aTamperedSignatureIsDecryptError(SignatureScheme scheme, KeyKind kind) {
        CertifiedKey key = Fixtures.localhost(kind);
        byte[] signature = CertificateVerifySignature.sign(scheme, key.privateKey(), HASH, Side.SERVER).bytes();
        signature[signature.length / 2] ^= 0x01;
        assertViolation(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE, AlertDescription.DECRYPT_ERROR,
                () -> CertificateVerifySignature.verify(scheme, key.chain().publicKey(), HASH, Side.SERVER,
                        Opaque.of(signature)));
    }

    @Test
    void aSignatureOverAnotherTranscriptOrSideIsDecryptError() {
        CertifiedKey key = Fixtures.localhost(KeyKind.EC_P256);
        SignatureScheme scheme = SignatureScheme.ECDSA_SECP256R1_SHA256;
        PublicKey publicKey = key.chain().publicKey();
        Opaque signature = CertificateVerifySignature.sign(scheme, key.privateKey(), HASH, Side.SERVER);
        assertViolation(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE, AlertDescription.DECRYPT_ERROR,
                () -> CertificateVerifySignature.verify(scheme, publicKey, HASH, Side.CLIENT, signature));
        assertViolation(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE, AlertDescription.DECRYPT_ERROR,
                () -> CertificateVerifySignature.verify(scheme, publicKey, Opaque.filled(32, 0x02), Side.SERVER, signature));
    }

    @Test
    void malformedAndEmptySignaturesAreDecryptError() {
        CertifiedKey ec = Fixtures.localhost(KeyKind.EC_P256);
        CertifiedKey rsa = Fixtures.localhost(KeyKind.RSA_2048);
        assertViolation(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE, AlertDescription.DECRYPT_ERROR,
                () -> CertificateVerifySignature.verify(SignatureScheme.ECDSA_SECP256R1_SHA256, ec.chain().publicKey(),
                        HASH, Side.SERVER, Opaque.fromHex("3006020101020101ff")));
        assertViolation(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE, AlertDescription.DECRYPT_ERROR,
                () -> CertificateVerifySignature.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, rsa.chain().publicKey(),
                        HASH, Side.SERVER, Opaque.EMPTY));
    }

    @Test
    void rsaPkcs1IsRefusedForCertificateVerify() {
        CertifiedKey rsa = Fixtures.localhost(KeyKind.RSA_2048);
        assertThrows(IllegalArgumentException.class, () -> CertificateVerifySignature.sign(
                SignatureScheme.RSA_PKCS1_SHA256, rsa.privateKey(), HASH, Side.SERVER));
        assertViolation(Violation.SIGNATURE_SCHEME_NOT_ALLOWED, AlertDescription.ILLEGAL_PARAMETER,
                () -> CertificateVerifySignature.verify(SignatureScheme.RSA_PKCS1_SHA256, rsa.chain().publicKey(), HASH,
                        Side.SERVER, Opaque.filled(256, 1)));
    }

    @Test
    void anEcdsaSchemeForAnotherCurveIsIllegalParameter() {
        CertifiedKey p384 = Fixtures.localhost(KeyKind.EC_P384);
        assertThrows(IllegalArgumentException.class, () -> CertificateVerifySignature.sign(
                SignatureScheme.ECDSA_SECP256R1_SHA256, p384.privateKey(), HASH, Side.SERVER));
        Opaque signature = CertificateVerifySignature.sign(SignatureScheme.ECDSA_SECP384R1_SHA384, p384.privateKey(),
                HASH, Side.SERVER);
        assertViolation(Violation.SIGNATURE_SCHEME_NOT_ALLOWED, AlertDescription.ILLEGAL_PARAMETER,
                () -> CertificateVerifySignature.verify(SignatureScheme.ECDSA_SECP256R1_SHA256, p384.chain().publicKey(),
                        HASH, Side.SERVER, signature));
    }

    @Test
    void aSchemeForAnotherKeyTypeIsIllegalParameter() {
        CertifiedKey ed = Fixtures.localhost(KeyKind.ED25519);
        Opaque signature = CertificateVerifySignature.sign(SignatureScheme.ED25519, ed.privateKey(), HASH, Side.SERVER);
        assertViolation(Violation.SIGNATURE_SCHEME_NOT_ALLOWED, AlertDescription.ILLEGAL_PARAMETER,
                () -> CertificateVerifySignature.verify(SignatureScheme.ED448, ed.chain().publicKey(), HASH,
                        Side.SERVER, signature));
    }

    @Test
    void aSchemeWeDidNotOfferIsIllegalParameterEvenWhenTheSignatureIsGood() {
        CertifiedKey ed = Fixtures.localhost(KeyKind.ED25519);
        Opaque signature = CertificateVerifySignature.sign(SignatureScheme.ED25519, ed.privateKey(), HASH, Side.SERVER);
        var e = assertViolation(Violation.SIGNATURE_SCHEME_NOT_ALLOWED, AlertDescription.ILLEGAL_PARAMETER,
                () -> CertificateVerifySignature.verify(0x0807, List.of(SignatureScheme.ECDSA_SECP256R1_SHA256),
                        ed.chain().publicKey(), HASH, Side.SERVER, signature));
        assertEquals(true, e.getMessage().contains("ED25519(0x0807)"), e.getMessage());
        assertViolation(Violation.SIGNATURE_SCHEME_NOT_ALLOWED, AlertDescription.ILLEGAL_PARAMETER,
                () -> CertificateVerifySignature.verify(0x0a0a, List.of(SignatureScheme.ED25519),
                        ed.chain().publicKey(), HASH, Side.SERVER, signature));
    }

    @Test
    void chooseSchemeFollowsThePeersOrderAndSkipsGreaseUnknownAndPkcs1() {
        PublicKey rsa = Fixtures.localhost(KeyKind.RSA_2048).chain().publicKey();
        PublicKey ec = Fixtures.localhost(KeyKind.EC_P256).chain().publicKey();
        List<Integer> offered = List.of(0x0a0a, 0x0401, 0xfe01, 0x0805, 0x0804, 0x0403);
        assertEquals(Optional.of(SignatureScheme.RSA_PSS_RSAE_SHA384), CertificateVerifySignature.chooseScheme(rsa, offered));
        assertEquals(Optional.of(SignatureScheme.ECDSA_SECP256R1_SHA256), CertificateVerifySignature.chooseScheme(ec, offered));
        assertEquals(Optional.empty(), CertificateVerifySignature.chooseScheme(rsa, List.of(0x0401, 0x0201, 0x0403)));
        assertEquals(Optional.empty(), CertificateVerifySignature.chooseScheme(ec, List.of(0x0503, 0x0203)));
    }

    @Test
    void verifiesSignaturesMadeByOpenssl() throws Exception {
        int verified = 0;
        for (String line : Fixtures.resource("openssl-certificate-verify.txt").split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] fields = line.split(" ");
            SignatureScheme scheme = SignatureScheme.valueOf(fields[0].toUpperCase(java.util.Locale.ROOT));
            PublicKey key = Pem.parseCertificates(Fixtures.resource(fields[1] + ".crt"), fields[1]).get(0).getPublicKey();
            Opaque signature = Opaque.of(Hex.decode(fields[2]));
            CertificateVerifySignature.verify(scheme, key, HASH, Side.SERVER, signature);
            assertViolation(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE, AlertDescription.DECRYPT_ERROR,
                    () -> CertificateVerifySignature.verify(scheme, key, HASH, Side.CLIENT, signature));
            verified++;
        }
        assertEquals(3, verified);
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA_3072", "RSA_4096"})
    void largerRsaKeysSignAndVerify(KeyKind kind) {
        var keys = kind.generate(Fixtures.random());
        Opaque signature = CertificateVerifySignature.sign(SignatureScheme.RSA_PSS_RSAE_SHA512, keys.getPrivate(), HASH,
                Side.CLIENT);
        assertEquals(kind == KeyKind.RSA_3072 ? 384 : 512, signature.length());
        CertificateVerifySignature.verify(SignatureScheme.RSA_PSS_RSAE_SHA512, keys.getPublic(), HASH, Side.CLIENT,
                signature);
    }
}
