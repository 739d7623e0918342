package dev.tlsworkbook.keyschedule;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key log that appends to a file. Each line is written with one {@code write} on a file opened
 * for append, under a lock, so lines from several connections (threads) never interleave, and
 * the file is complete at every moment (the format wants secrets "as they are generated").
 */
final class FileKeyLog implements KeyLog {
    private static final Logger LOG = LoggerFactory.getLogger(FileKeyLog.class);

    private final Path file;
    private final Object lock = new Object();

    FileKeyLog(Path file) {
        this.file = file;
    }

    @Override
    public void accept(String line) {
        byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII);
        synchronized (lock) {
            try {
                createPrivately();
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to key log " + file, e);
            }
        }
    }

    /** The file holds secrets: create it readable by its owner only, where the file system can say so. */
    private void createPrivately() throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            LOG.warn("writing TLS secrets to key log {}: anyone who can read it can decrypt these connections", file);
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another process: append to it
        }
    }

    @Override
    public String toString() {
        return "KeyLog[" + file + "]";
    }
}
