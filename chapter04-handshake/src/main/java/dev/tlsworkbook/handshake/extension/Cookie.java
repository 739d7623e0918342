package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * {@code cookie} (RFC 8446 §4.2.2): sent by the server in a HelloRetryRequest, echoed by the
 * client in its second ClientHello.
 *
 * <pre>
 * struct {
 *     opaque cookie&lt;1..2^16-1&gt;;
 * } Cookie;
 * </pre>
 *
 * @since chapter04
 */
public record Cookie(Opaque cookie) implements Extension {

    public Cookie {
        Objects.requireNonNull(cookie, "cookie");
    }

    static Cookie decode(WireReader data) {
        Opaque cookie = data.opaque16(1, 0xffff);
        data.expectEnd();
        return new Cookie(cookie);
    }

    @Override
    public int extensionType() {
        return ExtensionType.COOKIE.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.opaque16(cookie);
    }

    @Override
    public String toString() {
        return "cookie{cookie=" + cookie + "}";
    }
}
