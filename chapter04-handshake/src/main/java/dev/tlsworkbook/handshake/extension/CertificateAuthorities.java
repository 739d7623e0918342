package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code certificate_authorities} (RFC 8446 §4.2.4): the DER-encoded distinguished names of the
 * trust anchors the sender accepts.
 *
 * <pre>
 * opaque DistinguishedName&lt;1..2^16-1&gt;;
 *
 * struct {
 *     DistinguishedName authorities&lt;3..2^16-1&gt;;
 * } CertificateAuthoritiesExtension;
 * </pre>
 *
 * @since chapter04
 */
public record CertificateAuthorities(List<Opaque> authorities) implements Extension {

    public CertificateAuthorities {
        authorities = List.copyOf(authorities);
    }

    static CertificateAuthorities decode(WireReader data) {
        WireReader list = data.sub16(3, 0xffff);
        data.expectEnd();
        List<Opaque> names = new ArrayList<>();
        while (list.hasRemaining()) {
            names.add(list.opaque16(1, 0xffff));
        }
        return new CertificateAuthorities(names);
    }

    @Override
    public int extensionType() {
        return ExtensionType.CERTIFICATE_AUTHORITIES.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.prefixed16(list -> authorities.forEach(list::opaque16));
    }

    @Override
    public String toString() {
        return "certificate_authorities{authorities=" + authorities + "}";
    }
}
