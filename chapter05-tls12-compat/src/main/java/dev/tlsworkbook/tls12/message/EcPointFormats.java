package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The ec_point_formats extension body (RFC 8422 §5.1.2):
 *
 * <pre>
 * enum { uncompressed (0), deprecated (1..2), reserved (248..255) } ECPointFormat;
 * struct {
 *     ECPointFormat ec_point_format_list&lt;1..2^8-1&gt;
 * } ECPointFormatList;
 * </pre>
 *
 * Only uncompressed points exist in RFC 8422; the list is still sent, and echoed, because older
 * OpenSSL and Go versions expect it (golang/go#31943).
 *
 * @since chapter05
 */
public record EcPointFormats(List<Integer> formats) {
    /** RFC 8422 §5.1.2: uncompressed (0). */
    public static final int UNCOMPRESSED = 0;
    /** The list we send: uncompressed only. */
    public static final EcPointFormats OURS = new EcPointFormats(List.of(UNCOMPRESSED));

    public EcPointFormats {
        formats = List.copyOf(formats);
    }

    public static EcPointFormats decode(Opaque data) {
        WireReader in = WireReader.of(data);
        WireReader list = in.sub8(1, 255);
        in.expectEnd();
        List<Integer> formats = new ArrayList<>();
        while (list.hasRemaining()) {
            formats.add(list.u8());
        }
        return new EcPointFormats(formats);
    }

    /** RFC 8422 §5.1.2: "the uncompressed point format ... MUST be supported"; a list without it is unusable. */
    public boolean allowsUncompressed() {
        return formats.contains(UNCOMPRESSED);
    }

    public Tls12Extension toExtension() {
        WireWriter out = new WireWriter(2 + formats.size());
        out.prefixed8(list -> formats.forEach(list::u8));
        return Tls12Extension.of(ExtensionType.EC_POINT_FORMATS, out.toOpaque());
    }
}
