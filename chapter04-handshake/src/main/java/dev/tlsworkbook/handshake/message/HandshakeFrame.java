package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.Fields;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * One complete handshake message as it crossed the wire: the raw {@code msg_type}, the body, and
 * the exact bytes (four-byte header + body). The transcript hash (RFC 8446 §4.4.1) is computed
 * over {@link #wireBytes()}, never over a re-encoding of a decoded message.
 *
 * <p>{@code msgType} stays a raw code because a peer may send a type we do not know; that is
 * {@code unexpected_message} (RFC 8446 §4), decided by whoever expected something else.
 *
 * @since chapter04
 */
public record HandshakeFrame(int msgType, Opaque body, Opaque wireBytes) {
    /** {@code msg_type} (1) + {@code length} (3). */
    public static final int HEADER_LENGTH = 4;

    /** Checks that the three views agree, so a frame cannot hash one thing and decode another. */
    public HandshakeFrame {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(wireBytes, "wireBytes");
        Fields.check(msgType >= 0 && msgType <= 0xff, "msg_type out of range: " + msgType);
        Fields.check(body.length() <= 0xffffff, "body longer than a uint24 length can say");
        Fields.check(wireBytes.length() == HEADER_LENGTH + body.length()
                        && wireBytes.byteAt(0) == msgType
                        && ((wireBytes.byteAt(1) << 16) | (wireBytes.byteAt(2) << 8) | wireBytes.byteAt(3)) == body.length()
                        && wireBytes.slice(HEADER_LENGTH, body.length()).equals(body),
                "wireBytes are not the header and body of this frame");
    }

    /** A frame for {@code body}, building its header. */
    public static HandshakeFrame of(int msgType, Opaque body) {
        WireWriter out = new WireWriter(HEADER_LENGTH + body.length());
        out.u8(msgType).u24(body.length()).bytes(body);
        return new HandshakeFrame(msgType, body, out.toOpaque());
    }

    /**
     * Splits one complete, already length-checked message (as {@link HandshakeDeframer} produces
     * them) into type and body. The length must match exactly.
     */
    public static HandshakeFrame parse(Opaque wireBytes) {
        WireReader in = WireReader.of(wireBytes);
        int type = in.u8();
        Opaque body = in.opaque24(0, 0xffffff);
        in.expectEnd();
        return new HandshakeFrame(type, body, wireBytes);
    }

    /** The registry entry for {@link #msgType()}, if there is one. */
    public Optional<HandshakeType> handshakeType() {
        return HandshakeType.fromCode(msgType);
    }

    /** True when this frame has type {@code type}. */
    public boolean is(HandshakeType type) {
        return msgType == type.code();
    }

    /** A fresh reader over the body, for a message's {@code decode}. */
    public WireReader bodyReader() {
        return WireReader.of(body);
    }

    @Override
    public String toString() {
        return "Handshake{msg_type=" + HandshakeType.describe(msgType) + ", length=" + body.length() + "}";
    }
}
