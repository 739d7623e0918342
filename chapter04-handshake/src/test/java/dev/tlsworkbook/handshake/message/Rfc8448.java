package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks values up in the verbatim RFC 8448 text (src/test/resources/vectors/rfc8448.txt) by
 * section, step and label, e.g. section "3.", step "{client}  send handshake record:", label
 * "payload". Hex may run across page breaks; the octet count in the label says where it ends.
 */
public final class Rfc8448 {
    private static final Pattern VALUE = Pattern.compile("^\\s+(.+?) \\((\\d+) octets\\):\\s*(.*)$");
    private static final Pattern HEX_LINE = Pattern.compile("^\\s+([0-9a-f]{2}( [0-9a-f]{2})*)\\s*$");
    private static final List<String> LINES = load();

    private Rfc8448() {
    }

    /** One step's value: the {@code label} of the {@code occurrence}-th (0-based) {@code step} in {@code section}. */
    public static Opaque value(String section, String step, String label, int occurrence) {
        int start = sectionStart(section);
        int seen = 0;
        for (int i = start; i < LINES.size() && !isNextSection(i, start); i++) {
            if (LINES.get(i).trim().equals(step) && seen++ == occurrence) {
                return valueAfter(i + 1, label);
            }
        }
        throw new IllegalArgumentException("no step '" + step + "' #" + occurrence + " in section " + section);
    }

    public static Opaque value(String section, String step, String label) {
        return value(section, step, label, 0);
    }

    /** The RSA private key of the trace's server certificate (RFC 8448 §2). */
    public static java.security.PrivateKey serverPrivateKey() throws java.security.GeneralSecurityException {
        java.security.spec.RSAPrivateCrtKeySpec spec = new java.security.spec.RSAPrivateCrtKeySpec(
                component("modulus (public)"), component("public exponent"), component("private exponent"),
                component("prime1"), component("prime2"), component("exponent1"), component("exponent2"),
                component("coefficient"));
        return java.security.KeyFactory.getInstance("RSA").generatePrivate(spec);
    }

    private static java.math.BigInteger component(String label) {
        return new java.math.BigInteger(1, privateKeyComponent(label).bytes());
    }

    /**
     * A component of the server's RSA key printed in section 2 ("modulus (public)", "public
     * exponent", "prime1", ...): the hex after "label:" and on the lines that follow, up to the
     * first line that is not hex.
     */
    public static Opaque privateKeyComponent(String label) {
        int start = sectionStart("2.");
        for (int i = start; i < LINES.size() && !isNextSection(i, start); i++) {
            String line = LINES.get(i).trim();
            if (line.startsWith(label + ":")) {
                StringBuilder hex = new StringBuilder(line.substring(label.length() + 1));
                for (int j = i + 1; HEX_LINE.matcher(LINES.get(j)).matches(); j++) {
                    hex.append(' ').append(LINES.get(j).trim());
                }
                return Opaque.fromHex(hex);
            }
        }
        throw new IllegalArgumentException("no key component '" + label + "' in section 2");
    }

