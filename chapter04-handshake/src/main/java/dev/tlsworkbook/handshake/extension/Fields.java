package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Small codec and printing helpers shared by the extension bodies. */
final class Fields {
    private Fields() {
    }

    /** The elements of a vector of uint16 values (the vector's length already read). */
    static List<Integer> u16List(WireReader list) {
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

    static void writeU16List(WireWriter out, List<Integer> values) {
        values.forEach(out::u16);
    }

    /** {@code [0x001d, 0x0017]}. */
    static String hex16(List<Integer> values) {
        return values.stream().map(v -> String.format("0x%04x", v)).collect(Collectors.joining(", ", "[", "]"));
    }

    static String hex16(int value) {
        return String.format("0x%04x", value);
    }
}
