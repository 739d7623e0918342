package dev.tlsworkbook.starttls;

import dev.tlsworkbook.io.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The line discipline of SMTP, IMAP and POP3 over a {@link Transport}: lines end in CRLF, are
 * read through one small buffer, and are bounded in length so a peer cannot make us hold an
 * endless line (RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets with its CRLF).
 *
 * <p>The buffer is what makes STARTTLS dangerous: bytes the peer sent after the command, in the
 * same TCP segment, are already in it when the upgrade starts. {@link #discardBuffered()} drops
 * them at the moment of the upgrade, so nothing that arrived in plaintext is ever read as if it
 * had come through TLS (CVE-2011-0411).
 *
 * @since chapter05
 */
public final class MailLines {
    /** RFC 5321 §4.5.3.1.6: "The maximum total length of a text line including the CRLF is 1000 octets." */
    public static final int MAX_LINE = 1000;

    private final Transport transport;
    private final Dialogue dialogue;
    private final byte[] buffer = new byte[4096];
    private int start;
    private int end;

    public MailLines(Transport transport) {
        this(transport, Dialogue.NONE);
    }

    /** Lines over {@code transport}, each one also shown to {@code dialogue} (the demo prints them). */
    public MailLines(Transport transport, Dialogue dialogue) {
        this.transport = transport;
        this.dialogue = dialogue;
    }

    /** Sees every line read and written, e.g. to print the plaintext dialogue of a STARTTLS upgrade. */
    public interface Dialogue {
        /** Shows nothing. */
        Dialogue NONE = new Dialogue() { };

        /** A line we wrote. */
        default void sent(String line) {
        }

        /** A line we read. */
        default void received(String line) {
        }
    }

    /** The dialogue listener, for the lines of the same connection after an upgrade. */
    public Dialogue dialogue() {
        return dialogue;
    }

    /** The transport lines travel over. */
    public Transport transport() {
        return transport;
    }

    /**
     * The next line without its line ending (CRLF, or a bare LF from a lenient peer), or empty at
     * end of stream.
     *
     * @throws LineTooLongException when no line ending comes within {@link #MAX_LINE} octets
     */
    public Optional<String> readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    int stop = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    String tail = new String(buffer, start, stop - start, StandardCharsets.ISO_8859_1);
                    start = i + 1;
                    String whole = line == null ? tail : line.append(tail).toString();
                    if (whole.length() + 2 > MAX_LINE) {
                        throw new LineTooLongException(MAX_LINE);
                    }
                    dialogue.received(whole);
                    return Optional.of(whole);
                }
            }
            if (line == null) {
                line = new StringBuilder();
            }
            line.append(new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
            start = end;
            if (line.length() > MAX_LINE) {
                throw new LineTooLongException(MAX_LINE);
            }
            int n = transport.read(buffer, 0, buffer.length);
            if (n < 0) {
                return Optional.empty();
            }
            start = 0;
            end = n;
        }
    }

    /** Writes {@code line} followed by CRLF. */
    public void writeLine(String line) throws IOException {
        dialogue.sent(line);
        byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        transport.write(bytes, 0, bytes.length);
    }

    /** Writes raw bytes (a message body, an IMAP literal). */
    public void write(byte[] bytes) throws IOException {
        transport.write(bytes, 0, bytes.length);
    }

    /** Bytes received but not yet returned as lines. */
    public int buffered() {
        return end - start;
    }

    /**
     * Drops every byte received but not yet read, and says how many there were. Called at the
     * STARTTLS boundary: whatever the peer pipelined after the command arrived in plaintext.
     */
    public int discardBuffered() {
        int dropped = end - start;
        start = 0;
        end = 0;
        return dropped;
    }

    /** A line longer than the protocol allows. */
    public static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(int max) {
            super("line longer than " + max + " octets (RFC 5321 §4.5.3.1.6)");
        }
    }
}
