package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two key logs (draft-ietf-tls-keylogfile §2) of one connection: both sides derived the
 * same secrets exactly when their lines agree. When a handshake fails, the first label that
 * differs shows which derivation diverged.
 */
public final class KeyLogs {
    /** The secrets every TLS 1.3 handshake derives (RFC 8446 §7.1) and both sides log. */
    public static final List<String> TRAFFIC_LABELS = List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0");

    private KeyLogs() {
    }

    public static List<String> read(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** label → "client_random secret", skipping comments and blank lines. */
    public static Map<String, String> parse(Collection<String> lines) {
        Map<String, String> secrets = new TreeMap<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split(" ");
            assertEquals(3, fields.length, "key log line has three fields: " + line);
            secrets.put(fields[0], fields[1].toLowerCase() + " " + fields[2].toLowerCase());
        }
        return secrets;
    }

    /** Both logs hold the four traffic secrets, with the same client_random and value, and agree on every shared label. */
    public static void assertSameSecrets(Collection<String> ours, Collection<String> theirs) {
        Map<String, String> a = parse(ours);
        Map<String, String> b = parse(theirs);
        for (String label : TRAFFIC_LABELS) {
            assertTrue(a.containsKey(label), "our key log lacks " + label + ": " + a.keySet());
            assertTrue(b.containsKey(label), "the peer's key log lacks " + label + ": " + b.keySet());
        }
        for (String label : a.keySet()) {
            if (b.containsKey(label)) {
                assertEquals(b.get(label), a.get(label), label + " differs: the derivations diverged here");
            }
        }
    }
}
