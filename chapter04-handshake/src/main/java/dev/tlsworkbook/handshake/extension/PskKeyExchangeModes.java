package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code psk_key_exchange_modes} (RFC 8446 §4.2.9):
 *
 * <pre>
 * struct {
 *     PskKeyExchangeMode ke_modes&lt;1..255&gt;;
 * } PskKeyExchangeModes;
 * </pre>
 *
 * Raw codes: GREASE modes (RFC 8701 §2) are ignored.
 *
 * @since chapter04
 */
public record PskKeyExchangeModes(List<Integer> keModes) implements Extension {

    public PskKeyExchangeModes {
        keModes = List.copyOf(keModes);
    }

    public static PskKeyExchangeModes of(PskKeyExchangeMode... modes) {
        return new PskKeyExchangeModes(Arrays.stream(modes).map(PskKeyExchangeMode::code).toList());
    }

    /** The modes this stack knows, in the client's order. */
    public List<PskKeyExchangeMode> knownModes() {
        return keModes.stream().map(PskKeyExchangeMode::fromCode).flatMap(Optional::stream).toList();
    }

    static PskKeyExchangeModes decode(WireReader data) {
        WireReader list = data.sub8(1, 255);
        data.expectEnd();
        List<Integer> modes = new ArrayList<>();
        while (list.hasRemaining()) {
            modes.add(list.u8());
        }
        return new PskKeyExchangeModes(modes);
    }

    @Override
    public int extensionType() {
        return ExtensionType.PSK_KEY_EXCHANGE_MODES.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.prefixed8(list -> keModes.forEach(list::u8));
    }

    @Override
    public String toString() {
        return "psk_key_exchange_modes{ke_modes="
                + keModes.stream().map(m -> String.format("0x%02x", m)).collect(Collectors.joining(", ", "[", "]")) + "}";
    }
}
