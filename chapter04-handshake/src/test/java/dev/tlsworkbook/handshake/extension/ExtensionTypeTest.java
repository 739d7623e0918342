package dev.tlsworkbook.handshake.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The context table in {@link ExtensionType} against the table in the text of RFC 8446 §4.2. */
class ExtensionTypeTest {
    private static final Pattern ROW = Pattern.compile("^\\s+\\| (\\w+) [\\[(].*\\|\\s+([A-Z, ]+) \\|$");

    @Test
    void matchesEveryRowOfTheRfc8446Table() throws IOException {
        Map<String, Set<ExtensionContext>> table = rfc8446Table();

        assertEquals(22, table.size());
        table.forEach((name, contexts) -> {
            ExtensionType type = ExtensionType.valueOf(name.toUpperCase());
            assertEquals(contexts, type.tls13Contexts(), name);
        });
    }

    @Test
    void matchesTheExtensionTypeEnumOfRfc8446() throws IOException {
        String text = rfc8446();
        Matcher m = Pattern.compile("(?m)^\\s+(\\w+)\\((\\d+)\\),\\s+/\\* RFC").matcher(
                text.substring(text.indexOf("    enum {\n        server_name(0)")));
        int rows = 0;
        while (m.find() && rows < 22) {
            assertEquals(Optional.of(ExtensionType.valueOf(m.group(1).toUpperCase())),
                    ExtensionType.fromCode(Integer.parseInt(m.group(2))), m.group(0));
            rows++;
        }
        assertEquals(22, rows);
    }

    @Test
    void allowsTls12OnlyExtensionsInClientHelloOnly() {
        assertTrue(ExtensionType.EXTENDED_MASTER_SECRET.tls13Contexts().isEmpty());
        assertTrue(ExtensionType.EXTENDED_MASTER_SECRET.allowedIn(ExtensionContext.CLIENT_HELLO));
        for (ExtensionContext context : EnumSet.complementOf(EnumSet.of(ExtensionContext.CLIENT_HELLO))) {
            assertFalse(ExtensionType.RENEGOTIATION_INFO.allowedIn(context), context.toString());
        }
    }

    @Test
    void printsNamesWithHexCodesAndMarksGrease() {
        assertEquals("KEY_SHARE(0x0033)", ExtensionType.KEY_SHARE.toString());
        assertEquals("GREASE(0x2a2a)", ExtensionType.describe(0x2a2a));
        assertEquals("unknown(0x1234)", ExtensionType.describe(0x1234));
        assertEquals(Optional.of(ExtensionType.RENEGOTIATION_INFO), ExtensionType.fromCode(0xff01));
    }

    private static Map<String, Set<ExtensionContext>> rfc8446Table() throws IOException {
        Map<String, Set<ExtensionContext>> rows = new LinkedHashMap<>();
        String text = rfc8446();
        String table = text.substring(text.indexOf("| Extension                                        |     TLS 1.3 |"),
                text.indexOf("| signature_algorithms_cert (RFC 8446)             |      CH, CR |") + 80);
        for (String line : table.split("\\R")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                Set<ExtensionContext> contexts = EnumSet.noneOf(ExtensionContext.class);
                for (String abbreviation : m.group(2).trim().split(",\\s*")) {
                    contexts.add(byAbbreviation(abbreviation));
                }
                rows.put(m.group(1), contexts);
            }
        }
        return rows;
    }

    private static ExtensionContext byAbbreviation(String abbreviation) {
        for (ExtensionContext c : ExtensionContext.values()) {
            if (c.abbreviation().equals(abbreviation)) {
                return c;
            }
        }
        throw new IllegalArgumentException(abbreviation);
    }

    private static String rfc8446() throws IOException {
        try (InputStream in = ExtensionTypeTest.class.getResourceAsStream("/vectors/rfc8446.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
