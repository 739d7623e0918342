package dev.tlsworkbook.bytes;

import java.util.HexFormat;

/**
 * Hexadecimal text for bytes: the form RFC 8448 prints its traces in, and the form every demo
 * in the workbook prints records in.
 *
 * @since chapter01
 */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    /** Lower-case hex, no separators. */
    public static String encode(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** Lower-case hex of {@code length} bytes from {@code offset}. */
    public static String encode(byte[] bytes, int offset, int length) {
        return LOWER.formatHex(bytes, offset, offset + length);
    }

    /**
     * Parses hex, ignoring white space (so RFC 8448's wrapped, space-separated dumps can be pasted
     * as they are).
     *
     * @throws IllegalArgumentException on an odd number of digits or a non-hex character
     */
    public static byte[] decode(CharSequence hex) {
        StringBuilder digits = new StringBuilder(hex.length());
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!Character.isWhitespace(c)) {
                digits.append(c);
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + digits.length());
        }
        return LOWER.parseHex(digits);
    }

    /**
     * A dump in the style of {@code hexdump -C}: offset, sixteen bytes, then the printable
     * characters. Used by the demos to show records on the wire.
     */
    public static String dump(byte[] bytes, int offset, int length, String indent) {
        StringBuilder out = new StringBuilder();
        for (int line = 0; line < length; line += 16) {
            int n = Math.min(16, length - line);
            out.append(indent).append(String.format("%04x  ", line));
            for (int i = 0; i < 16; i++) {
                out.append(i < n ? String.format("%02x ", bytes[offset + line + i] & 0xff) : "   ");
                if (i == 7) {
                    out.append(' ');
                }
            }
            out.append(" |");
            for (int i = 0; i < n; i++) {
                int b = bytes[offset + line + i] & 0xff;
                out.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            out.append("|\n");
        }
        return out.toString();
    }

    /** {@link #dump(byte[], int, int, String)} of a whole array with no indent. */
    public static String dump(byte[] bytes) {
        return dump(bytes, 0, bytes.length, "");
    }
}
