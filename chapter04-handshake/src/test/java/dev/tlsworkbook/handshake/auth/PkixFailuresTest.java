package dev.tlsworkbook.handshake.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.Violation;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertPathValidatorException.Reason;
import java.security.cert.PKIXReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PkixFailuresTest {

    @Test
    void mapsEveryPkixReasonToAnRfc8446Alert() {
        Map<Reason, AlertDescription> expected = new java.util.HashMap<>();
        expected.put(BasicReason.EXPIRED, AlertDescription.CERTIFICATE_EXPIRED);
        expected.put(BasicReason.NOT_YET_VALID, AlertDescription.CERTIFICATE_EXPIRED);
        expected.put(BasicReason.REVOKED, AlertDescription.CERTIFICATE_REVOKED);
        expected.put(BasicReason.UNDETERMINED_REVOCATION_STATUS, AlertDescription.CERTIFICATE_UNKNOWN);
        expected.put(BasicReason.INVALID_SIGNATURE, AlertDescription.BAD_CERTIFICATE);
        expected.put(BasicReason.ALGORITHM_CONSTRAINED, AlertDescription.BAD_CERTIFICATE);
        expected.put(BasicReason.UNSPECIFIED, AlertDescription.CERTIFICATE_UNKNOWN);
        expected.put(PKIXReason.NO_TRUST_ANCHOR, AlertDescription.UNKNOWN_CA);
        expected.put(PKIXReason.UNRECOGNIZED_CRIT_EXT, AlertDescription.UNSUPPORTED_CERTIFICATE);
        expected.put(PKIXReason.NAME_CHAINING, AlertDescription.BAD_CERTIFICATE);
        expected.put(PKIXReason.NOT_CA_CERT, AlertDescription.BAD_CERTIFICATE);
        expected.put(PKIXReason.PATH_TOO_LONG, AlertDescription.BAD_CERTIFICATE);
        expected.put(PKIXReason.INVALID_KEY_USAGE, AlertDescription.BAD_CERTIFICATE);
        expected.put(PKIXReason.INVALID_POLICY, AlertDescription.BAD_CERTIFICATE);
        expected.put(PKIXReason.INVALID_NAME, AlertDescription.BAD_CERTIFICATE);
        assertEquals(BasicReason.values().length + PKIXReason.values().length, expected.size());
        expected.forEach((reason, alert) ->
                assertEquals(alert, PkixFailures.violation(reason, "some message").alert(), reason.toString()));
    }

    @Test
    void theJdksNoTrustAnchorMessageIsUnknownCa() {
        assertEquals(Violation.UNKNOWN_CERTIFICATE_AUTHORITY,
                PkixFailures.violation(BasicReason.UNSPECIFIED, "Path does not chain with any of the trust anchors"));
        assertEquals(Violation.CERTIFICATE_UNKNOWN, PkixFailures.violation(BasicReason.UNSPECIFIED, null));
    }
}
