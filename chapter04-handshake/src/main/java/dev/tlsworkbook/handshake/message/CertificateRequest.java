package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.Fields;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * The server asks the client for a certificate (RFC 8446 §4.3.2):
 *
 * <pre>
 * struct {
 *     opaque certificate_request_context&lt;0..2^8-1&gt;;
 *     Extension extensions&lt;2..2^16-1&gt;;
 * } CertificateRequest;
 * </pre>
 *
 * {@code signature_algorithms} "MUST be specified"; the client state checks it
 * ({@code missing_extension}).
 *
 * @since chapter04
 */
public record CertificateRequest(Opaque certificateRequestContext, ExtensionBlock extensions) implements Tls13Message {

    public CertificateRequest {
        Objects.requireNonNull(certificateRequestContext, "certificateRequestContext");
        Fields.check(certificateRequestContext.length() <= 0xff, "certificate_request_context is at most 255 bytes");
        Fields.check(extensions.context() == ExtensionContext.CERTIFICATE_REQUEST, "extensions must be a CR block");
    }

    public static CertificateRequest decode(WireReader in) {
        Opaque context = in.opaque8(0, 0xff);
        ExtensionBlock extensions = ExtensionBlock.decode(in.sub16(2, 0xffff), ExtensionContext.CERTIFICATE_REQUEST);
        in.expectEnd();
        return new CertificateRequest(context, extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encode(WireWriter out) {
        out.opaque8(certificateRequestContext).prefixed16(extensions::encode);
    }

    @Override
    public String toString() {
        return "CertificateRequest{certificate_request_context=" + certificateRequestContext
                + ", extensions=" + extensions + "}";
    }
}
