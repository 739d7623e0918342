package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertPathValidatorException.Reason;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Turns the JDK's {@link CertPathValidatorException} reasons into our violations, and so into the
 * RFC 8446 §6.2 alerts. The JDK reports "no trust anchor" as the generic
 * {@link BasicReason#UNSPECIFIED} with the message "Path does not chain with any of the trust
 * anchors", so the message is consulted for that one case.
 */
final class PkixFailures {
    private static final String NO_ANCHOR_MESSAGE = "does not chain with any of the trust anchors";

    private PkixFailures() {
    }

    static TlsException toTlsException(CertPathValidatorException e, List<X509Certificate> path, String anchorSource) {
        Reason reason = e.getReason();
        int index = e.getIndex();
        String subject = index >= 0 && index < path.size()
                ? path.get(index).getSubjectX500Principal().getName()
                : path.get(path.size() - 1).getSubjectX500Principal().getName();
        String problem = problem(reason, e.getMessage());
        Violation violation = violation(reason, e.getMessage());
        if (violation == Violation.UNKNOWN_CERTIFICATE_AUTHORITY) {
            X509Certificate top = path.get(path.size() - 1);
            return TlsException.local(violation, "RFC 5280 §6.1: certificate " + top.getSubjectX500Principal().getName()
                    + " was issued by " + top.getIssuerX500Principal().getName() + ", which is not trusted ("
                    + anchorSource + ")", e);
        }
        return TlsException.local(violation, "RFC 5280 §6.1.3: certificate " + subject + " " + problem, e);
    }

    static Violation violation(Reason reason, String message) {
        if (reason instanceof BasicReason basic) {
            return switch (basic) {
                // RFC 8446 §6.2 certificate_expired: "expired or is not currently valid"
                case EXPIRED, NOT_YET_VALID -> Violation.CERTIFICATE_EXPIRED;
                case REVOKED -> Violation.CERTIFICATE_REVOKED;
                case UNDETERMINED_REVOCATION_STATUS -> Violation.CERTIFICATE_UNKNOWN;
                // RFC 8446 §6.2 bad_certificate: "contained signatures that did not verify correctly"
                case INVALID_SIGNATURE -> Violation.BAD_CERTIFICATE_SIGNATURE;
                // MD5/SHA-1 and other disabled algorithms: RFC 8446 §4.4.2.4 says bad_certificate
                case ALGORITHM_CONSTRAINED -> Violation.CERTIFICATE_NOT_ACCEPTABLE;
                case UNSPECIFIED -> message != null && message.contains(NO_ANCHOR_MESSAGE)
                        ? Violation.UNKNOWN_CERTIFICATE_AUTHORITY
                        : Violation.CERTIFICATE_UNKNOWN;
            };
        }
        if (reason instanceof PKIXReason pkix) {
            return switch (pkix) {
                case NO_TRUST_ANCHOR -> Violation.UNKNOWN_CERTIFICATE_AUTHORITY;
                // RFC 8446 §4.4.2.2: a critical extension we cannot process -> unsupported_certificate
                case UNRECOGNIZED_CRIT_EXT -> Violation.UNSUPPORTED_CERTIFICATE;
                case NAME_CHAINING, NOT_CA_CERT, PATH_TOO_LONG, INVALID_KEY_USAGE, INVALID_POLICY, INVALID_NAME ->
                        Violation.CERTIFICATE_NOT_ACCEPTABLE;
            };
        }
        return Violation.CERTIFICATE_UNKNOWN;
    }

    private static String problem(Reason reason, String message) {
        if (reason == BasicReason.INVALID_SIGNATURE) {
            return "has a signature that does not verify with its issuer's key";
        }
        if (reason == PKIXReason.NOT_CA_CERT) {
            return "is used as a CA but is not one (basicConstraints)";
        }
        if (reason == PKIXReason.PATH_TOO_LONG) {
            return "exceeds its issuer's pathLenConstraint";
        }
        return "failed validation (" + reason + "): " + message;
    }
}
