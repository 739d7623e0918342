package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.Fields;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sender's certificate chain, end-entity first (RFC 8446 §4.4.2):
 *
 * <pre>
 * struct {
 *     opaque certificate_request_context&lt;0..2^8-1&gt;;
 *     CertificateEntry certificate_list&lt;0..2^24-1&gt;;
 * } Certificate;
 * </pre>
 *
 * An empty list is a valid encoding (a client declining to authenticate); a server sending one
 * is rejected by the client state with {@code decode_error} (RFC 8446 §4.4.2.4).
 *
 * @since chapter04
 */
public record Certificate(Opaque certificateRequestContext, List<CertificateEntry> certificateList)
        implements Tls13Message {

    public Certificate {
        Objects.requireNonNull(certificateRequestContext, "certificateRequestContext");
        Fields.check(certificateRequestContext.length() <= 0xff, "certificate_request_context is at most 255 bytes");
        certificateList = List.copyOf(certificateList);
    }

    public static Certificate decode(WireReader in) {
        Opaque context = in.opaque8(0, 0xff);
        WireReader list = in.sub24(0, 0xffffff);
        in.expectEnd();
        List<CertificateEntry> entries = new ArrayList<>();
        while (list.hasRemaining()) {
            entries.add(CertificateEntry.decode(list));
        }
        return new Certificate(context, entries);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encode(WireWriter out) {
        out.opaque8(certificateRequestContext);
        out.prefixed24(list -> certificateList.forEach(e -> e.encode(list)));
    }

    @Override
    public String toString() {
        return "Certificate{certificate_request_context=" + certificateRequestContext
                + ", certificate_list=" + certificateList + "}";
    }
}
