package dev.tlsworkbook.handshake.auth;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Set;

/**
 * Which SignatureScheme code points describe the signature on a certificate, so a chain can be
 * checked against the peer's signature_algorithms_cert (RFC 8446 §4.2.3, §4.4.2.2).
 */
final class CertificateSignatures {
    private CertificateSignatures() {
    }

    /**
     * The schemes that name this certificate's signature algorithm. ECDSA code points are matched
     * by hash alone (a chain is judged by what signed it, and the issuer's curve is not always in
     * the chain); an RSASSA-PSS signature matches both the rsae and the pss code point of its hash.
     * Empty for an algorithm TLS has no code point for.
     */
    static Set<SignatureScheme> schemesOf(X509Certificate certificate) {
        return switch (certificate.getSigAlgOID()) {
            case "1.2.840.113549.1.1.5" -> Set.of(SignatureScheme.RSA_PKCS1_SHA1);
            case "1.2.840.113549.1.1.14" -> Set.of(SignatureScheme.RSA_PKCS1_SHA224);
            case "1.2.840.113549.1.1.11" -> Set.of(SignatureScheme.RSA_PKCS1_SHA256);
            case "1.2.840.113549.1.1.12" -> Set.of(SignatureScheme.RSA_PKCS1_SHA384);
            case "1.2.840.113549.1.1.13" -> Set.of(SignatureScheme.RSA_PKCS1_SHA512);
            case "1.2.840.10045.4.1" -> Set.of(SignatureScheme.ECDSA_SHA1);
            case "1.2.840.10045.4.3.1" -> Set.of(SignatureScheme.ECDSA_SHA224);
            case "1.2.840.10045.4.3.2" -> Set.of(SignatureScheme.ECDSA_SECP256R1_SHA256);
            case "1.2.840.10045.4.3.3" -> Set.of(SignatureScheme.ECDSA_SECP384R1_SHA384);
            case "1.2.840.10045.4.3.4" -> Set.of(SignatureScheme.ECDSA_SECP521R1_SHA512);
            case "1.3.101.112" -> Set.of(SignatureScheme.ED25519);
            case "1.3.101.113" -> Set.of(SignatureScheme.ED448);
            case "1.2.840.113549.1.1.10" -> pssSchemes(certificate);
            default -> Set.of();
        };
    }

    /** Whether the certificate is self-signed: such certificates are not validated as part of the chain (RFC 8446 §4.4.2.2). */
    static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The certificates of a chain whose signatures the peer must accept: all but self-signed ones. */
    static List<X509Certificate> signedByOthers(CertificateChain chain) {
        return chain.certificates().stream().filter(c -> !isSelfSigned(c)).toList();
    }

    private static Set<SignatureScheme> pssSchemes(X509Certificate certificate) {
        byte[] encoded = certificate.getSigAlgParams();
        if (encoded == null) {
            return Set.of();
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(encoded);
            String hash = parameters.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
            return switch (hash.toUpperCase(java.util.Locale.ROOT).replace("-", "")) {
                case "SHA256" -> Set.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_PSS_SHA256);
                case "SHA384" -> Set.of(SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_PSS_SHA384);
                case "SHA512" -> Set.of(SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PSS_PSS_SHA512);
                default -> Set.of();
            };
        } catch (GeneralSecurityException | java.io.IOException e) {
            // Malformed PSS parameters: no TLS code point describes this signature.
            return Set.of();
        }
    }
}
