package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Optional;

/**
 * {@code key_share} in a HelloRetryRequest (RFC 8446 §4.2.8): the group the server wants a share
 * for.
 *
 * <pre>
 * struct {
 *     NamedGroup selected_group;
 * } KeyShareHelloRetryRequest;
 * </pre>
 *
 * @since chapter04
 */
public record KeyShareHelloRetryRequest(int selectedGroup) implements Extension {

    public KeyShareHelloRetryRequest {
        if (selectedGroup < 0 || selectedGroup > 0xffff) {
            throw new IllegalArgumentException("selected_group out of range: " + selectedGroup);
        }
    }

    public static KeyShareHelloRetryRequest of(NamedGroup group) {
        return new KeyShareHelloRetryRequest(group.code());
    }

    /** The selected group, if this stack knows it (a client must check it offered it). */
    public Optional<NamedGroup> namedGroup() {
        return NamedGroup.fromCode(selectedGroup);
    }

    static KeyShareHelloRetryRequest decode(WireReader data) {
        int group = data.u16();
        data.expectEnd();
        return new KeyShareHelloRetryRequest(group);
    }

    @Override
    public int extensionType() {
        return ExtensionType.KEY_SHARE.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.u16(selectedGroup);
    }

    @Override
    public String toString() {
        return "key_share{selected_group=" + namedGroup().map(NamedGroup::toString).orElse(Fields.hex16(selectedGroup)) + "}";
    }
}
