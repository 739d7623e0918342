package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * {@code key_share} in a ServerHello (RFC 8446 §4.2.8):
 *
 * <pre>
 * struct {
 *     KeyShareEntry server_share;
 * } KeyShareServerHello;
 * </pre>
 *
 * @since chapter04
 */
public record KeyShareServerHello(KeyShareEntry serverShare) implements Extension {

    public KeyShareServerHello {
        Objects.requireNonNull(serverShare, "serverShare");
    }

    static KeyShareServerHello decode(WireReader data) {
        KeyShareEntry share = KeyShareEntry.decode(data);
        data.expectEnd();
        return new KeyShareServerHello(share);
    }

    @Override
    public int extensionType() {
        return ExtensionType.KEY_SHARE.code();
    }

    @Override
    public void encode(WireWriter out) {
        serverShare.encode(out);
    }

    @Override
    public String toString() {
        return "key_share{server_share=" + serverShare + "}";
    }
}
