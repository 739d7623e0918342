package dev.tlsworkbook.handshake.auth;

import static dev.tlsworkbook.handshake.auth.Fixtures.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.Violation;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyPolicyTest {
    private final TestPki pki = Fixtures.pki();
    private final CertifiedKey server = Fixtures.localhost(KeyKind.EC_P256);
    private final VerifyPolicy policy = TrustPolicy.verify(List.of(pki.caCertificate()), Fixtures.NOW);

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private List<X509Certificate> presented() {
        return server.chain().certificates();
    }

    @Test
    void trustsAValidChainForItsName() {
        PeerAuthentication result = policy.authenticateServer(presented(), "localhost");
        PeerAuthentication.Trusted trusted = assertInstanceOf(PeerAuthentication.Trusted.class, result);
        assertEquals(Optional.of("CN=localhost"), result.subject());
        assertEquals("PKIX path to CN=tls-workbook test CA, name localhost", trusted.verifiedBy());
        assertTrue(policy.authenticateServer(presented(), "127.0.0.1").isTrusted());
    }

    @Test
    void trustsAChainThroughAnIntermediateInAnyOrder() {
        TestPki intermediate = pki.intermediate("CN=tls-workbook intermediate", KeyKind.EC_P384);
        CertifiedKey leaf = intermediate.issueLocalhost(KeyKind.ED25519);
        X509Certificate inter = leaf.chain().certificates().get(1);
        X509Certificate unrelated = Fixtures.localhost(KeyKind.RSA_2048).chain().leaf();
        assertTrue(policy.authenticateServer(List.of(leaf.chain().leaf(), inter), "localhost").isTrusted());
        assertTrue(policy.authenticateServer(List.of(leaf.chain().leaf(), unrelated, pki.caCertificate(), inter),
                "localhost").isTrusted());
    }

    @Test
    void anIntermediateThatIsMissingIsUnknownCa() {
        CertifiedKey leaf = pki.intermediate("CN=missing intermediate", KeyKind.EC_P256).issueLocalhost(KeyKind.EC_P256);
        var e = assertViolation(Violation.UNKNOWN_CERTIFICATE_AUTHORITY, AlertDescription.UNKNOWN_CA,
                () -> policy.authenticateServer(List.of(leaf.chain().leaf()), "localhost"));
        assertTrue(e.getMessage().contains("issued by CN=missing intermediate, which is not trusted"), e.getMessage());
    }

    @Test
    void aChainFromAnotherCaIsUnknownCa() {
        TestPki other = TestPki.create("CN=Other CA", KeyKind.EC_P256, Fixtures.ISSUE_CLOCK, Fixtures.random(),
                Duration.ofDays(30));
        CertifiedKey stranger = other.issueLocalhost(KeyKind.EC_P256);
        var e = assertViolation(Violation.UNKNOWN_CERTIFICATE_AUTHORITY, AlertDescription.UNKNOWN_CA,
                () -> policy.authenticateServer(stranger.chain().certificates(), "localhost"));
        assertEquals("RFC 5280 §6.1: certificate CN=localhost was issued by CN=Other CA, which is not trusted "
                + "(1 configured CA certificate(s))", e.getMessage());
        // sending the untrusted root along does not help
        assertViolation(Violation.UNKNOWN_CERTIFICATE_AUTHORITY, AlertDescription.UNKNOWN_CA,
                () -> policy.authenticateServer(List.of(stranger.chain().leaf(), other.caCertificate()), "localhost"));
    }

    @Test
    void theJdkTrustStoreDoesNotKnowOurTestCa() {
        VerifyPolicy jdk = TrustPolicy.verify(Fixtures.NOW);
        assertViolation(Violation.UNKNOWN_CERTIFICATE_AUTHORITY, AlertDescription.UNKNOWN_CA,
                () -> jdk.authenticateServer(presented(), "localhost"));
    }

    @Test
    void aSelfSignedCertificateIsUnknownCa() throws Exception {
        X509Certificate selfSigned = Pem.parseCertificates(Fixtures.resource("ec-sec1.crt"), "ec-sec1.crt").get(0);
        Clock whileValid = at(selfSigned.getNotBefore().toInstant().plusSeconds(60));
        assertViolation(Violation.UNKNOWN_CERTIFICATE_AUTHORITY, AlertDescription.UNKNOWN_CA,
                () -> policy.withClock(whileValid).authenticateServer(List.of(selfSigned), "fixture.example"));
    }

    @Test
    void trustsCasFromAPemFile(@TempDir Path dir) throws Exception {
        Path caFile = dir.resolve("ca.pem");
        pki.writeCaPem(caFile);
        assertTrue(TrustPolicy.verify(caFile, Fixtures.NOW).authenticateServer(presented(), "localhost").isTrusted());
    }

    @Test
    void anExpiredCertificateIsCertificateExpired() {
        Instant notAfter = server.chain().leaf().getNotAfter().toInstant();
        var e = assertViolation(Violation.CERTIFICATE_EXPIRED, AlertDescription.CERTIFICATE_EXPIRED,
                () -> policy.withClock(at(notAfter.plusSeconds(1))).authenticateServer(presented(), "localhost"));
        assertEquals("RFC 5280 §4.1.2.5: certificate CN=localhost expired at 2026-02-14T12:00:00Z "
                + "(now 2026-02-14T12:00:01Z)", e.getMessage());
        assertTrue(policy.withClock(at(notAfter)).authenticateServer(presented(), "localhost").isTrusted());
    }

    @Test
    void aNotYetValidCertificateIsCertificateExpired() {
        var e = assertViolation(Violation.CERTIFICATE_EXPIRED, AlertDescription.CERTIFICATE_EXPIRED,
                () -> policy.withClock(at(Fixtures.ISSUED.minusSeconds(60))).authenticateServer(presented(), "localhost"));
        assertTrue(e.getMessage().contains("is not valid before 2026-01-15T12:00:00Z"), e.getMessage());
    }

    @Test
    void aClockSkewAllowanceAcceptsASlightlyEarlyOrLateClock() {
        Instant early = Fixtures.ISSUED.minus(Duration.ofMinutes(2));
        Instant late = server.chain().leaf().getNotAfter().toInstant().plus(Duration.ofMinutes(2));
        VerifyPolicy forgiving = policy.withClockSkew(Duration.ofMinutes(5));
        assertTrue(forgiving.withClock(at(early)).authenticateServer(presented(), "localhost").isTrusted());
        assertTrue(forgiving.withClock(at(late)).authenticateServer(presented(), "localhost").isTrusted());
        VerifyPolicy strictish = policy.withClockSkew(Duration.ofMinutes(1));
        assertViolation(Violation.CERTIFICATE_EXPIRED, AlertDescription.CERTIFICATE_EXPIRED,
                () -> strictish.withClock(at(early)).authenticateServer(presented(), "localhost"));
        assertEquals(Duration.ZERO, policy.clockSkew());
    }

    @Test
    void aNameNotInTheSanIsBadCertificate() {
        var e = assertViolation(Violation.CERTIFICATE_NAME_MISMATCH, AlertDescription.BAD_CERTIFICATE,
                () -> policy.authenticateServer(presented(), "www.example.com"));
        assertTrue(e.getMessage().contains("name www.example.com not in SAN [DNS:localhost"), e.getMessage());
    }

    @Test
    void aBrokenSignatureInTheChainIsBadCertificate() throws Exception {
        TestPki intermediate = pki.intermediate("CN=tls-workbook intermediate", KeyKind.EC_P256);
        CertifiedKey leaf = intermediate.issueLocalhost(KeyKind.EC_P256);
        X509Certificate tampered = tamperSignature(leaf.chain().leaf());
        var e = assertViolation(Violation.BAD_CERTIFICATE_SIGNATURE, AlertDescription.BAD_CERTIFICATE,
                () -> policy.authenticateServer(List.of(tampered, leaf.chain().certificates().get(1)), "localhost"));
        assertTrue(e.getMessage().contains("certificate CN=localhost has a signature that does not verify"),
                e.getMessage());
    }

    @Test
    void aBrokenSignatureByTheTrustAnchorIsBadCertificate() throws Exception {
        X509Certificate tampered = tamperSignature(server.chain().leaf());
        assertViolation(Violation.BAD_CERTIFICATE_SIGNATURE, AlertDescription.BAD_CERTIFICATE,
                () -> policy.authenticateServer(List.of(tampered), "localhost"));
    }

    @Test
    void aClientOnlyCertificateCannotAuthenticateAServer() {
        CertifiedKey client = pki.issueClient("CN=bob", KeyKind.EC_P256);
        assertTrue(policy.authenticateClient(client.chain().certificates(), true).isTrusted());
        var e = assertViolation(Violation.CERTIFICATE_NOT_ACCEPTABLE, AlertDescription.BAD_CERTIFICATE,
                () -> policy.evaluate(client.chain(), Optional.of("localhost"), Side.SERVER));
        assertEquals("RFC 5280 §4.2.1.12: certificate CN=bob is not for TLS servers (extended key usage "
                + "[1.3.6.1.5.5.7.3.2])", e.getMessage());
    }

    @Test
    void aCaCertificateWithoutDigitalSignatureCannotBeAnEndEntity() {
        X509Certificate intermediate = pki.intermediate("CN=just a CA", KeyKind.EC_P256).issuer().chain().leaf();
        var e = assertViolation(Violation.CERTIFICATE_NOT_ACCEPTABLE, AlertDescription.BAD_CERTIFICATE,
                () -> policy.authenticateClient(List.of(intermediate), true));
        assertTrue(e.getMessage().contains("has a key usage without digitalSignature"), e.getMessage());
    }

    @Test
    void aSha1SignedCertificateIsBadCertificate() throws Exception {
        X509Certificate ca = Pem.parseCertificates(Fixtures.resource("sha1-ca.crt"), "sha1-ca.crt").get(0);
        X509Certificate leaf = Pem.parseCertificates(Fixtures.resource("sha1-leaf.crt"), "sha1-leaf.crt").get(0);
        VerifyPolicy trustingSha1Ca = TrustPolicy.verify(List.of(ca),
                at(leaf.getNotBefore().toInstant().plusSeconds(60)));
        var e = assertViolation(Violation.CERTIFICATE_NOT_ACCEPTABLE, AlertDescription.BAD_CERTIFICATE,
                () -> trustingSha1Ca.authenticateServer(List.of(leaf), "sha1.example"));
        assertEquals("RFC 8446 §4.4.2.4: certificate CN=sha1.example is signed with SHA1withECDSA", e.getMessage());
    }

    @Test
    void aKeyTlsCannotSignWithIsUnsupportedCertificate() throws Exception {
        var x25519 = java.security.KeyPairGenerator.getInstance("X25519").generateKeyPair();
        X509Certificate certificate = pki.certify("CN=x25519", x25519.getPublic(), List.of("localhost"), List.of());
        assertViolation(Violation.UNSUPPORTED_CERTIFICATE, AlertDescription.UNSUPPORTED_CERTIFICATE,
                () -> policy.authenticateServer(List.of(certificate), "localhost"));
    }

    @Test
    void anEmptyServerCertificateIsDecodeError() {
        assertViolation(Violation.EMPTY_SERVER_CERTIFICATE, AlertDescription.DECODE_ERROR,
                () -> policy.authenticateServer(List.of(), "localhost"));
    }

    @Test
    void anEmptyClientCertificateIsAnonymousUnlessRequired() {
        assertEquals(new PeerAuthentication.Anonymous(), policy.authenticateClient(List.of(), false));
        assertEquals(Optional.empty(), policy.authenticateClient(List.of(), false).subject());
        assertViolation(Violation.CLIENT_CERTIFICATE_REQUIRED, AlertDescription.CERTIFICATE_REQUIRED,
                () -> policy.authenticateClient(List.of(), true));
    }

    @Test
    void aClientCertificateIsVerifiedWithoutAName() {
        CertifiedKey client = pki.issue("CN=alice", KeyKind.ED25519, List.of(), List.of());
        PeerAuthentication result = policy.authenticateClient(client.chain().certificates(), true);
        assertTrue(result.isTrusted());
        assertEquals(Optional.of("CN=alice"), result.subject());
    }

    static X509Certificate tamperSignature(X509Certificate certificate) throws Exception {
        byte[] der = certificate.getEncoded();
        // The signature BIT STRING ends the DER; flipping its last byte keeps the structure valid.
        der[der.length - 1] ^= 0x01;
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
