package dev.tlsworkbook.engine.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One labelled span of bytes in the illustrated connection and the walkthrough: its name as the
 * RFC spells it, its bytes, why it is there, the RFC section that defines it and the source file
 * that handles it. A field either is a leaf or is cut into {@code parts}, whose bytes together
 * are its own. A field that is not on the wire ({@code wire == false}) was computed from it — a
 * key, a nonce, a record's decrypted content — so a reader can check the arithmetic.
 *
 * @param name the RFC's name of the field, e.g. {@code legacy_session_id}
 * @param bytes the field's bytes
 * @param why one or two sentences: what the field is and why it is there
 * @param rfc where it is defined, {@code "RFC 8446 §4.1.2"} (linked on the page), or empty
 * @param code the handling source file relative to the repository root, or empty
 * @param wire whether the bytes travel on the wire as shown
 * @param parts the field cut into smaller fields, or empty for a leaf
 * @since chapter04
 */
public record Field(String name, byte[] bytes, String why, String rfc, String code, boolean wire, List<Field> parts) {
    private static final Pattern RFC = Pattern.compile("RFC (\\d+) §(\\S+)");

    public Field {
        Objects.requireNonNull(name, "name");
        bytes = bytes.clone();
        parts = List.copyOf(parts);
    }

    /** A leaf on the wire: {@code length} bytes of {@code from} at {@code offset}. */
    public static Field of(String name, byte[] from, int offset, int length, String why, String rfc, String code) {
        return new Field(name, Arrays.copyOfRange(from, offset, offset + length), why, rfc, code, true, List.of());
    }

    /** A field on the wire cut into {@code parts}, which cover its bytes in order. */
    public static Field group(String name, String why, String rfc, String code, List<Field> parts) {
        return new Field(name, concat(parts), why, rfc, code, true, parts);
    }

    /** A value computed from the wire (a key, a nonce), not sent. */
    public static Field derived(String name, byte[] bytes, String why, String rfc, String code) {
        return new Field(name, bytes, why, rfc, code, false, List.of());
    }

    /** A computed value cut into parts, e.g. a record's decrypted content. */
    public static Field derivedGroup(String name, String why, String rfc, String code, List<Field> parts) {
        return new Field(name, concat(parts), why, rfc, code, false, parts);
    }

    /** Its length in bytes. */
    public int length() {
        return bytes.length;
    }

    /** The RFC section's address on rfc-editor.org, or empty when {@link #rfc()} names none. */
    public String rfcUrl() {
        Matcher m = RFC.matcher(rfc);
        if (!m.find()) {
            return "";
        }
        String section = m.group(2);
        return "https://www.rfc-editor.org/rfc/rfc" + m.group(1) + "#" + (Character.isLetter(section.charAt(0))
                ? "appendix-" : "section-") + section;
    }

    /** The first field named {@code name}, searching depth first (this one included). */
    public java.util.Optional<Field> find(String name) {
        if (this.name.equals(name)) {
            return java.util.Optional.of(this);
        }
        for (Field p : parts) {
            java.util.Optional<Field> f = p.find(name);
            if (f.isPresent()) {
                return f;
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Field f && name.equals(f.name) && Arrays.equals(bytes, f.bytes) && why.equals(f.why)
                && rfc.equals(f.rfc) && code.equals(f.code) && wire == f.wire && parts.equals(f.parts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(bytes), parts);
    }

    @Override
    public String toString() {
        return name + "(" + bytes.length + " bytes" + (parts.isEmpty() ? "" : ", " + parts.size() + " parts") + ")";
    }

    private static byte[] concat(List<Field> parts) {
        int n = 0;
        for (Field p : parts) {
            n += p.length();
        }
        byte[] all = new byte[n];
        int off = 0;
        for (Field p : parts) {
            System.arraycopy(p.bytes, 0, all, off, p.length());
            off += p.length();
        }
        return all;
    }
}
