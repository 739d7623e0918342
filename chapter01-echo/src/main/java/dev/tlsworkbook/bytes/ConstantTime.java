package dev.tlsworkbook.bytes;

/**
 * Comparisons whose running time does not depend on where two secret values differ, for MACs,
 * Finished verify_data and PSK binders (RFC 8446 §4.4.4: a timing leak here lets an attacker
 * forge byte by byte).
 *
 * @since chapter01
 */
public final class ConstantTime {
    private ConstantTime() {
    }

    /**
     * True when both arrays have the same length and content. The length itself is not secret
     * (it is fixed by the hash), so a length mismatch may return early.
     */
    public static boolean equals(byte[] a, byte[] b) {
        return equals(a, 0, b, 0, a.length) && a.length == b.length;
    }

    /** Compares {@code length} bytes of {@code a} from {@code aOffset} with {@code b} from {@code bOffset}. */
    public static boolean equals(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        if (aOffset < 0 || bOffset < 0 || length < 0
                || aOffset + length > a.length || bOffset + length > b.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= a[aOffset + i] ^ b[bOffset + i];
        }
        return diff == 0;
    }

    /** {@link #equals(byte[], byte[])} over two {@link Opaque} values. */
    public static boolean equals(Opaque a, Opaque b) {
        return equals(a.bytes(), b.bytes());
    }
}
