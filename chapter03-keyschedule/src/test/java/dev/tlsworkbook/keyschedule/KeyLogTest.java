package dev.tlsworkbook.keyschedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SSLKEYLOGFILE lines (draft-ietf-tls-keylogfile §2) and where they go. */
class KeyLogTest {
    private static final Opaque CLIENT_RANDOM = Opaque.fromHex("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7");

    private static TrafficSecret clientHandshake() {
        HandshakeSecret hs = EarlySecret.withoutPsk(HashAlgorithm.SHA256).handshakeSecret(SecretBytes.zeros(32));
        return hs.clientHandshakeTrafficSecret(Tls13Kdf.emptyHash(HashAlgorithm.SHA256));
    }

    @Test
    void lineIsLabelClientRandomAndSecretSeparatedBySingleSpaces() {
        TrafficSecret chs = clientHandshake();
        List<String> lines = new ArrayList<>();
        KeyLog.to(lines::add).log(chs, CLIENT_RANDOM);
        assertEquals(List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET " + CLIENT_RANDOM.hex() + " " + chs.secret().hex()), lines);
    }

    @Test
    void eachKeyScheduleSecretHasItsKeyLogName() {
        assertEquals("SERVER_HANDSHAKE_TRAFFIC_SECRET", SecretLabel.SERVER_HANDSHAKE_TRAFFIC.keyLogName().orElseThrow());
        assertEquals("CLIENT_TRAFFIC_SECRET_0", SecretLabel.CLIENT_APPLICATION_TRAFFIC.keyLogName().orElseThrow());
        assertEquals("SERVER_TRAFFIC_SECRET_0", SecretLabel.SERVER_APPLICATION_TRAFFIC.keyLogName().orElseThrow());
        assertEquals("EXPORTER_SECRET", SecretLabel.EXPORTER_MASTER.keyLogName().orElseThrow());
        assertEquals("CLIENT_EARLY_TRAFFIC_SECRET", SecretLabel.CLIENT_EARLY_TRAFFIC.keyLogName().orElseThrow());
        assertEquals("EARLY_EXPORTER_SECRET", SecretLabel.EARLY_EXPORTER_MASTER.keyLogName().orElseThrow());
        assertTrue(SecretLabel.RESUMPTION_MASTER.keyLogName().isEmpty());
    }

    @Test
    void secretsWithoutAKeyLogNameAndLaterGenerationsAreNotLogged() {
        List<String> lines = new ArrayList<>();
        KeyLog log = KeyLog.to(lines::add);
        MasterSecret ms = EarlySecret.withoutPsk(HashAlgorithm.SHA256).handshakeSecret(SecretBytes.zeros(32)).masterSecret();
        log.log(ms.resumptionMasterSecret(Tls13Kdf.emptyHash(HashAlgorithm.SHA256)), CLIENT_RANDOM);
        log.log(ms.clientApplicationTrafficSecret(Tls13Kdf.emptyHash(HashAlgorithm.SHA256)).next(), CLIENT_RANDOM);
        assertEquals(List.of(), lines);
    }

    @Test
    void ourLinesHaveTheShapeOfTheLinesOpenSslWrites() throws IOException {
        List<String> openssl;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("vectors/openssl-keylog-exporter.txt")) {
            openssl = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> !l.startsWith("#")).toList();
        }
        assertEquals(5, openssl.size());
        for (String line : openssl) {
            String[] f = line.split(" ");
            assertEquals(line, KeyLog.line(f[0], Opaque.fromHex(f[1]), SecretBytes.fromHex(f[2])));
        }
    }

    @Test
    void rejectsMalformedLabelsAndClientRandoms() {
        SecretBytes s = SecretBytes.zeros(32);
        assertThrows(IllegalArgumentException.class, () -> KeyLog.line("client random", CLIENT_RANDOM, s));
        assertThrows(IllegalArgumentException.class, () -> KeyLog.line("CLIENT_RANDOM", CLIENT_RANDOM.slice(0, 31), s));
    }

    @Test
    void offUnlessConfigured() {
        assertFalse(KeyLog.NONE.enabled());
        assertSame(KeyLog.NONE, KeyLog.fromEnvironment(Map.of()));
        assertSame(KeyLog.NONE, KeyLog.fromEnvironment(Map.of("SSLKEYLOGFILE", " ")));
    }

    @Test
    void environmentVariableNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keys.log");
        KeyLog log = KeyLog.fromEnvironment(Map.of("SSLKEYLOGFILE", file.toString()));
        assertTrue(log.enabled());
        log.log(clientHandshake(), CLIENT_RANDOM);
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void fileIsAppendedToAndReadableByItsOwnerOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keys.log");
        KeyLog.toFile(file).log(clientHandshake(), CLIENT_RANDOM);
        KeyLog.toFile(file).log(clientHandshake(), CLIENT_RANDOM);
        assertEquals(2, Files.readAllLines(file).size(), "a second log appends, never truncates");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
        }
    }

    @Test
    @Timeout(20)
    void concurrentConnectionsNeverInterleaveLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.log");
        KeyLog log = KeyLog.toFile(file);
        TrafficSecret secret = clientHandshake();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        log.log(secret, CLIENT_RANDOM);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(200, lines.size());
        String expected = KeyLog.line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", CLIENT_RANDOM, secret.secret());
        assertTrue(lines.stream().allMatch(expected::equals));
    }
}
