package dev.tlsworkbook.handshake.state;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The helpers every state uses: the one "wrong message here" error, decoding a message of the
 * expected type, and a numbered check.
 *
 * @since chapter04
 */
public final class Expect {
    private Expect() {
    }

    /**
     * RFC 8446 §4: "If an implementation receives an unexpected message ... it MUST abort the
     * handshake with an "unexpected_message" alert." Names the state, what it expected and what came.
     */
    public static TlsException unexpected(String state, HandshakeFrame received, HandshakeType... expected) {
        String wanted = Arrays.stream(expected).map(t -> t.name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(" or "));
        return TlsException.local(Violation.UNEXPECTED_MESSAGE, "RFC 8446 §4: " + state + " expected " + wanted
                + " but received " + HandshakeType.describe(received.msgType()));
    }

    /**
     * Decodes {@code frame} as {@code type} with {@code decoder}, reporting it to {@code out} for
     * the trace; any other type is {@link #unexpected}; bytes that do not decode are decode_error.
     */
    public static <T extends HandshakeMessage> T message(HandshakeFrame frame, HandshakeType type, String state,
            Function<WireReader, T> decoder, HandshakeOutput out) {
        if (!frame.is(type)) {
            throw unexpected(state, frame, type);
        }
        T message = decode(frame, decoder);
        out.received(message, frame);
        return message;
    }

    /** Decodes the body of {@code frame}; a {@link DecodeException} becomes decode_error. */
    public static <T> T decode(HandshakeFrame frame, Function<WireReader, T> decoder) {
        try {
            return decoder.apply(frame.bodyReader());
        } catch (DecodeException e) {
            throw TlsException.decodeError(HandshakeType.describe(frame.msgType()), e);
        }
    }

    /** Throws a local error with {@code violation} unless {@code rule} holds. */
    public static void check(boolean rule, Violation violation, String message) {
        if (!rule) {
            throw TlsException.local(violation, message);
        }
    }
}
