package dev.tlsworkbook.bytes;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An immutable run of bytes: the {@code opaque} type of the TLS presentation language
 * (RFC 8446 §3.2). Unlike {@code byte[]}, it compares by content, so records holding it
 * (handshake messages, extensions) get a correct {@code equals}, and it prints as hex.
 *
 * @since chapter01
 */
public final class Opaque implements Comparable<Opaque> {
    /** The empty value, {@code opaque x<0..N>} with nothing in it. */
    public static final Opaque EMPTY = new Opaque(new byte[0]);

    private final byte[] bytes;

    private Opaque(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}; later changes to the array do not show. */
    public static Opaque of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Opaque(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Opaque of(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new Opaque(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Parses hex, white space allowed (see {@link Hex#decode}). */
    public static Opaque fromHex(CharSequence hex) {
        return of(Hex.decode(hex));
    }

    /** Reads {@code length} bytes from {@code source}, advancing its position. */
    public static Opaque read(ByteBuffer source, int length) {
        byte[] b = new byte[length];
        source.get(b);
        return adopt(b);
    }

    private static Opaque adopt(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Opaque(bytes);
    }

    /** The same bytes filled with {@code length} copies of {@code value}. */
    public static Opaque filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return adopt(b);
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index} as an unsigned value 0..255. */
    public int byteAt(int index) {
        return bytes[index] & 0xff;
    }

    /** A fresh copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the bytes into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    /** A read-only view, no copy. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** {@code length} bytes from {@code offset}. */
    public Opaque slice(int offset, int length) {
        return of(bytes, offset, length);
    }

    /** This value followed by {@code other}. */
    public Opaque concat(Opaque other) {
        byte[] joined = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, joined, bytes.length, other.bytes.length);
        return adopt(joined);
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Opaque other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Opaque o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** Hex, shortened in the middle past 64 bytes so traces stay readable. */
    @Override
    public String toString() {
        if (bytes.length <= 64) {
            return hex();
        }
        return Hex.encode(bytes, 0, 24) + "…(" + bytes.length + " bytes)…"
                + Hex.encode(bytes, bytes.length - 8, 8);
    }
}
