package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;

/**
 * {@code pre_shared_key} in a ServerHello (RFC 8446 §4.2.11): the index of the accepted PSK.
 *
 * <pre>
 * uint16 selected_identity;   // case server_hello
 * </pre>
 *
 * @since chapter04
 */
public record PreSharedKeyServerHello(int selectedIdentity) implements Extension {

    public PreSharedKeyServerHello {
        if (selectedIdentity < 0 || selectedIdentity > 0xffff) {
            throw new IllegalArgumentException("selected_identity out of range: " + selectedIdentity);
        }
    }

    static PreSharedKeyServerHello decode(WireReader data) {
        int selected = data.u16();
        data.expectEnd();
        return new PreSharedKeyServerHello(selected);
    }

    @Override
    public int extensionType() {
        return ExtensionType.PRE_SHARED_KEY.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.u16(selectedIdentity);
    }

    @Override
    public String toString() {
        return "pre_shared_key{selected_identity=" + selectedIdentity + "}";
    }
}
