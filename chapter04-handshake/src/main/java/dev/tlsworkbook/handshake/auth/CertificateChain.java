package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A non-empty certificate chain as sent in a Certificate message: the end-entity certificate
 * first, then (ideally) each certificate certifying the one before it (RFC 8446 §4.4.2).
 *
 * @since chapter04
 */
public record CertificateChain(List<X509Certificate> certificates) {

    public CertificateChain {
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            // RFC 8446 §4.4.2: "The sender's certificate MUST come in the first CertificateEntry"
            throw new IllegalArgumentException("a certificate chain needs at least the end-entity certificate");
        }
    }

    /** A chain from certificates given leaf first. */
    public static CertificateChain of(X509Certificate... certificates) {
        return new CertificateChain(List.of(certificates));
    }

    /** Reads a PEM chain file, leaf first (see {@link Pem#readCertificates}). */
    public static CertificateChain load(Path pemFile) throws IOException {
        return new CertificateChain(Pem.readCertificates(pemFile));
    }

    /**
     * Parses the {@code cert_data} of received CertificateEntry values (RFC 8446 §4.4.2, X.509
     * DER). The result may be empty: what an empty list means is the trust policy's call.
     *
     * @throws TlsException {@code CERTIFICATE_NOT_ACCEPTABLE} (bad_certificate, RFC 8446 §6.2:
     *     "a certificate was corrupt") when an entry is not a certificate
     */
    public static List<X509Certificate> parse(List<Opaque> certData) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < certData.size(); i++) {
                try {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(certData.get(i).bytes())));
                } catch (CertificateException | ClassCastException e) {
                    throw TlsException.local(Violation.CERTIFICATE_NOT_ACCEPTABLE, "RFC 8446 §4.4.2: certificate entry "
                            + i + " (" + certData.get(i).length() + " bytes) is not an X.509 certificate", e);
                }
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 CertificateFactory", e);
        }
        return List.copyOf(certificates);
    }

    /** The DER encodings to send as cert_data, leaf first (RFC 8446 §4.4.2). */
    public List<Opaque> encoded() {
        List<Opaque> encoded = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            try {
                encoded.add(Opaque.of(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
            }
        }
        return List.copyOf(encoded);
    }

    /** The end-entity certificate (RFC 8446 §4.4.2: the first entry). */
    public X509Certificate leaf() {
        return certificates.get(0);
    }

    /** The end-entity certificate's public key, the one CertificateVerify is checked with. */
    public PublicKey publicKey() {
        return leaf().getPublicKey();
    }

    /** The end-entity certificate's subject, RFC 2253 form. */
    public String subject() {
        return leaf().getSubjectX500Principal().getName();
    }

    @Override
    public String toString() {
        return certificates.stream().map(c -> c.getSubjectX500Principal().getName())
                .collect(Collectors.joining(" <- ", "CertificateChain[", "]"));
    }
}
