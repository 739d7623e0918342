package dev.tlsworkbook.handshake.auth;

import static dev.tlsworkbook.handshake.auth.Fixtures.assertViolation;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.Violation;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 5280 path checks of the verify policy beyond the JDK's PKIX validator, with chains the test
 * PKI generates: CA certificates refused as end entity, path building that backtracks over
 * cross-certificates, bounded path length and signature checks, extended key usage along the path.
 */
class PathBuildingTest {
    private final TestPki pki = Fixtures.pki();
    private final VerifyPolicy policy = TrustPolicy.verify(List.of(pki.caCertificate()), Fixtures.NOW);

    @Test
    void aCaCertificateIsRefusedAsEndEntity() {
        CertifiedKey caFlagged = pki.issueCaFlaggedLocalhost(KeyKind.EC_P256);
        assertViolation(Violation.CA_CERTIFICATE_AS_END_ENTITY, AlertDescription.BAD_CERTIFICATE,
                () -> policy.authenticateServer(caFlagged.chain().certificates(), "localhost"));
    }

    @Test
    void pathBuildingBacktracksToTheCrossCertificateThatLeadsToATrustedRoot() {
        TestPki oldRoot = other("CN=old root", 11);
        TestPki intermediate = oldRoot.intermediate("CN=cross-signed intermediate", KeyKind.EC_P256);
        CertifiedKey leaf = intermediate.issueLocalhost(KeyKind.EC_P256);
        X509Certificate byTrustedRoot = intermediate.crossCertifiedBy(pki);
        // The intermediate under the untrusted root comes first, as servers moving between roots send it.
        List<X509Certificate> presented = List.of(leaf.chain().leaf(), leaf.chain().certificates().get(1), byTrustedRoot);
        PeerAuthentication result = policy.authenticateServer(presented, "localhost");
        assertTrue(result.isTrusted(), result.toString());
    }

    @Test
    void thePathLengthIsBounded() {
        TestPki deep = pki;
        for (int i = 0; i < 3; i++) {
            deep = deep.intermediate("CN=intermediate " + i, KeyKind.EC_P256);
        }
        CertifiedKey leaf = deep.issueLocalhost(KeyKind.EC_P256);
        assertTrue(policy.authenticateServer(leaf.chain().certificates(), "localhost").isTrusted());
        var e = assertViolation(Violation.CERTIFICATE_PATH_LIMIT, AlertDescription.BAD_CERTIFICATE,
                () -> policy.withPathLimits(new PathLimits(2, 100)).authenticateServer(leaf.chain().certificates(), "localhost"));
        assertTrue(e.getMessage().contains("maxIntermediates"), e.getMessage());
    }

    @Test
    void theNumberOfSignatureChecksIsBounded() {
        // Eight cross-certificates of one intermediate from untrusted roots, then the one from the trusted root:
        // each dead end costs a validation, so a tight budget runs out before the good path is reached.
        TestPki intermediate = pki.intermediate("CN=much cross-signed", KeyKind.EC_P256);
        CertifiedKey leaf = intermediate.issueLocalhost(KeyKind.EC_P256);
        List<X509Certificate> presented = new ArrayList<>(List.of(leaf.chain().leaf()));
        for (int i = 0; i < 8; i++) {
            presented.add(intermediate.crossCertifiedBy(other("CN=untrusted root " + i, 20 + i)));
        }
        presented.add(leaf.chain().certificates().get(1));
        assertTrue(policy.authenticateServer(presented, "localhost").isTrusted(), "within the default budget");
        var e = assertViolation(Violation.CERTIFICATE_PATH_LIMIT, AlertDescription.BAD_CERTIFICATE,
                () -> policy.withPathLimits(new PathLimits(6, 10)).authenticateServer(presented, "localhost"));
        assertTrue(e.getMessage().contains("maxSignatureChecks"), e.getMessage());
    }

    @Test
    void extendedKeyUsageIsCheckedAlongThePath() {
        TestPki mailOnly = pki.intermediate("CN=mail-only CA", KeyKind.EC_P256, "1.3.6.1.5.5.7.3.4");
        CertifiedKey leaf = mailOnly.issueLocalhost(KeyKind.EC_P256);
        var e = assertViolation(Violation.CERTIFICATE_NOT_ACCEPTABLE, AlertDescription.BAD_CERTIFICATE,
                () -> policy.authenticateServer(leaf.chain().certificates(), "localhost"));
        assertTrue(e.getMessage().contains("CN=mail-only CA is not for TLS servers"), e.getMessage());
        TestPki serverCa = pki.intermediate("CN=server CA", KeyKind.EC_P256, "1.3.6.1.5.5.7.3.1");
        assertTrue(policy.authenticateServer(serverCa.issueLocalhost(KeyKind.EC_P256).chain().certificates(), "localhost")
                .isTrusted());
    }

    private static TestPki other(String name, long seed) {
        return TestPki.create(name, KeyKind.EC_P256, Fixtures.ISSUE_CLOCK, seeded(seed), Duration.ofDays(30));
    }

    private static java.security.SecureRandom seeded(long seed) {
        try {
            java.security.SecureRandom r = java.security.SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
