package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * {@code padding} (RFC 7685 §3): zero bytes a client adds to move its ClientHello out of a size
 * range some middleboxes mishandle. The RFC tells the client to send zeros and the server only to
 * ignore it, so received bytes are kept as they are.
 *
 * <pre>
 * extension_data: "consists of an arbitrary number of zero bytes"
 * </pre>
 *
 * @since chapter04
 */
public record Padding(Opaque paddingData) implements Extension {

    public Padding {
        Objects.requireNonNull(paddingData, "paddingData");
    }

    /** {@code length} zero bytes. */
    public static Padding ofLength(int length) {
        return new Padding(Opaque.filled(length, 0));
    }

    static Padding decode(WireReader data) {
        return new Padding(data.rest());
    }

    @Override
    public int extensionType() {
        return ExtensionType.PADDING.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.bytes(paddingData);
    }

    @Override
    public String toString() {
        return "padding{" + paddingData.length() + " bytes}";
    }
}
