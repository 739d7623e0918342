package dev.tlsworkbook.handshake.auth;

import static dev.tlsworkbook.handshake.auth.Fixtures.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.Violation;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FingerprintAndOpportunisticPolicyTest {
    private final CertifiedKey server = Fixtures.localhost(KeyKind.EC_P256);

    @Test
    void theFingerprintOpensslPrintsIsTheOneWePin() throws Exception {
        X509Certificate fixture = Pem.parseCertificates(Fixtures.resource("rsa-pkcs1.crt"), "rsa-pkcs1.crt").get(0);
        String opensslFingerprint = Fixtures.resource("rsa-pkcs1.crt.sha256").strip();
        TrustPolicy pinned = TrustPolicy.fingerprint(opensslFingerprint);
        PeerAuthentication result = pinned.authenticateServer(List.of(fixture), "any.name.at.all");
        PeerAuthentication.Trusted trusted = assertInstanceOf(PeerAuthentication.Trusted.class, result);
        assertEquals("pinned SHA-256 fingerprint " + opensslFingerprint, trusted.verifiedBy());
        assertEquals(FingerprintPolicy.of(fixture), pinned);
    }

    @Test
    void aFingerprintMismatchIsUnknownCa() throws Exception {
        X509Certificate fixture = Pem.parseCertificates(Fixtures.resource("rsa-pkcs1.crt"), "rsa-pkcs1.crt").get(0);
        TrustPolicy pinned = FingerprintPolicy.of(fixture);
        var e = assertViolation(Violation.UNKNOWN_CERTIFICATE_AUTHORITY, AlertDescription.UNKNOWN_CA,
                () -> pinned.authenticateServer(server.chain().certificates(), "localhost"));
        assertTrue(e.getMessage().contains("not the pinned " + Fixtures.resource("rsa-pkcs1.crt.sha256").strip()),
                e.getMessage());
    }

    @Test
    void aFingerprintPinsTheLeafNotTheCa() {
        TrustPolicy pinnedCa = FingerprintPolicy.of(Fixtures.pki().caCertificate());
        assertViolation(Violation.UNKNOWN_CERTIFICATE_AUTHORITY, AlertDescription.UNKNOWN_CA,
                () -> pinnedCa.authenticateServer(server.chain().certificates(), "localhost"));
        assertTrue(FingerprintPolicy.of(server.chain().leaf()).authenticateClient(server.chain().certificates(), true)
                .isTrusted());
    }

    @Test
    void aFingerprintMustBe32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> TrustPolicy.fingerprint("AB:CD"));
    }

    @Test
    void opportunisticMarksThePeerUntrusted() {
        PeerAuthentication result = TrustPolicy.opportunistic().authenticateServer(server.chain().certificates(),
                "wrong.example");
        PeerAuthentication.Untrusted untrusted = assertInstanceOf(PeerAuthentication.Untrusted.class, result);
        assertFalse(result.isTrusted());
        assertEquals(Optional.of("CN=localhost"), result.subject());
        assertEquals(server.chain(), untrusted.chain());
    }

    @Test
    void opportunisticStillFollowsTheProtocolRules() throws Exception {
        assertViolation(Violation.EMPTY_SERVER_CERTIFICATE, AlertDescription.DECODE_ERROR,
                () -> TrustPolicy.opportunistic().authenticateServer(List.of(), "localhost"));
        var x25519 = java.security.KeyPairGenerator.getInstance("X25519").generateKeyPair();
        X509Certificate certificate = Fixtures.pki().certify("CN=x25519", x25519.getPublic(), List.of(), List.of());
        assertViolation(Violation.UNSUPPORTED_CERTIFICATE, AlertDescription.UNSUPPORTED_CERTIFICATE,
                () -> TrustPolicy.opportunistic().authenticateServer(List.of(certificate), "localhost"));
    }
}
