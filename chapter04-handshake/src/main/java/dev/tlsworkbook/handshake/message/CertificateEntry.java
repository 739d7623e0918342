package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.Fields;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * One certificate of a {@link Certificate} message with its own extensions (RFC 8446 §4.4.2):
 *
 * <pre>
 * struct {
 *     select (certificate_type) {
 *         case RawPublicKey:
 *           // From RFC 7250 ASN.1_subjectPublicKeyInfo
 *           opaque ASN1_subjectPublicKeyInfo&lt;1..2^24-1&gt;;
 *
 *         case X509:
 *           opaque cert_data&lt;1..2^24-1&gt;;
 *     };
 *     Extension extensions&lt;0..2^16-1&gt;;
 * } CertificateEntry;
 * </pre>
 *
 * Both arms have the same encoding, so {@code certData} holds either; the workbook uses X.509.
 *
 * @since chapter04
 */
public record CertificateEntry(Opaque certData, ExtensionBlock extensions) {

    public CertificateEntry {
        Objects.requireNonNull(certData, "certData");
        Fields.check(!certData.isEmpty(), "cert_data must not be empty");
        Fields.check(extensions.context() == ExtensionContext.CERTIFICATE, "extensions must be a CT block");
    }

    /** A DER certificate with no extensions. */
    public static CertificateEntry of(Opaque certData) {
        return new CertificateEntry(certData, ExtensionBlock.empty(ExtensionContext.CERTIFICATE));
    }

    static CertificateEntry decode(WireReader in) {
        Opaque certData = in.opaque24(1, 0xffffff);
        ExtensionBlock extensions = ExtensionBlock.decode(in.sub16(0, 0xffff), ExtensionContext.CERTIFICATE);
        return new CertificateEntry(certData, extensions);
    }

    void encode(WireWriter out) {
        out.opaque24(certData).prefixed16(extensions::encode);
    }

    @Override
    public String toString() {
        return "CertificateEntry{cert_data=" + certData + ", extensions=" + extensions + "}";
    }
}
