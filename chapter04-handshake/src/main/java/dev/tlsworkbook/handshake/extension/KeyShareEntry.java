package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * One key share (RFC 8446 §4.2.8):
 *
 * <pre>
 * struct {
 *     NamedGroup group;
 *     opaque key_exchange&lt;1..2^16-1&gt;;
 * } KeyShareEntry;
 * </pre>
 *
 * {@code group} stays a raw code (a client may send GREASE shares, RFC 8701 §3.1).
 *
 * @since chapter04
 */
public record KeyShareEntry(int group, Opaque keyExchange) {

    public KeyShareEntry {
        if (group < 0 || group > 0xffff) {
            throw new IllegalArgumentException("group out of range: " + group);
        }
        Objects.requireNonNull(keyExchange, "keyExchange");
    }

    public static KeyShareEntry of(NamedGroup group, Opaque keyExchange) {
        return new KeyShareEntry(group.code(), keyExchange);
    }

    /** The group, if this stack knows it. */
    public Optional<NamedGroup> namedGroup() {
        return NamedGroup.fromCode(group);
    }

    static KeyShareEntry decode(WireReader in) {
        int group = in.u16();
        return new KeyShareEntry(group, in.opaque16(1, 0xffff));
    }

    void encode(WireWriter out) {
        out.u16(group).opaque16(keyExchange);
    }

    @Override
    public String toString() {
        return "KeyShareEntry{group=" + namedGroup().map(NamedGroup::toString).orElse(Fields.hex16(group))
                + ", key_exchange=" + keyExchange + "}";
    }
}
