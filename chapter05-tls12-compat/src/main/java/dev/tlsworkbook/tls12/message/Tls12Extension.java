package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.UnknownExtension;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One extension of a TLS 1.2 hello, kept raw (RFC 5246 §7.4.1.4): the same code point means
 * something else in TLS 1.2 (GUIDE §3), so a 1.2 message is never read with TLS 1.3's extension
 * decoders. The 1.2 bodies ({@link RenegotiationInfo}, {@link EcPointFormats}) decode from
 * {@link #data()}; {@link #toClientHelloExtension()} carries one into chapter04's ClientHello.
 *
 * <pre>
 * struct {
 *     ExtensionType extension_type;
 *     opaque extension_data&lt;0..2^16-1&gt;;
 * } Extension;
 * </pre>
 *
 * @since chapter05
 */
public record Tls12Extension(int type, Opaque data) {

    public static Tls12Extension of(ExtensionType type, Opaque data) {
        return new Tls12Extension(type.code(), data);
    }

    /** The extension as an entry of the ClientHello that offers TLS 1.2 beside TLS 1.3. */
    public UnknownExtension toClientHelloExtension() {
        return new UnknownExtension(type, data);
    }

    /**
     * Decodes this extension's body with chapter04's decoder for {@code context}, for the code
     * points whose body TLS 1.2 and TLS 1.3 share (ALPN, RFC 7301 §3.1; server_name, RFC 6066 §3):
     * written once, read in both versions.
     */
    public Extension decodeShared(ExtensionContext context) {
        WireWriter block = new WireWriter(4 + data.length());
        block.u16(type).opaque16(data);
        return ExtensionBlock.decode(WireReader.of(block.toOpaque()), context).extensions().get(0);
    }

    /**
     * Decodes {@code extensions<0..2^16-1>}; RFC 5246 §7.4.1.4: "There MUST NOT be more than one
     * extension of the same type."
     */
    public static List<Tls12Extension> decodeList(WireReader in) {
        WireReader list = in.sub16(0, 0xffff);
        List<Tls12Extension> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (list.hasRemaining()) {
            int type = list.u16();
            Opaque data = list.opaque16(0, 0xffff);
            if (!seen.add(type)) {
                throw dev.tlsworkbook.alert.TlsException.local(dev.tlsworkbook.alert.Violation.DUPLICATE_EXTENSION,
                        "RFC 5246 §7.4.1.4: extension " + String.format("0x%04x", type) + " appears twice");
            }
            out.add(new Tls12Extension(type, data));
        }
        return List.copyOf(out);
    }

    /** Writes {@code extensions<0..2^16-1>}. */
    public static void encodeList(List<Tls12Extension> extensions, WireWriter out) {
        out.prefixed16(list -> extensions.forEach(e -> list.u16(e.type()).opaque16(e.data())));
    }

    /** The extension of {@code type} in {@code extensions}, if present. */
    public static Optional<Tls12Extension> find(List<Tls12Extension> extensions, ExtensionType type) {
        return extensions.stream().filter(e -> e.type() == type.code()).findFirst();
    }

    /** Short names for the trace, e.g. {@code [renegotiation_info, extended_master_secret]}. */
    public static String names(List<Tls12Extension> extensions) {
        return extensions.stream().map(e -> ExtensionType.fromCode(e.type())
                .map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).orElse(String.format("0x%04x", e.type()))).toList().toString();
    }
}
