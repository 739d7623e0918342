package dev.tlsworkbook.keyschedule;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Where secrets go when the user asks to see them: the SSLKEYLOGFILE format
 * (draft-ietf-tls-keylogfile §2), one line per secret, read by Wireshark to decrypt a capture:
 *
 * <pre>
 * CLIENT_HANDSHAKE_TRAFFIC_SECRET &lt;client_random, 64 hex digits&gt; &lt;secret in hex&gt;
 * </pre>
 *
 * Off unless configured ({@link #NONE}); logging secrets defeats TLS for anyone who can read the
 * file (draft-ietf-tls-keylogfile §3), so nothing in the stack turns it on by itself.
 *
 * @since chapter03
 */
@FunctionalInterface
public interface KeyLog {

    /** Logs nothing. The default everywhere. */
    KeyLog NONE = line -> {
    };

    /** The environment variable browsers, curl and OpenSSL-based tools honour. */
    String ENVIRONMENT_VARIABLE = "SSLKEYLOGFILE";

    /** Receives one complete line (no line terminator). Implementations must be thread-safe. */
    void accept(String line);

    /** False for {@link #NONE}: lets callers skip formatting a line nobody will read. */
    default boolean enabled() {
        return this != NONE;
    }

    /**
     * Logs {@code secret} under {@code label} for the connection whose ClientHello.random is
     * {@code clientRandom}. The general form, for labels beyond TLS 1.3 (e.g. TLS 1.2's
     * {@code CLIENT_RANDOM}).
     */
    default void log(String label, Opaque clientRandom, SecretBytes secret) {
        if (enabled()) {
            accept(line(label, clientRandom, secret));
        }
    }

    /**
     * Logs a key-schedule secret if it has a key-log name (traffic secrets of generation 0,
     * exporter secrets); others (binder keys, resumption master, KeyUpdate generations) are
     * skipped, as the format defines no label for them.
     */
    default void log(DerivedSecret secret, Opaque clientRandom) {
        var name = secret instanceof TrafficSecret traffic ? traffic.keyLogName() : secret.label().keyLogName();
        name.ifPresent(label -> log(label, clientRandom, secret.secret()));
    }

    /** Appends lines to {@code file} (created owner-readable only if missing), flushing each. */
    static KeyLog toFile(Path file) {
        return new FileKeyLog(file);
    }

    /** Sends each line to {@code sink}, e.g. a list in a test or a demo's printer. */
    static KeyLog to(Consumer<String> sink) {
        return sink::accept;
    }

    /** {@link #toFile} of {@code $SSLKEYLOGFILE} if it is set and not blank, else {@link #NONE}. */
    static KeyLog fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** {@link #fromEnvironment()} over a given environment, so it can be tested. */
    static KeyLog fromEnvironment(Map<String, String> environment) {
        String path = environment.get(ENVIRONMENT_VARIABLE);
        return path == null || path.isBlank() ? NONE : toFile(Path.of(path));
    }

    /**
     * One line: label, client_random (32 bytes, 64 hex digits) and secret, separated by single
     * spaces (draft-ietf-tls-keylogfile §2).
     */
    static String line(String label, Opaque clientRandom, SecretBytes secret) {
        if (!LabelSyntax.VALID.matcher(label).matches()) {
            throw new IllegalArgumentException("key log labels are upper-case ASCII words: " + label);
        }
        if (clientRandom.length() != 32) {
            throw new IllegalArgumentException("client_random is 32 bytes, was " + clientRandom.length());
        }
        return label + ' ' + clientRandom.hex() + ' ' + secret.hex();
    }

    /** Holder for the label pattern (interfaces cannot have private static fields). */
    final class LabelSyntax {
        static final Pattern VALID = Pattern.compile("[A-Z][A-Z0-9_]*");

        private LabelSyntax() {
        }
    }
}