    /**
     * A SecureRandom that replays a trace: its first bytes are {@code prefix} (a ClientHello or
     * ServerHello random), then a fixed pattern (e.g. an RSA-PSS salt, which no trace can fix).
     */
    public static SecureRandom replaying(byte[] prefix) {
        byte[] copy = prefix.clone();
        return new SecureRandom() {
            private int used;

            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++, used++) {
                    bytes[i] = used < copy.length ? copy[used] : (byte) (used * 31);
                }
            }
        };
    }

    /**
     * The salt inside an RSASSA-PSS signature with SHA-256 and a 32-byte salt (RFC 8017 §9.1.2,
     * EMSA-PSS-VERIFY steps 3–10, run to recover rather than to check): the RSA public operation
     * gives the encoded message, whose masked DB is unmasked with MGF1 over its hash. RSA-PSS is
     * randomized only through this salt, so a signer whose randomness replays it signs the same
     * bytes as the trace.
     */
    public static byte[] pssSalt(java.security.interfaces.RSAPublicKey key, Opaque signature) {
        int emBits = key.getModulus().bitLength() - 1;
        int emLen = (emBits + 7) / 8;
        byte[] em = new java.math.BigInteger(1, signature.bytes()).modPow(key.getPublicExponent(), key.getModulus())
                .toByteArray();
        byte[] encoded = new byte[emLen];
        int copy = Math.min(em.length, emLen);
        System.arraycopy(em, em.length - copy, encoded, emLen - copy, copy);
        int hLen = 32;
        if ((encoded[emLen - 1] & 0xff) != 0xbc) {
            throw new IllegalArgumentException("not an EMSA-PSS encoding (no 0xbc trailer)");
        }
        byte[] h = java.util.Arrays.copyOfRange(encoded, emLen - hLen - 1, emLen - 1);
        byte[] db = java.util.Arrays.copyOf(encoded, emLen - hLen - 1);
        try {
            java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
            for (int counter = 0, pos = 0; pos < db.length; counter++) {
                sha256.update(h);
                sha256.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
                for (byte b : sha256.digest()) {
                    if (pos < db.length) {
                        db[pos++] ^= b;
                    }
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
        if (db[db.length - hLen - 1] != 1) {
            throw new IllegalArgumentException("not an EMSA-PSS encoding with a 32-byte salt");
        }
        return java.util.Arrays.copyOfRange(db, db.length - hLen, db.length);
    }

    /** Every "construct a ... handshake message" value in the document, with a name for the test. */
    static List<Object[]> constructedMessages() {
        List<Object[]> found = new ArrayList<>();
        String section = "";
        for (int i = 0; i < LINES.size(); i++) {
            String line = LINES.get(i);
            if (line.matches("^[0-9]\\.  .*")) {
                section = line.trim();
            }
            if (line.trim().matches("\\{(client|server)\\}  construct an? \\w+ handshake message:")) {
                Matcher m = VALUE.matcher(LINES.get(nextNonBlank(i + 1)));
                if (!m.matches()) {
                    throw new IllegalStateException("no value after line " + (i + 1));
                }
                found.add(new Object[] {section + " " + line.trim() + " " + m.group(1), valueAfter(i + 1, m.group(1))});
            }
        }
        return found;
    }

    private static Opaque valueAfter(int from, String label) {
        for (int i = from; i < LINES.size(); i++) {
            Matcher m = VALUE.matcher(LINES.get(i));
            if (m.matches() && m.group(1).equals(label)) {
                int octets = Integer.parseInt(m.group(2));
                StringBuilder hex = new StringBuilder(m.group(3));
                for (int j = i + 1; count(hex) < octets; j++) {
                    Matcher h = HEX_LINE.matcher(LINES.get(j));
                    if (h.matches()) {
                        hex.append(' ').append(h.group(1));
                    }
                }
                Opaque value = Opaque.fromHex(hex);
                if (value.length() != octets) {
                    throw new IllegalStateException(label + ": read " + value.length() + " of " + octets + " octets");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("no value '" + label + "' after line " + from);
    }

    private static int count(StringBuilder hex) {
        String s = hex.toString().trim();
        return s.isEmpty() ? 0 : s.split("\\s+").length;
    }

    private static int sectionStart(String section) {
        for (int i = 0; i < LINES.size(); i++) {
            if (LINES.get(i).startsWith(section + "  ")) {
                return i;
            }
        }
        throw new IllegalArgumentException("no section " + section);
    }

    private static boolean isNextSection(int i, int start) {
        return i > start && LINES.get(i).matches("^[0-9]+\\.  .*");
    }

    private static int nextNonBlank(int i) {
        while (LINES.get(i).isBlank()) {
            i++;
        }
        return i;
    }

    private static List<String> load() {
        try (InputStream in = Rfc8448.class.getResourceAsStream("/vectors/rfc8448.txt")) {
            if (in == null) {
                throw new IllegalStateException("vectors/rfc8448.txt missing from test resources");
            }
            return List.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\\R"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
