package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;

/**
 * The client's last 0-RTT message, sent under the early traffic keys (RFC 8446 §4.5):
 *
 * <pre>
 * struct {} EndOfEarlyData;
 * </pre>
 *
 * @since chapter04
 */
public record EndOfEarlyData() implements Tls13Message {

    public static EndOfEarlyData decode(WireReader in) {
        in.expectEnd();
        return new EndOfEarlyData();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.END_OF_EARLY_DATA;
    }

    @Override
    public void encode(WireWriter out) {
        // struct {}: no bytes
    }

    @Override
    public String toString() {
        return "EndOfEarlyData{}";
    }
}
