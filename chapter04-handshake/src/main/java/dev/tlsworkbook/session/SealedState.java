package dev.tlsworkbook.session;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * The plaintext inside a sealed ticket or cookie: what it is for, which protocol version wrote it,
 * and that version's own encoding of the state. The tags are checked before the body is decoded,
 * so a TLS 1.2 ticket is never resumed as TLS 1.3 (RFC 8446 §4.6.1: a PSK is tied to the version
 * and the hash it was made with) and a HelloRetryRequest cookie is never taken for a ticket.
 *
 * <pre>
 * struct {
 *     uint8 purpose;            // 1 ticket, 2 cookie
 *     ProtocolVersion version;  // 0x0304, 0x0303
 *     opaque state&lt;0..2^16-1&gt;;
 * } SealedState;
 * </pre>
 *
 * @param version the protocol version code, e.g. 0x0304
 * @since chapter04
 */
public record SealedState(Purpose purpose, int version, Opaque state) {

    /** What a sealed blob is for. */
    public enum Purpose {
        /** A session ticket (RFC 8446 §4.6.1, RFC 5077). */
        TICKET(1),
        /** A HelloRetryRequest cookie (RFC 8446 §4.2.2). */
        COOKIE(2);

        private final int code;

        Purpose(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public SealedState {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(state, "state");
        if (version < 0 || version > 0xffff || state.length() > 0xffff) {
            throw new IllegalArgumentException("version or state out of range");
        }
    }

    public Opaque encode() {
        return new WireWriter(5 + state.length()).u8(purpose.code()).u16(version).opaque16(state).toOpaque();
    }

    /** Decodes; a blob we did not write (which authentication already rules out) throws DecodeException. */
    static SealedState decode(Opaque bytes) {
        WireReader in = WireReader.of(bytes);
        int code = in.u8();
        int version = in.u16();
        Opaque state = in.opaque16(0, 0xffff);
        in.expectEnd();
        Purpose purpose = code == Purpose.TICKET.code() ? Purpose.TICKET : code == Purpose.COOKIE.code() ? Purpose.COOKIE : null;
        if (purpose == null) {
            throw new dev.tlsworkbook.wire.DecodeException(dev.tlsworkbook.wire.DecodeException.Reason.ILLEGAL_VALUE,
                    "unknown sealed-state purpose " + code);
        }
        return new SealedState(purpose, version, state);
    }
}
