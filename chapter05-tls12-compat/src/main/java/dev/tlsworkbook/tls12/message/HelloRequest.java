package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;

/**
 * HelloRequest (RFC 5246 §7.4.1.1): {@code struct { } HelloRequest;} — a server asking for
 * renegotiation. We never renegotiate; the client answers with a no_renegotiation warning
 * (RFC 5746 §4.2).
 *
 * @since chapter05
 */
public record HelloRequest() implements HandshakeMessage {

    public static HelloRequest decode(WireReader in) {
        in.expectEnd();
        return new HelloRequest();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.HELLO_REQUEST;
    }

    @Override
    public void encode(WireWriter out) {
        // RFC 5246 §7.4.1.1: an empty body.
    }
}
