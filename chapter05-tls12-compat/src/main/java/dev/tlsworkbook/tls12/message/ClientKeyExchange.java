package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * The ECDHE ClientKeyExchange (RFC 8422 §5.7): the client's ephemeral public value on the curve
 * the server chose.
 *
 * <pre>
 * struct {
 *     opaque point &lt;1..2^8-1&gt;;
 * } ClientECDiffieHellmanPublic;
 * </pre>
 *
 * @since chapter05
 */
public record ClientKeyExchange(Opaque point) implements HandshakeMessage {

    public ClientKeyExchange {
        Objects.requireNonNull(point, "point");
    }

    public static ClientKeyExchange decode(WireReader in) {
        Opaque point = in.opaque8(1, 255);
        in.expectEnd();
        return new ClientKeyExchange(point);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void encode(WireWriter out) {
        out.opaque8(point);
    }

    @Override
    public String traceFields() {
        return "point=" + point.length() + "B";
    }
}
