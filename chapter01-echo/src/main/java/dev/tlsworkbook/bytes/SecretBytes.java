package dev.tlsworkbook.bytes;

import java.util.Arrays;

/**
 * Key material: immutable bytes that never print. {@code toString()} is {@code [redacted]}, so a
 * secret logged by mistake leaks nothing; the only ways out are {@link #bytes()} (for the crypto
 * that needs it) and {@link #hex()} (for a key log the user asked for, and the chapter03 demo).
 *
 * @since chapter01
 */
public final class SecretBytes {
    private final byte[] bytes;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static SecretBytes of(byte[] bytes) {
        return new SecretBytes(bytes.clone());
    }

    /** Parses hex (white space allowed); for test vectors. */
    public static SecretBytes fromHex(CharSequence hex) {
        return new SecretBytes(Hex.decode(hex));
    }

    /** {@code length} zero bytes, e.g. the "0" input of the TLS 1.3 key schedule (RFC 8446 §7.1). */
    public static SecretBytes zeros(int length) {
        return new SecretBytes(new byte[length]);
    }

    public int length() {
        return bytes.length;
    }

    /** A fresh copy of the key material. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Hex of the key material: for key logs and the demos that exist to show secrets. */
    public String hex() {
        return Hex.encode(bytes);
    }

    /** Constant-time content comparison. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SecretBytes other && ConstantTime.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "[redacted]";
    }

    /** Overwrites the bytes with zeros once a secret is no longer needed. */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }
}
