package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * One offered PSK (RFC 8446 §4.2.11):
 *
 * <pre>
 * struct {
 *     opaque identity&lt;1..2^16-1&gt;;
 *     uint32 obfuscated_ticket_age;
 * } PskIdentity;
 * </pre>
 *
 * @since chapter04
 */
public record PskIdentity(Opaque identity, long obfuscatedTicketAge) {

    public PskIdentity {
        Objects.requireNonNull(identity, "identity");
        if (obfuscatedTicketAge < 0 || obfuscatedTicketAge > 0xffffffffL) {
            throw new IllegalArgumentException("obfuscated_ticket_age out of range: " + obfuscatedTicketAge);
        }
    }

    static PskIdentity decode(WireReader in) {
        Opaque identity = in.opaque16(1, 0xffff);
        return new PskIdentity(identity, in.u32());
    }

    void encode(WireWriter out) {
        out.opaque16(identity).u32(obfuscatedTicketAge);
    }

    @Override
    public String toString() {
        return "PskIdentity{identity=" + identity + ", obfuscated_ticket_age=" + obfuscatedTicketAge + "}";
    }
}
