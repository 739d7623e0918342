package dev.tlsworkbook.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A fuzz target over many decoders: the first input byte picks a decoder (modulo the table's
 * size), the rest is what it decodes. Each decoder answers with the encoder of what it decoded,
 * so a clean decode is also checked to re-encode to exactly the bytes it came from (a TLS
 * structure has one encoding; GUIDE §3 keeps received bytes, and this shows nothing is lost).
 *
 * <p>Adding a decoder is one {@link #add} line. Append new lines at the end: the committed corpus
 * names decoders by position, so appending keeps every existing input aimed where it was.
 */
public final class DecoderTable {
    /** Decodes a whole input and returns how to encode the result again. */
    public interface Decoder extends Function<WireReader, Consumer<WireWriter>> {
    }

    private record Entry(String name, Decoder decoder) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public DecoderTable add(String name, Decoder decoder) {
        entries.add(new Entry(name, decoder));
        return this;
    }

    public int size() {
        return entries.size();
    }

    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /** The input that aims {@code body} at the decoder called {@code name} (for seeds and tests). */
    public byte[] input(String name, byte[] body) {
        int index = names().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no decoder " + name);
        }
        byte[] input = new byte[body.length + 1];
        input[0] = (byte) index;
        System.arraycopy(body, 0, input, 1, body.length);
        return input;
    }

    /**
     * Seed inputs: each body paired with every decoder that takes it cleanly, named
     * {@code <decoder>-<n>}. A seed corpus made from real messages this way needs no mapping
     * from message to decoder.
     */
    public java.util.Map<String, byte[]> seeds(List<byte[]> bodies) {
        java.util.Map<String, byte[]> seeds = new java.util.TreeMap<>();
        for (byte[] body : bodies) {
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                WireReader in = WireReader.of(body);
                if (TlsInvariant.decodes(() -> entry.decoder().apply(in))) {
                    String name = entry.name().replaceAll("[^A-Za-z0-9]+", "_");
                    int n = 0;
                    while (seeds.containsKey(name + "-" + n)) {
                        n++;
                    }
                    seeds.put(name + "-" + n, input(entry.name(), body));
                }
            }
        }
        return seeds;
    }

    /** One fuzz iteration: decode, and if that succeeds, re-encode and compare. */
    public void run(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Entry entry = entries.get((input[0] & 0xff) % entries.size());
        WireReader in = WireReader.of(input, 1, input.length - 1);
        List<Consumer<WireWriter>> encoder = new ArrayList<>(1);
        if (TlsInvariant.decodes(() -> encoder.add(entry.decoder().apply(in)))) {
            WireWriter out = new WireWriter(input.length);
            encoder.get(0).accept(out);
            assertEquals(Hex.encode(input, 1, input.length - 1), Hex.encode(out.toByteArray()),
                    entry.name() + " decoded cleanly but does not re-encode to its input");
        }
    }
}
