package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * The sender switches to the next traffic secret (RFC 8446 §4.6.3):
 *
 * <pre>
 * struct {
 *     KeyUpdateRequest request_update;
 * } KeyUpdate;
 * </pre>
 *
 * @since chapter04
 */
public record KeyUpdate(KeyUpdateRequest requestUpdate) implements Tls13Message {

    public KeyUpdate {
        Objects.requireNonNull(requestUpdate, "requestUpdate");
    }

    public static KeyUpdate decode(WireReader in) {
        int code = in.u8();
        in.expectEnd();
        // RFC 8446 §4.6.3: "If an implementation receives any other value, it MUST terminate the
        // connection with an "illegal_parameter" alert."
        KeyUpdateRequest request = KeyUpdateRequest.fromCode(code).orElseThrow(() -> TlsException.local(
                Violation.INVALID_KEY_UPDATE_REQUEST, "RFC 8446 §4.6.3: request_update is " + code + ", not 0 or 1"));
        return new KeyUpdate(request);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.KEY_UPDATE;
    }

    @Override
    public void encode(WireWriter out) {
        out.u8(requestUpdate.code());
    }

    @Override
    public String toString() {
        return "KeyUpdate{request_update=" + requestUpdate + "}";
    }
}
