package dev.tlsworkbook.handshake.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CertifiedKeyTest {

    @Test
    void refusesAKeyOfAnotherCertificate() {
        CertifiedKey a = Fixtures.localhost(KeyKind.EC_P256);
        CertifiedKey b = Fixtures.pki().issueLocalhost(KeyKind.EC_P256);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CertifiedKey(a.chain(), b.privateKey()));
        assertTrue(e.getMessage().contains("does not match the certificate CN=localhost"), e.getMessage());
    }

    @Test
    void refusesAKeyOfAnotherType() {
        CertifiedKey ec = Fixtures.localhost(KeyKind.EC_P256);
        CertifiedKey ed = Fixtures.localhost(KeyKind.ED25519);
        assertThrows(IllegalArgumentException.class, () -> new CertifiedKey(ec.chain(), ed.privateKey()));
    }

    @Test
    void refusesACertificateWhoseKeyTlsCannotSignWith() throws Exception {
        var x25519 = java.security.KeyPairGenerator.getInstance("X25519").generateKeyPair();
        var certificate = Fixtures.pki().certify("CN=x25519", x25519.getPublic(), List.of("localhost"), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CertifiedKey(CertificateChain.of(certificate), x25519.getPrivate()));
        assertTrue(e.getMessage().startsWith("RFC 8446 §4.4.2.2: CN=x25519 has a XDH key"), e.getMessage());
    }

    @Test
    void toStringHidesTheKey() {
        CertifiedKey key = Fixtures.localhost(KeyKind.EC_P256);
        String text = key.toString();
        assertTrue(text.contains("[redacted]"));
        assertTrue(text.startsWith("CertifiedKey[CertificateChain[CN=localhost], EC key"), text);
        assertFalse(text.contains(key.privateKey().toString()));
    }
}
