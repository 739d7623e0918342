package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code key_share} in a ClientHello (RFC 8446 §4.2.8):
 *
 * <pre>
 * struct {
 *     KeyShareEntry client_shares&lt;0..2^16-1&gt;;
 * } KeyShareClientHello;
 * </pre>
 *
 * Empty is legal (the client asks the server to choose, costing an HRR).
 *
 * @since chapter04
 */
public record KeyShareClientHello(List<KeyShareEntry> clientShares) implements Extension {

    public KeyShareClientHello {
        clientShares = List.copyOf(clientShares);
    }

    /** The share for {@code group}, if the client sent one. */
    public Optional<KeyShareEntry> shareFor(NamedGroup group) {
        return clientShares.stream().filter(s -> s.group() == group.code()).findFirst();
    }

    static KeyShareClientHello decode(WireReader data) {
        WireReader list = data.sub16(0, 0xffff);
        data.expectEnd();
        List<KeyShareEntry> shares = new ArrayList<>();
        Set<Integer> groups = new HashSet<>();
        while (list.hasRemaining()) {
            KeyShareEntry entry = KeyShareEntry.decode(list);
            if (!groups.add(entry.group())) {
                throw TlsException.local(Violation.DUPLICATE_KEY_SHARE_GROUP,
                        "RFC 8446 §4.2.8: clients MUST NOT offer multiple KeyShareEntry values for the same group ("
                                + Fields.hex16(entry.group()) + ")");
            }
            shares.add(entry);
        }
        return new KeyShareClientHello(shares);
    }

    @Override
    public int extensionType() {
        return ExtensionType.KEY_SHARE.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.prefixed16(list -> clientShares.forEach(s -> s.encode(list)));
    }

    @Override
    public String toString() {
        return "key_share{client_shares=" + clientShares + "}";
    }
}
