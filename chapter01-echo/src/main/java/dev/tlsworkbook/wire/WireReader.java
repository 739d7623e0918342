package dev.tlsworkbook.wire;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.DecodeException.Reason;
import java.nio.ByteBuffer;

/**
 * Reads the TLS presentation language (RFC 8446 §3) from a byte slice. Vector bounds are
 * arguments, so a decoder reads like the RFC struct:
 *
 * <pre>{@code
 * // opaque legacy_session_id<0..32>;
 * Opaque sessionId = in.opaque8(0, 32);
 * // CipherSuite cipher_suites<2..2^16-2>;
 * WireReader suites = in.sub16(2, 0xfffe);
 * }</pre>
 *
 * Every failure is a {@link DecodeException} with a reason; a
 * {@link java.nio.BufferUnderflowException} never escapes.
 *
 * @since chapter01
 */
public final class WireReader {
    private final ByteBuffer buffer;

    private WireReader(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** A reader over all of {@code bytes} (not copied: do not change them while reading). */
    public static WireReader of(byte[] bytes) {
        return new WireReader(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
    }

    /** A reader over {@code bytes[offset .. offset+length)}. */
    public static WireReader of(byte[] bytes, int offset, int length) {
        return new WireReader(ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer());
    }

    /** A reader over the remaining bytes of {@code buffer}; the buffer's position is not moved. */
    public static WireReader of(ByteBuffer buffer) {
        return new WireReader(buffer.slice().asReadOnlyBuffer());
    }

    /** A reader over an {@link Opaque}. */
    public static WireReader of(Opaque bytes) {
        return new WireReader(bytes.asReadOnlyBuffer());
    }

    public int u8() {
        need(1, "uint8");
        return buffer.get() & 0xff;
    }

    public int u16() {
        need(2, "uint16");
        return buffer.getShort() & 0xffff;
    }

    public int u24() {
        need(3, "uint24");
        return ((buffer.get() & 0xff) << 16) | (buffer.getShort() & 0xffff);
    }

    public long u32() {
        need(4, "uint32");
        return buffer.getInt() & 0xffffffffL;
    }

    public long u64() {
        need(8, "uint64");
        return buffer.getLong();
    }

    /** {@code opaque x[n]}: exactly {@code n} bytes. */
    public Opaque fixed(int n) {
        need(n, "opaque[" + n + "]");
        return Opaque.read(buffer, n);
    }

    /** {@code opaque x<min..max>} with a one-byte length. */
    public Opaque opaque8(int min, int max) {
        return Opaque.read(buffer, length(u8(), min, max, "opaque<" + min + ".." + max + ">"));
    }

    /** {@code opaque x<min..max>} with a two-byte length. */
    public Opaque opaque16(int min, int max) {
        return Opaque.read(buffer, length(u16(), min, max, "opaque<" + min + ".." + max + ">"));
    }

    /** {@code opaque x<min..max>} with a three-byte length. */
    public Opaque opaque24(int min, int max) {
        return Opaque.read(buffer, length(u24(), min, max, "opaque<" + min + ".." + max + ">"));
    }

    /** A child reader over a vector with a one-byte length; this reader moves past it. */
    public WireReader sub8(int min, int max) {
        return sub(length(u8(), min, max, "vector<" + min + ".." + max + ">"));
    }

    /** A child reader over a vector with a two-byte length; this reader moves past it. */
    public WireReader sub16(int min, int max) {
        return sub(length(u16(), min, max, "vector<" + min + ".." + max + ">"));
    }

    /** A child reader over a vector with a three-byte length; this reader moves past it. */
    public WireReader sub24(int min, int max) {
        return sub(length(u24(), min, max, "vector<" + min + ".." + max + ">"));
    }

    /** A child reader over the next {@code n} bytes; this reader moves past them. */
    public WireReader sub(int n) {
        need(n, n + "-byte body");
        ByteBuffer child = buffer.slice();
        child.limit(n);
        buffer.position(buffer.position() + n);
        return new WireReader(child);
    }

    /** Everything that is left, as one value. */
    public Opaque rest() {
        return Opaque.read(buffer, buffer.remaining());
    }

    public void skip(int n) {
        need(n, n + " bytes to skip");
        buffer.position(buffer.position() + n);
    }

    public int remaining() {
        return buffer.remaining();
    }

    public boolean hasRemaining() {
        return buffer.hasRemaining();
    }

    /** Bytes consumed so far (for diagnostics and annotated dumps). */
    public int position() {
        return buffer.position();
    }

    /** Fails with {@link Reason#TRAILING_DATA} unless every byte was consumed. */
    public void expectEnd() {
        if (buffer.hasRemaining()) {
            throw new DecodeException(Reason.TRAILING_DATA,
                    buffer.remaining() + " byte(s) left after the end of the structure");
        }
    }

    private int length(int length, int min, int max, String what) {
        if (length < min || length > max) {
            throw new DecodeException(Reason.LENGTH_OUT_OF_RANGE,
                    what + " has length " + length);
        }
        need(length, what);
        return length;
    }

    private void need(int n, String what) {
        if (n < 0) {
            // Only our own code can ask for a negative count: every length read from the wire is unsigned.
            throw new IllegalArgumentException(what + ": negative byte count " + n);
        }
        if (buffer.remaining() < n) {
            throw new DecodeException(Reason.TRUNCATED,
                    what + " needs " + n + " byte(s), " + buffer.remaining() + " left");
        }
    }
}
