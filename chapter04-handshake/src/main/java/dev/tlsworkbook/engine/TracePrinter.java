package dev.tlsworkbook.engine;

import dev.tlsworkbook.alert.Alert;
import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.record.ContentType;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Prints one connection's handshake the way RFC 8446 §2 draws it: the client on the left, the
 * server on the right, one line per message with its key fields and the keys its record was
 * protected with.
 *
 * <pre>
 * → ClientHello          [plaintext]         suites=[TLS_AES_128_GCM_SHA256, …] groups=[x25519, …] key_share=[x25519] sni=localhost
 * ← ServerHello          [plaintext]         suite=TLS_AES_128_GCM_SHA256 key_share=x25519 version=TLSv1.3
 *   · client reads with handshake keys (TLS_AES_128_GCM_SHA256)
 * ← EncryptedExtensions  [handshake keys]    (no extensions)
 * </pre>
 *
 * An arrow points the way the message travelled (→ client to server, ← server to client) whichever
 * side prints, so a client's and a server's trace of the same connection read alike. With
 * {@link Detail#BYTES} each message is followed by its annotated hex dump. The fields come from
 * {@link MessageFields}; the summary line from {@link HandshakeSummary#toString()}.
 *
 * <p>Thread-safe: each event is printed as one block, so traces of several connections sharing a
 * stream interleave by whole lines, each with this printer's prefix. An alert is shown under the
 * keys last installed for its direction, so that column is exact only when the printer listens to
 * one connection at a time.
 *
 * @since chapter04
 */
public final class TracePrinter implements TraceListener {
    /** How much to print. */
    public enum Detail {
        /** One line per message, alert, change_cipher_spec and key change. */
        MESSAGES,
        /** As {@link #MESSAGES}, plus every record and a hex dump of every handshake message. */
        BYTES
    }

    private final PrintStream out;
    private final boolean client;
    private final Detail detail;
    private final Supplier<String> prefix;
    /** The keys each direction currently uses, for alerts (whose event carries no epoch). */
    private volatile String writeEpoch = "plaintext";
    private volatile String readEpoch = "plaintext";

    private TracePrinter(PrintStream out, boolean client, Detail detail, Supplier<String> prefix) {
        this.out = Objects.requireNonNull(out, "out");
        this.client = client;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** A printer for a client's engine. */
    public static TracePrinter client(PrintStream out, Detail detail) {
        return new TracePrinter(out, true, detail, () -> "");
    }

    /** A printer for a server's engine. */
    public static TracePrinter server(PrintStream out, Detail detail) {
        return new TracePrinter(out, false, detail, () -> "");
    }

    /** This printer with {@code prefix} before every line, e.g. a connection number. */
    public TracePrinter withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return new TracePrinter(out, client, detail, () -> prefix);
    }

    /**
     * This printer with the prefix {@code prefix} gives at the moment each line is printed, e.g. a
     * connection number that appears only once a second connection overlaps this one.
     */
    public TracePrinter withPrefix(Supplier<String> prefix) {
        return new TracePrinter(out, client, detail, prefix);
    }

    /** The column headings of the RFC's diagram. */
    public void header() {
        print(String.format("%-22s %-19s %s", "  Client  →  Server", "protected with", "key fields"));
    }

    /** The one summary line after a handshake: trust, version, suite, group, scheme, peer, ALPN. */
    public void summary(HandshakeSummary summary) {
        print("= " + summary);
    }

    @Override
    public void handshakeMessage(Direction direction, HandshakeMessage message, Opaque wireBytes, String epoch) {
        // A ServerHello that is not TLS 1.3's record is an older version's (chapter05): its change_cipher_spec is real.
        if (message.type() == dev.tlsworkbook.handshake.message.HandshakeType.SERVER_HELLO
                && !(message instanceof dev.tlsworkbook.handshake.message.ServerHelloMessage)) {
            olderVersion = true;
        }
        String line = String.format("%s %-20s %-19s %s", arrow(direction), MessageFields.name(message),
                keys(epoch), MessageFields.describe(message)).stripTrailing();
        if (detail == Detail.BYTES) {
            line += "\n" + dump(message, wireBytes);
        }
        print(line);
    }

    /** Set once a ServerHello of an older version is seen. */
    private boolean olderVersion;

    @Override
    public void changeCipherSpec(Direction direction) {
        print(String.format("%s %-20s %-19s %s", arrow(direction), "ChangeCipherSpec", keys("plaintext"),
                olderVersion ? "(RFC 5246 §7.1: the sender's next records use the new keys)"
                        : "(middlebox compatibility, RFC 8446 Appendix D.4; ignored)"));
    }

    @Override
    public void alert(Direction direction, Alert alert) {
        alert(direction, alert, direction == Direction.SENT ? writeEpoch : readEpoch);
    }

    /** The alert under the keys it travelled with, as the engine reports them (not the printer's last key change). */
    @Override
    public void alert(Direction direction, Alert alert, String epoch) {
        print(String.format("%s %-20s %-19s %s %s", arrow(direction), "Alert", keys(epoch),
                alert.level().name().toLowerCase(java.util.Locale.ROOT), alert.description()));
    }

    @Override
    public void keysInstalled(Direction direction, String epoch, CipherSuite suite) {
        if (direction == Direction.SENT) {
            writeEpoch = epoch;
        } else {
            readEpoch = epoch;
        }
        String who = client ? "client" : "server";
        String verb = direction == Direction.SENT ? "writes" : "reads";
        print(String.format("  · %s %s with %s from here (%s)", who, verb, keys(epoch).replaceAll("[\\[\\]]", ""),
                suite.name()));
    }

    @Override
    public void record(Direction direction, ContentType outerType, int length, String epoch) {
        if (detail == Detail.BYTES) {
            print(String.format("  %s record %s, %d bytes, %s", direction == Direction.SENT ? "sent" : "received",
                    outerType, length, keys(epoch)));
        }
    }

    /** The bracketed key label for an engine epoch: [plaintext], [handshake keys], [application keys]. */
    static String keys(String epoch) {
        return "plaintext".equals(epoch) ? "[plaintext]" : "[" + epoch + " keys]";
    }

    private String arrow(Direction direction) {
        boolean clientToServer = (direction == Direction.SENT) == client;
        return clientToServer ? "→" : "←";
    }

    /** The four-byte header spelled out, then the body as {@code hexdump -C} would show it. */
    private static String dump(HandshakeMessage message, Opaque wireBytes) {
        byte[] bytes = wireBytes.bytes();
        if (bytes.length < HandshakeFrame.HEADER_LENGTH) {
            return Hex.dump(bytes, 0, bytes.length, "      ");
        }
        int length = ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        String header = String.format("      %02x %02x %02x %02x   msg_type=%s, length=%d%n", bytes[0], bytes[1],
                bytes[2], bytes[3], HandshakeType.fromCode(bytes[0] & 0xff).map(HandshakeType::name)
                        .orElse(String.valueOf(bytes[0] & 0xff)).toLowerCase(java.util.Locale.ROOT), length);
        return header + Hex.dump(bytes, HandshakeFrame.HEADER_LENGTH, bytes.length - HandshakeFrame.HEADER_LENGTH,
                "      ").stripTrailing();
    }

    private void print(String text) {
        StringBuilder block = new StringBuilder();
        String linePrefix = prefix.get();
        for (String line : text.split("\n", -1)) {
            block.append(linePrefix).append(line).append(System.lineSeparator());
        }
        synchronized (out) {
            out.print(block);
            out.flush();
        }
    }
}
