package dev.tlsworkbook.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.keyschedule.trace.RfcText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 5869 Appendix A, read from the RFC text: cases 1–3 (SHA-256) and 4–7 (SHA-1). */
class Rfc5869Test {

    /** One "A.n.  Test Case n" block: {@code Hash = SHA-256}, {@code IKM = 0x...}, {@code L = 42}, ... */
    record TestCase(String name, Map<String, String> fields) {
        HashAlgorithm hash() {
            return switch (fields.get("Hash")) {
                case "SHA-256" -> HashAlgorithm.SHA256;
                case "SHA-1" -> HashAlgorithm.SHA1;
                default -> throw new IllegalArgumentException(fields.get("Hash"));
            };
        }

        /** {@code 0x0b0b... (22 octets)}, {@code (0 octets)}, or "not provided" (no salt at all). */
        byte[] bytes(String field) {
            String v = fields.get(field);
            if (v.startsWith("not provided")) {
                return new byte[0];
            }
            return Hex.decode(v.replaceAll("\\(\\d+ octets\\)", "").replace("0x", ""));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern CASE = Pattern.compile("^A\\.\\d+\\.\\s+(Test Case \\d+)$");
    private static final Pattern FIELD = Pattern.compile("^ {3}(Hash|IKM|salt|info|L|PRK|OKM)\\s+= (.*)$");
    private static final Pattern CONTINUATION = Pattern.compile("^ {10}([0-9a-f]+.*)$");

    static Stream<TestCase> testCases() {
        List<TestCase> cases = new ArrayList<>();
        Map<String, String> fields = null;
        String lastField = null;
        for (String line : RfcText.load("vectors/rfc5869.txt")) {
            Matcher c = CASE.matcher(line);
            Matcher f = FIELD.matcher(line);
            Matcher more = CONTINUATION.matcher(line);
            if (c.matches()) {
                fields = new LinkedHashMap<>();
                cases.add(new TestCase(c.group(1), fields));
            } else if (fields != null && f.matches()) {
                lastField = f.group(1);
                fields.put(lastField, f.group(2).trim());
            } else if (fields != null && lastField != null && more.matches()) {
                fields.merge(lastField, more.group(1).trim(), (a, b) -> a + b);
            }
        }
        assertEquals(7, cases.size(), "RFC 5869 has seven test cases");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testCases")
    void extractAndExpandReproduceTheRfcTestCase(TestCase tc) {
        Hkdf hkdf = Hkdf.of(tc.hash());
        SecretBytes prk = hkdf.extract(tc.bytes("salt"), SecretBytes.of(tc.bytes("IKM")));
        assertEquals(Hex.encode(tc.bytes("PRK")), prk.hex());
        SecretBytes okm = hkdf.expand(prk, tc.bytes("info"), Integer.parseInt(tc.fields().get("L")));
        assertEquals(Hex.encode(tc.bytes("OKM")), okm.hex());
    }

    @Test
    void expandRejectsOutputLongerThan255HashLengths() {
        Hkdf hkdf = Hkdf.of(HashAlgorithm.SHA256);
        SecretBytes prk = SecretBytes.zeros(32);
        assertEquals(255 * 32, hkdf.expand(prk, new byte[0], 255 * 32).length());
        assertThrows(IllegalArgumentException.class, () -> hkdf.expand(prk, new byte[0], 255 * 32 + 1));
        assertThrows(IllegalArgumentException.class, () -> Hkdf.of(HashAlgorithm.SHA384).expand(prk, new byte[0], 255 * 48 + 1));
        assertThrows(IllegalArgumentException.class, () -> hkdf.expand(prk, new byte[0], -1));
    }

    @Test
    void emptySaltIsTheSameAsHashLengthZeros() {
        Hkdf hkdf = Hkdf.of(HashAlgorithm.SHA384);
        SecretBytes ikm = SecretBytes.fromHex("0102030405");
        assertEquals(hkdf.extract(new byte[48], ikm), hkdf.extract(new byte[0], ikm));
    }

    @Test
    void hkdfNeedsARealDigest() {
        assertThrows(IllegalStateException.class, () -> Hkdf.of(HashAlgorithm.NONE));
        assertThrows(IllegalStateException.class, () -> Hkdf.of(HashAlgorithm.INTRINSIC));
    }
}
