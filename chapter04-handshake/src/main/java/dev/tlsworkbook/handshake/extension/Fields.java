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

    /** A record invariant: building a message or extension the codec could not encode is a programming error. */
    public static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
