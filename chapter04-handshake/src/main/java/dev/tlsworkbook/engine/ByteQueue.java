package dev.tlsworkbook.engine;

import java.util.Arrays;

/**
 * A growable FIFO of bytes over one array: the engine's queue of records to send and of received
 * plaintext. Reading from the front and appending at the back; the live bytes are moved to the
 * front before the array grows, so a queue that is drained as fast as it fills never grows.
 * {@link #trim} gives a grown array back once the queue is empty.
 */
final class ByteQueue {
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes;
    private int start;
    private int end;

    ByteQueue(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    /** Gives back the array once the queue is empty; the next append allocates what it needs. */
    void trim() {
        if (start == end && bytes.length > 0) {
            bytes = EMPTY;
            start = 0;
            end = 0;
        }
    }

    /** Bytes of memory held. */
    int capacity() {
        return bytes.length;
    }

    int size() {
        return end - start;
    }

    void append(byte[] src, int off, int n) {
        if (end + n > bytes.length) {
            System.arraycopy(bytes, start, bytes, 0, end - start);
            end -= start;
            start = 0;
            if (end + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, end + n));
            }
        }
        System.arraycopy(src, off, bytes, end, n);
        end += n;
    }

    /** Moves up to {@code len} bytes from the front into {@code dst}; returns how many. */
    int take(byte[] dst, int off, int len) {
        int n = Math.min(len, size());
        System.arraycopy(bytes, start, dst, off, n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return n;
    }
}
