package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Small codec and printing helpers shared by the extension bodies and the handshake messages
 * (RFC 8446 §3.4 vectors of uint16: cipher suites, groups, signature schemes, versions).
 *
 * @since chapter04
 */
public final class Fields {
    private Fields() {
    }

    /** The elements of a vector of uint16 values (the vector's length already read). */
    public static List<Integer> u16List(WireReader list) {
        if (list.remaining() % 2 != 0) {
            throw new DecodeException(DecodeException.Reason.LENGTH_OUT_OF_RANGE,
                    "a vector of uint16 has odd length " + list.remaining());
        }
        List<Integer> values = new ArrayList<>(list.remaining() / 2);
        while (list.hasRemaining()) {
            values.add(list.u16());
        }
        return List.copyOf(values);
    }

    /** The elements of a vector of uint16 values (the caller writes the length prefix). */
    public static void writeU16List(WireWriter out, List<Integer> values) {
        values.forEach(out::u16);
    }

    /** {@code [0x001d, 0x0017]}. */
    public static String hex16(List<Integer> values) {
        return values.stream().map(Fields::hex16).collect(Collectors.joining(", ", "[", "]"));
    }

    /** {@code 0x001d}. */
    public static String hex16(int value) {
        return String.format("0x%04x", value);
    }

    /** How many items {@link #describe} prints before it only counts. */
    public static final int DESCRIBED_ITEMS = 8;
    /** About how long {@link #describe} lets a list grow, in characters. */
    public static final int DESCRIBED_LENGTH = 200;

    /**
     * A peer-sent list for an error message, cut so that a 64 KB list costs no more than a short
     * one: the first {@value #DESCRIBED_ITEMS} items, then how many there are in all, never much
     * over {@value #DESCRIBED_LENGTH} characters, e.g. {@code [x25519, 0x0a0a, … 32767 in all]}.
     */
    public static <T> String describe(List<T> items, java.util.function.Function<? super T, String> name) {
        StringBuilder text = new StringBuilder("[");
        int shown = 0;
        for (T item : items) {
            if (shown == DESCRIBED_ITEMS || text.length() >= DESCRIBED_LENGTH) {
                break;
            }
            String one = name.apply(item);
            if (shown > 0) {
                text.append(", ");
            }
            text.append(one.length() > DESCRIBED_LENGTH / 2 ? one.substring(0, DESCRIBED_LENGTH / 2) + "…" : one);
            shown++;
        }
        if (shown < items.size()) {
            text.append(shown > 0 ? ", " : "").append("… ").append(items.size()).append(" in all");
        }
        return text.append(']').toString();
    }

    /** The first {@code max} items of a peer-sent list: entries beyond a cap are ignored (GUIDE §11). */
    public static <T> List<T> capped(List<T> items, int max) {
        return items.size() <= max ? items : items.subList(0, max);
    }

    /** A record invariant: building a message or extension the codec could not encode is a programming error. */
    public static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
