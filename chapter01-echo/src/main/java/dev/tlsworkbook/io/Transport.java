package dev.tlsworkbook.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * A blocking, ordered, reliable byte pipe: what TCP gives and what TLS must give again. The echo
 * server and client are written against this interface only, so chapter02 can run them over
 * protected records and chapter04 over TLS without changing a line of them.
 *
 * @since chapter01
 */
public interface Transport extends Closeable {

    /**
     * Reads at least one and at most {@code length} bytes, blocking until some arrive.
     * Like TCP, a read may return fewer bytes than were written in one call, or bytes of several
     * writes at once.
     *
     * @return the number of bytes read, or -1 once the peer has closed its output
     */
    int read(byte[] buffer, int offset, int length) throws IOException;

    /** Writes all {@code length} bytes, blocking until they are handed to the pipe. */
    void write(byte[] buffer, int offset, int length) throws IOException;

    /** Writes every byte of {@code bytes}. */
    default void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /**
     * Half-close: no more writes from this side. The peer reads what was written, then end of
     * stream, and may go on writing back (TCP FIN, and TLS's close_notify in chapter04).
     */
    void shutdownOutput() throws IOException;

    /** Closes both directions and releases the underlying resources. Idempotent. */
    @Override
    void close() throws IOException;
}
