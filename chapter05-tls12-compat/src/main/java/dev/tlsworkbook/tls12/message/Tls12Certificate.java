package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS 1.2 Certificate message (RFC 5246 §7.4.2): a bare chain, without TLS 1.3's request
 * context and per-entry extensions.
 *
 * <pre>
 * opaque ASN.1Cert&lt;1..2^24-1&gt;;
 * struct {
 *     ASN.1Cert certificate_list&lt;0..2^24-1&gt;;
 * } Certificate;
 * </pre>
 *
 * @since chapter05
 */
public record Tls12Certificate(List<Opaque> certificateList) implements HandshakeMessage {

    public Tls12Certificate {
        certificateList = List.copyOf(certificateList);
    }

    public static Tls12Certificate decode(WireReader in) {
        WireReader list = in.sub24(0, 0xffffff);
        in.expectEnd();
        List<Opaque> certificates = new ArrayList<>();
        while (list.hasRemaining()) {
            certificates.add(list.opaque24(1, 0xffffff));
        }
        return new Tls12Certificate(certificates);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encode(WireWriter out) {
        out.prefixed24(list -> certificateList.forEach(list::opaque24));
    }

    @Override
    public String traceFields() {
        return "certificates=" + certificateList.size();
    }
}
