package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionDecoderFuzzTest;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.EncryptedExtensions;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.MessageDecoderFuzzTest;
import dev.tlsworkbook.handshake.message.ServerHello;
import dev.tlsworkbook.handshake.message.Tls13Message;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.WireWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes the seed corpus of the chapter 4 fuzz targets from a real in-memory connection (run by
 * {@code fuzz/run --seeds}; tagged so the normal build does not rewrite its own resources). The
 * fuzzer grows the corpus from these; docs/fuzzing.md.
 */
@Tag("fuzz-seeds")
class FuzzSeeds {
    private static final Path RESOURCES = Path.of("src/test/resources");

    @Test
    void write() {
        byte[] client = ServerEngineFuzzTest.clientBytes();
        ClientEngineFuzzTest.Flight flight = ClientEngineFuzzTest.Flight.record();
        write("engine.ServerEngineFuzzTest", "serverEngine", Map.of(
                "seed-client-hello", firstRecord(client),
                "seed-whole-connection", client));
        write("engine.ClientEngineFuzzTest", "clientEngine", Map.of("seed-server-flight", flight.handshakeMessages()));

        List<Opaque> frames = new ArrayList<>(Tamper.messages(Tamper.plaintextHandshake(client)));
        frames.addAll(Tamper.messages(Tamper.plaintextHandshake(flight.unprotected())));
        frames.addAll(Tamper.messages(flight.handshakeMessages()));
        List<byte[]> bodies = new ArrayList<>();
        List<byte[]> extensions = new ArrayList<>();
        for (Opaque wire : frames) {
            bodies.add(wire.bytes());
            HandshakeFrame frame = HandshakeFrame.parse(wire);
            bodies.add(frame.body().bytes());
            for (ExtensionBlock block : blocks(Tls13Message.decode(frame, 32))) {
                WireWriter out = new WireWriter();
                block.encode(out);
                extensions.add(out.toByteArray());
                for (Extension e : block.extensions()) {
                    WireWriter data = new WireWriter();
                    e.encode(data);
                    extensions.add(data.toByteArray());
                }
            }
        }
        bodies.add(new byte[] {0});
        bodies.add(new byte[] {1});
        Map<String, byte[]> messageSeeds = MessageDecoderFuzzTest.MESSAGES.seeds(bodies);
        assertFalse(messageSeeds.isEmpty());
        write("handshake.message.MessageDecoderFuzzTest", "handshakeMessages", prefixed(messageSeeds));
        write("handshake.message.MessageDecoderFuzzTest", "handshakeDeframer",
                Map.of("seed-server-flight", prefixed((byte) 6, flight.handshakeMessages())));
        write("handshake.extension.ExtensionDecoderFuzzTest", "extensions",
                prefixed(ExtensionDecoderFuzzTest.EXTENSIONS.seeds(extensions)));
    }

    private static List<ExtensionBlock> blocks(Tls13Message message) {
        List<ExtensionBlock> blocks = new ArrayList<>();
        if (message instanceof ClientHello ch) {
            blocks.add(ch.extensions());
        } else if (message instanceof ServerHello sh) {
            blocks.add(sh.extensions());
        } else if (message instanceof EncryptedExtensions ee) {
            blocks.add(ee.extensions());
        } else if (message instanceof Certificate ct) {
            ct.certificateList().stream().map(CertificateEntry::extensions).forEach(blocks::add);
        }
        return blocks;
    }

    private static byte[] firstRecord(byte[] stream) {
        return java.util.Arrays.copyOf(stream, 5 + dev.tlsworkbook.record.RecordHeader.length(stream, 0));
    }

    private static byte[] prefixed(byte first, byte[] rest) {
        byte[] input = new byte[rest.length + 1];
        input[0] = first;
        System.arraycopy(rest, 0, input, 1, rest.length);
        return input;
    }

    private static Map<String, byte[]> prefixed(Map<String, byte[]> seeds) {
        Map<String, byte[]> named = new java.util.TreeMap<>();
        seeds.forEach((name, input) -> named.put("seed-" + name, input));
        return named;
    }

    private static void write(String testClass, String method, Map<String, byte[]> seeds) {
        Path dir = RESOURCES.resolve(("dev.tlsworkbook." + testClass).replace('.', '/') + "Inputs").resolve(method);
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
                Files.write(dir.resolve(seed.getKey()), seed.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
