package dev.tlsworkbook.starttls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Delivered messages, one {@code .eml} file each in one directory: SMTP writes them, IMAP and
 * POP3 list and read them. One mailbox for every local user keeps the chapter about TLS, not
 * about mail storage. A message is written under a temporary name and moved into place, so a
 * reader never sees half of one.
 *
 * @since chapter05
 */
public final class MailStore {
    private final Path directory;
    private final AtomicLong sequence = new AtomicLong();

    public MailStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    /** The directory the messages are in. */
    public Path directory() {
        return directory;
    }

    /** Stores one message (headers and body, CRLF line endings) and returns its id. */
    public String deliver(byte[] message) throws IOException {
        String id = String.format("%013d-%04d", System.currentTimeMillis(), sequence.incrementAndGet() % 10_000);
        Path partial = directory.resolve("." + id + ".tmp");
        Files.write(partial, message);
        Files.move(partial, directory.resolve(id + ".eml"), StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    /** The messages in delivery order; message number n (1-based, as IMAP and POP3 count) is element n-1. */
    public List<Path> messages() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of message {@code number} (1-based), or null when there is no such message. */
    public byte[] read(int number) throws IOException {
        List<Path> all = messages();
        return number >= 1 && number <= all.size() ? Files.readAllBytes(all.get(number - 1)) : null;
    }
}
