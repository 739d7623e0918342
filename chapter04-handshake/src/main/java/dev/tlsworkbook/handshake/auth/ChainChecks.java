package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The certificate checks our policies add around the JDK's PKIX validator. */
final class ChainChecks {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;

    private ChainChecks() {
    }

    /** RFC 8446 §4.4.2.2: the end-entity key must be one TLS 1.3 can verify CertificateVerify with. */
    static void requireUsableKey(CertificateChain chain) {
        boolean usable = false;
        for (SignatureScheme scheme : SignatureScheme.values()) {
            usable |= scheme.allowedInTls13CertificateVerify() && scheme.fitsTls13Key(chain.publicKey());
        }
        if (!usable) {
            throw TlsException.local(Violation.UNSUPPORTED_CERTIFICATE, "RFC 8446 §4.4.2.2: certificate "
                    + chain.subject() + " has a " + CertificateVerifySignature.describeKey(chain.publicKey())
                    + ", which no TLS 1.3 signature scheme uses");
        }
    }

    /**
     * RFC 5280 §6.1.3 (a)(2): each certificate's validity period must include the current time;
     * {@code skew} widens both ends to forgive a peer or local clock that is slightly off.
     */
    static void requireValidAt(List<X509Certificate> path, Instant now, Duration skew) {
        for (X509Certificate certificate : path) {
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            String subject = certificate.getSubjectX500Principal().getName();
            if (now.isAfter(notAfter.plus(skew))) {
                throw TlsException.local(Violation.CERTIFICATE_EXPIRED, "RFC 5280 §4.1.2.5: certificate " + subject
                        + " expired at " + notAfter + " (now " + now + skewNote(skew) + ")");
            }
            if (now.isBefore(notBefore.minus(skew))) {
                throw TlsException.local(Violation.CERTIFICATE_EXPIRED, "RFC 5280 §4.1.2.5: certificate " + subject
                        + " is not valid before " + notBefore + " (now " + now + skewNote(skew) + ")");
            }
        }
    }

    /**
     * RFC 8446 §4.4.2.4: "Any endpoint receiving any certificate which it would need to validate
     * using any signature algorithm using an MD5 hash MUST abort ... bad_certificate"; SHA-1 is
     * RECOMMENDED to be refused the same way. Self-signed certificates are exempt.
     */
    static void requireStrongSignatures(List<X509Certificate> path) {
        for (X509Certificate certificate : path) {
            String algorithm = certificate.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
            if ((algorithm.contains("MD5") || algorithm.contains("SHA1")) && !CertificateSignatures.isSelfSigned(certificate)) {
                throw TlsException.local(Violation.CERTIFICATE_NOT_ACCEPTABLE, "RFC 8446 §4.4.2.4: certificate "
                        + certificate.getSubjectX500Principal().getName() + " is signed with " + certificate.getSigAlgName());
            }
        }
    }

    /**
     * RFC 5280 §4.2.1.3 and RFC 8446 §4.4.2.2: a key usage extension must allow digitalSignature;
     * RFC 5280 §4.2.1.12: an extended key usage must allow the peer's role (id-kp-serverAuth or
     * id-kp-clientAuth) or anyExtendedKeyUsage.
     */
    static void requireUsageFor(X509Certificate leaf, Side peer) {
        String subject = leaf.getSubjectX500Principal().getName();
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE])) {
            throw TlsException.local(Violation.CERTIFICATE_NOT_ACCEPTABLE, "RFC 8446 §4.4.2.2: certificate "
                    + subject + " has a key usage without digitalSignature");
        }
        requireExtendedKeyUsage(leaf, peer);
    }

    /**
     * RFC 5280 §4.2.1.9: "The cA boolean indicates whether the certified public key may be used to
     * verify certificate signatures"; webpki refuses such a certificate as end entity
     * (CaUsedAsEndEntity), and so do we.
     */
    static void requireEndEntity(X509Certificate leaf) {
        if (leaf.getBasicConstraints() >= 0) {
            throw TlsException.local(Violation.CA_CERTIFICATE_AS_END_ENTITY, "RFC 5280 §4.2.1.9: certificate "
                    + leaf.getSubjectX500Principal().getName() + " is a CA certificate (basicConstraints cA=TRUE), "
                    + "not an end-entity certificate");
        }
    }

    /**
     * RFC 5280 §4.2.1.12 applied along the path, as webpki does: an intermediate CA whose extended
     * key usage is present must allow the peer's role too ("If the extension is present, then the
     * certificate MUST only be used for one of the purposes indicated"), so a CA constrained to
     * e-mail or code signing cannot vouch for a TLS server.
     */
    static void requireIssuerUsageFor(List<X509Certificate> path, Side peer) {
        for (X509Certificate issuer : path.subList(1, path.size())) {
            requireExtendedKeyUsage(issuer, peer);
        }
    }

    private static void requireExtendedKeyUsage(X509Certificate certificate, Side peer) {
        String subject = certificate.getSubjectX500Principal().getName();
        List<String> extendedKeyUsage;
        try {
            extendedKeyUsage = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw TlsException.local(Violation.CERTIFICATE_NOT_ACCEPTABLE, "RFC 5280 §4.2.1.12: certificate "
                    + subject + " has a malformed extended key usage", e);
        }
        String wanted = peer == Side.SERVER ? SERVER_AUTH : CLIENT_AUTH;
        if (extendedKeyUsage != null && !extendedKeyUsage.contains(wanted)
                && !extendedKeyUsage.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw TlsException.local(Violation.CERTIFICATE_NOT_ACCEPTABLE, "RFC 5280 §4.2.1.12: certificate "
                    + subject + " is not for TLS " + (peer == Side.SERVER ? "servers" : "clients")
                    + " (extended key usage " + extendedKeyUsage + ")");
        }
    }

    private static String skewNote(Duration skew) {
        return skew.isZero() ? "" : ", allowed clock skew " + skew;
    }
}
