package dev.tlsworkbook.io;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of an in-memory connection made by {@link #pair(int)}. It behaves like a TCP socket
 * on a slow network: a read blocks until bytes arrive and then returns at most {@code maxChunk}
 * of them, however they were written, so tests see the same fragmentation a real network can
 * produce. Half-close, close and "peer went away" behave as with sockets:
 *
 * <ul>
 *   <li>{@link #shutdownOutput()}: the peer drains what was written, then reads -1; this end
 *       can still read.
 *   <li>{@link #close()}: both directions end; a read blocked on this end in another thread
 *       fails, the peer reads -1 after draining, and the peer's later writes fail.
 * </ul>
 *
 * Buffers are unbounded: a write never blocks. One thread may read while another writes.
 *
 * @since chapter01
 */
public final class InMemoryTransport implements Transport {
    /** Two connected ends; they are symmetric, the names only help tests read well. */
    public record Pair(InMemoryTransport client, InMemoryTransport server) {
    }

    private final Pipe incoming;
    private final Pipe outgoing;
    private final String name;
    private volatile boolean closed;

    private InMemoryTransport(Pipe incoming, Pipe outgoing, String name) {
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.name = name;
    }

    /**
     * Two connected ends whose reads return at most {@code maxChunk} bytes each.
     *
     * @throws IllegalArgumentException if {@code maxChunk < 1}
     */
    public static Pair pair(int maxChunk) {
        if (maxChunk < 1) {
            throw new IllegalArgumentException("maxChunk must be at least 1: " + maxChunk);
        }
        Pipe clientToServer = new Pipe(maxChunk);
        Pipe serverToClient = new Pipe(maxChunk);
        return new Pair(new InMemoryTransport(serverToClient, clientToServer, "client"),
                new InMemoryTransport(clientToServer, serverToClient, "server"));
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        return incoming.read(buffer, offset, length);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (closed) {
            throw new IOException("transport closed");
        }
        outgoing.write(buffer, offset, length);
    }

    @Override
    public void shutdownOutput() {
        outgoing.endOfStream();
    }

    @Override
    public void close() {
        closed = true;
        outgoing.endOfStream();
        incoming.readerClosed();
    }

    @Override
    public String toString() {
        return "InMemoryTransport[" + name + "]";
    }

    /** One direction: bytes written by one end, waiting to be read by the other. */
    private static final class Pipe {
        private final int maxChunk;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition readable = lock.newCondition();
        private byte[] data = new byte[256];
        private int head;
        private int tail;
        private boolean writerDone;
        private boolean readerGone;

        Pipe(int maxChunk) {
            this.maxChunk = maxChunk;
        }

        int read(byte[] buffer, int offset, int length) throws IOException {
            lock.lock();
            try {
                while (head == tail && !writerDone && !readerGone) {
                    readable.awaitUninterruptibly();
                }
                if (readerGone) {
                    throw new IOException("transport closed");
                }
                if (length == 0) {
                    return 0;
                }
                if (head == tail) {
                    return -1;
                }
                int n = Math.min(Math.min(length, maxChunk), tail - head);
                System.arraycopy(data, head, buffer, offset, n);
                head += n;
                return n;
            } finally {
                lock.unlock();
            }
        }

        void write(byte[] buffer, int offset, int length) throws IOException {
            lock.lock();
            try {
                if (writerDone) {
                    throw new IOException("output is shut down");
                }
                if (readerGone) {
                    throw new IOException("peer closed the connection");
                }
                makeRoom(length);
                System.arraycopy(buffer, offset, data, tail, length);
                tail += length;
                readable.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void endOfStream() {
            lock.lock();
            try {
                writerDone = true;
                readable.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void readerClosed() {
            lock.lock();
            try {
                readerGone = true;
                head = tail = 0;
                readable.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Compacts, or grows to twice the size, so appending {@code length} bytes fits. */
        private void makeRoom(int length) {
            int unread = tail - head;
            if (tail + length <= data.length) {
                return;
            }
            if (unread + length <= data.length) {
                System.arraycopy(data, head, data, 0, unread);
            } else {
                byte[] bigger = new byte[Math.max(data.length * 2, Math.addExact(unread, length))];
                System.arraycopy(data, head, bigger, 0, unread);
                data = bigger;
            }
            head = 0;
            tail = unread;
        }
    }
}
