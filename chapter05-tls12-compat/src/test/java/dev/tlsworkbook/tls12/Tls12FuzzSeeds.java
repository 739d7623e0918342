package dev.tlsworkbook.tls12;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tlsworkbook.engine.Peers;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.tls12.message.Tls12MessageFuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes the {@code seed-*} inputs of chapter 5's fuzz targets from a real in-memory TLS 1.2
 * connection ({@code fuzz/run --seeds}; docs/fuzzing.md): the recorded client for
 * {@link Tls12ServerEngineFuzzTest}, and every plaintext handshake message either side sent,
 * paired with each TLS 1.2 decoder that takes it, for {@link Tls12MessageFuzzTest}.
 *
 * @since chapter05
 */
@Tag("fuzz-seeds")
class Tls12FuzzSeeds {
    private static final Path RESOURCES = Path.of("src/test/resources");

    @Test
    void write() {
        write("tls12.Tls12ServerEngineFuzzTest", "tls12ServerEngine",
                Map.of("seed-client", Tls12ServerEngineFuzzTest.clientBytes()));
        write("tls12.Tls12ServerEngineFuzzTest", "tls12ServerEngineWithClientAuth",
                Tls12ServerEngineFuzzTest.clientAuthSeeds());

        List<byte[]> bodies = new ArrayList<>();
        bodies.addAll(handshakeBodies(TlsEngine.client(Versions.tls12Client(Tls12ServerEngineFuzzTest.CLIENT_SEED).build(),
                "localhost"), Tls12ServerEngineFuzzTest.server()));
        // With client authentication: CertificateRequest, the client's Certificate and CertificateVerify too.
        bodies.addAll(handshakeBodies(TlsEngine.client(Versions.tls12Client(Tls12ServerEngineFuzzTest.CLIENT_SEED)
                .certificates(Peers.pki().issueClient("CN=alice", dev.tlsworkbook.handshake.auth.KeyKind.EC_P256)).build(),
                "localhost"), Tls12ServerEngineFuzzTest.clientAuthServer()));
        Map<String, byte[]> seeds = new TreeMap<>();
        Tls12MessageFuzzTest.MESSAGES.seeds(bodies).forEach((name, input) -> seeds.put("seed-" + name, input));
        assertFalse(seeds.isEmpty());
        write("tls12.message.Tls12MessageFuzzTest", "tls12Messages", seeds);
    }

    /** The bodies of the plaintext handshake messages both sides send in a whole connection. */
    private static List<byte[]> handshakeBodies(TlsEngine client, TlsEngine server) {
        ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        boolean moved = true;
        while (moved) {
            byte[] c = Peers.drain(client);
            fromClient.writeBytes(c);
            server.receive(c, 0, c.length);
            byte[] s = Peers.drain(server);
            fromServer.writeBytes(s);
            client.receive(s, 0, s.length);
            moved = c.length > 0 || s.length > 0;
        }
        List<byte[]> bodies = new ArrayList<>(plaintextBodies(fromClient.toByteArray()));
        bodies.addAll(plaintextBodies(fromServer.toByteArray()));
        return bodies;
    }

    /**
     * The bodies of the handshake messages in {@code stream} before its change_cipher_spec: the
     * messages that travel in plaintext in TLS 1.2 (RFC 5246 §7.1).
     */
    private static List<byte[]> plaintextBodies(byte[] stream) {
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < stream.length && RecordHeader.type(stream, pos) == ContentType.HANDSHAKE.code()) {
            int length = RecordHeader.length(stream, pos);
            messages.write(stream, pos + RecordHeader.LENGTH, length);
            pos += RecordHeader.LENGTH + length;
        }
        byte[] m = messages.toByteArray();
        List<byte[]> bodies = new ArrayList<>();
        int at = 0;
        while (at + 4 <= m.length) {
            int length = (m[at + 1] & 0xff) << 16 | (m[at + 2] & 0xff) << 8 | (m[at + 3] & 0xff);
            bodies.add(java.util.Arrays.copyOfRange(m, at + 4, at + 4 + length));
            at += 4 + length;
        }
        return bodies;
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
