package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;

/**
 * ServerHelloDone (RFC 5246 §7.4.5): {@code struct { } ServerHelloDone;} — the end of the
 * server's first flight; the client answers with its key exchange.
 *
 * @since chapter05
 */
public record ServerHelloDone() implements HandshakeMessage {

    public static ServerHelloDone decode(WireReader in) {
        in.expectEnd();
        return new ServerHelloDone();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    @Override
    public void encode(WireWriter out) {
        // RFC 5246 §7.4.5: an empty body.
    }
}
