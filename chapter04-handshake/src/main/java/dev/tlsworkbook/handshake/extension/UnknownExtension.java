package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * An extension whose body this codec does not model: an unknown code, a GREASE value (RFC 8701),
 * or a registered extension we never act on (e.g. {@code renegotiation_info} in a TLS 1.3
 * ClientHello). Kept byte for byte and otherwise ignored (RFC 8446 §4.1.2: servers "MUST ignore
 * unrecognized extensions").
 *
 * @since chapter04
 */
public record UnknownExtension(int extensionType, Opaque extensionData) implements Extension {

    public UnknownExtension {
        if (extensionType < 0 || extensionType > 0xffff) {
            throw new IllegalArgumentException("extension_type out of range: " + extensionType);
        }
        Objects.requireNonNull(extensionData, "extensionData");
    }

    static UnknownExtension decode(int extensionType, WireReader data) {
        return new UnknownExtension(extensionType, data.rest());
    }

    @Override
    public void encode(WireWriter out) {
        out.bytes(extensionData);
    }

    @Override
    public String toString() {
        return ExtensionType.describe(extensionType) + "{extension_data=" + extensionData + "}";
    }
}
