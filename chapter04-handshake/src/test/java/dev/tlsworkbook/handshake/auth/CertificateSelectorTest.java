package dev.tlsworkbook.handshake.auth;

import static dev.tlsworkbook.handshake.auth.Fixtures.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateSelectorTest {
    private static final Optional<String> LOCALHOST = Optional.of("localhost");
    private final CertifiedKey rsa = Fixtures.localhost(KeyKind.RSA_2048);
    private final CertifiedKey ecdsa = Fixtures.localhost(KeyKind.EC_P256);
    /** Like {@code openssl s_server -cert rsa.pem -dcert ecdsa.pem}. */
    private final CertificateSelector selector = CertificateSelector.of(rsa, ecdsa);

    @Test
    void picksEcdsaForAnEcdsaOnlyClient() {
        SelectedCertificate selected = selector.select(LOCALHOST, List.of(0x0403), Optional.empty());
        assertSame(ecdsa, selected.certifiedKey());
        assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, selected.scheme());
        assertTrue(selected.serverNameMatched());
        assertTrue(selected.chainSignaturesOffered());
    }

    @Test
    void picksRsaPssForAnRsaOnlyClient() {
        SelectedCertificate selected = selector.select(LOCALHOST, List.of(0x0401, 0x0804, 0x0601), Optional.empty());
        assertSame(rsa, selected.certifiedKey());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, selected.scheme());
        // The chain is signed by the P-256 CA, which this client did not list: still the only fit.
        assertFalse(selected.chainSignaturesOffered());
    }

    @Test
    void ignoresGreaseAndUnknownCodes() {
        SelectedCertificate selected = selector.select(LOCALHOST, List.of(0x0a0a, 0xfe00, 0x0807, 0x0403),
                Optional.empty());
        assertSame(ecdsa, selected.certifiedKey());
    }

    @Test
    void prefersTheCertificateMatchingServerName() {
        CertifiedKey a = Fixtures.pki().issue("CN=a", KeyKind.EC_P256, List.of("a.example"), List.of());
        CertifiedKey b = Fixtures.pki().issue("CN=b", KeyKind.EC_P256, List.of("b.example"), List.of());
        CertificateSelector byName = CertificateSelector.of(a, b);
        assertSame(b, byName.select(Optional.of("b.example"), List.of(0x0403), Optional.empty()).certifiedKey());
        assertSame(a, byName.select(Optional.of("a.example"), List.of(0x0403), Optional.empty()).certifiedKey());
        SelectedCertificate fallback = byName.select(Optional.of("c.example"), List.of(0x0403), Optional.empty());
        assertSame(a, fallback.certifiedKey());
        assertFalse(fallback.serverNameMatched());
    }

    @Test
    void aStrictSelectorRefusesAnUnknownServerName() {
        assertViolation(Violation.UNRECOGNIZED_SERVER_NAME, AlertDescription.UNRECOGNIZED_NAME,
                () -> selector.requiringServerNameMatch().select(Optional.of("other.example"), List.of(0x0403),
                        Optional.empty()));
        assertSame(ecdsa, selector.requiringServerNameMatch().select(LOCALHOST, List.of(0x0403), Optional.empty())
                .certifiedKey());
    }

    @Test
    void prefersAChainSignedWithSchemesInSignatureAlgorithmsCert() {
        TestPki rsaPki = TestPki.create("CN=RSA CA", KeyKind.RSA_2048, Fixtures.ISSUE_CLOCK, Fixtures.random(),
                java.time.Duration.ofDays(30));
        CertifiedKey ecdsaUnderRsa = rsaPki.issueLocalhost(KeyKind.EC_P256);
        CertificateSelector two = CertificateSelector.of(ecdsaUnderRsa, ecdsa);
        // signature_algorithms_cert lists only rsa_pkcs1_sha256: the chain signed by the RSA CA fits
        SelectedCertificate selected = two.select(LOCALHOST, List.of(0x0403), Optional.of(List.of(0x0401)));
        assertSame(ecdsaUnderRsa, selected.certifiedKey());
        assertTrue(selected.chainSignaturesOffered());
        // without signature_algorithms_cert, signature_algorithms (ECDSA only) applies to the chain too
        assertSame(ecdsa, two.select(LOCALHOST, List.of(0x0403), Optional.empty()).certifiedKey());
    }

    @Test
    void failsWithHandshakeFailureListingWhatEachSideOffered() {
        var e = assertViolation(Violation.NO_COMMON_SIGNATURE_SCHEME, AlertDescription.HANDSHAKE_FAILURE,
                () -> selector.select(LOCALHOST, List.of(0x0401, 0x0a0a, 0x0807), Optional.of(List.of(0x0401))));
        String message = e.getMessage();
        assertTrue(message.contains("client signature_algorithms [RSA_PKCS1_SHA256(0x0401), 0x0a0a, ED25519(0x0807)]"),
                message);
        assertTrue(message.contains("signature_algorithms_cert [RSA_PKCS1_SHA256(0x0401)]"), message);
        assertTrue(message.contains("CN=localhost (RSA 2048-bit key, can sign with RSA_PSS_RSAE_SHA256(0x0804)"), message);
        assertTrue(message.contains("CN=localhost (EC key on secp256r1, can sign with ECDSA_SECP256R1_SHA256(0x0403))"),
                message);
    }

    @Test
    void anEmptyOfferFailsToo() {
        assertViolation(Violation.NO_COMMON_SIGNATURE_SCHEME, AlertDescription.HANDSHAKE_FAILURE,
                () -> selector.select(Optional.empty(), List.of(), Optional.empty()));
    }

    @Test
    void picksEdDsaAndRsaPssPssKeysByTheirSchemes() {
        CertifiedKey ed = Fixtures.localhost(KeyKind.ED25519);
        CertifiedKey pss = Fixtures.localhost(KeyKind.RSASSA_PSS_2048);
        CertificateSelector many = CertificateSelector.of(rsa, pss, ed);
        assertEquals(SignatureScheme.ED25519, many.select(LOCALHOST, List.of(0x0807), Optional.empty()).scheme());
        SelectedCertificate selected = many.select(LOCALHOST, List.of(0x080a), Optional.empty());
        assertSame(pss, selected.certifiedKey());
        assertEquals(SignatureScheme.RSA_PSS_PSS_SHA384, selected.scheme());
    }
}
