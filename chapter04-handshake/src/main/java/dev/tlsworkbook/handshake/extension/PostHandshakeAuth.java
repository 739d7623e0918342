package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;

/**
 * {@code post_handshake_auth} (RFC 8446 §4.2.6): the client is willing to authenticate after the
 * handshake.
 *
 * <pre>
 * struct {} PostHandshakeAuth;
 * </pre>
 *
 * @since chapter04
 */
public record PostHandshakeAuth() implements Extension {

    static PostHandshakeAuth decode(WireReader data) {
        data.expectEnd();
        return new PostHandshakeAuth();
    }

    @Override
    public int extensionType() {
        return ExtensionType.POST_HANDSHAKE_AUTH.code();
    }

    @Override
    public void encode(WireWriter out) {
        // struct {} PostHandshakeAuth: no bytes
    }

    @Override
    public String toString() {
        return "post_handshake_auth{}";
    }
}
