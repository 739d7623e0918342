package dev.tlsworkbook.handshake.auth;

import static dev.tlsworkbook.handshake.auth.Fixtures.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateChainTest {

    @Test
    void certDataRoundTripsThroughDer() {
        CertificateChain chain = Fixtures.pki().intermediate("CN=Intermediate", KeyKind.EC_P256)
                .issueLocalhost(KeyKind.EC_P256).chain();
        List<Opaque> encoded = chain.encoded();
        assertEquals(2, encoded.size());
        assertEquals(chain, new CertificateChain(CertificateChain.parse(encoded)));
        assertEquals(List.of(), CertificateChain.parse(List.of()));
    }

    @Test
    void corruptCertDataIsBadCertificate() {
        Opaque good = Fixtures.localhost(KeyKind.EC_P256).chain().encoded().get(0);
        var e = assertViolation(Violation.CERTIFICATE_NOT_ACCEPTABLE, AlertDescription.BAD_CERTIFICATE,
                () -> CertificateChain.parse(List.of(good, good.slice(0, good.length() - 10))));
        assertEquals("RFC 8446 §4.4.2: certificate entry 1 (" + (good.length() - 10)
                + " bytes) is not an X.509 certificate", e.getMessage());
        assertViolation(Violation.CERTIFICATE_NOT_ACCEPTABLE, AlertDescription.BAD_CERTIFICATE,
                () -> CertificateChain.parse(List.of(Opaque.fromHex("3000"))));
    }

    @Test
    void anEmptyChainIsNotAChain() {
        assertThrows(IllegalArgumentException.class, () -> new CertificateChain(List.of()));
    }
}
