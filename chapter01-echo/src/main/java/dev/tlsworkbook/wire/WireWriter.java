package dev.tlsworkbook.wire;

import dev.tlsworkbook.bytes.Opaque;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Writes the TLS presentation language (RFC 8446 §3) into a growing buffer. Length prefixes are
 * back-filled, so no encoder computes a length by hand:
 *
 * <pre>{@code
 * out.prefixed16(list -> suites.forEach(s -> list.u16(s.code())));
 * }</pre>
 *
 * Writing a value that does not fit its field, or a vector longer than its prefix can say, is a
 * bug in our code, not the peer's, and fails with an unchecked exception.
 *
 * @since chapter01
 */
public final class WireWriter {
    private byte[] buffer;
    private int size;

    public WireWriter() {
        this(64);
    }

    public WireWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public WireWriter u8(int value) {
        check(value, 0xff, "uint8");
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter u16(int value) {
        check(value, 0xffff, "uint16");
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter u24(int value) {
        check(value, 0xffffff, "uint24");
        ensure(3);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter u32(long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("uint32 out of range: " + value);
        }
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public WireWriter u64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public WireWriter bytes(byte[] bytes) {
        return bytes(bytes, 0, bytes.length);
    }

    public WireWriter bytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        return this;
    }

    public WireWriter bytes(Opaque bytes) {
        ensure(bytes.length());
        bytes.copyTo(buffer, size);
        size += bytes.length();
        return this;
    }

    /** {@code opaque x<..2^8-1>}: a one-byte length, then the bytes. */
    public WireWriter opaque8(Opaque bytes) {
        return prefixed8(w -> w.bytes(bytes));
    }

    /** {@code opaque x<..2^16-1>}: a two-byte length, then the bytes. */
    public WireWriter opaque16(Opaque bytes) {
        return prefixed16(w -> w.bytes(bytes));
    }

    /** {@code opaque x<..2^24-1>}: a three-byte length, then the bytes. */
    public WireWriter opaque24(Opaque bytes) {
        return prefixed24(w -> w.bytes(bytes));
    }

    /** Writes a one-byte length, then whatever {@code body} writes, and back-fills the length. */
    public WireWriter prefixed8(Consumer<WireWriter> body) {
        return prefixed(1, 0xff, body);
    }

    /** Writes a two-byte length, then whatever {@code body} writes, and back-fills the length. */
    public WireWriter prefixed16(Consumer<WireWriter> body) {
        return prefixed(2, 0xffff, body);
    }

    /** Writes a three-byte length, then whatever {@code body} writes, and back-fills the length. */
    public WireWriter prefixed24(Consumer<WireWriter> body) {
        return prefixed(3, 0xffffff, body);
    }

    public int size() {
        return size;
    }

    /** Forgets what was written, keeping the buffer for reuse. */
    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    public Opaque toOpaque() {
        return Opaque.of(buffer, 0, size);
    }

    private WireWriter prefixed(int prefixBytes, int max, Consumer<WireWriter> body) {
        ensure(prefixBytes);
        int at = size;
        size += prefixBytes;
        body.accept(this);
        int length = size - at - prefixBytes;
        if (length > max) {
            throw new IllegalStateException(
                    "vector of " + length + " bytes does not fit a " + prefixBytes + "-byte length");
        }
        for (int i = prefixBytes - 1, shift = 0; i >= 0; i--, shift += 8) {
            buffer[at + i] = (byte) (length >>> shift);
        }
        return this;
    }

    private static void check(int value, int max, String type) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(type + " out of range: " + value);
        }
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
