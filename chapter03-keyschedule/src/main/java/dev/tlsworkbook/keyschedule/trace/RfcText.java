package dev.tlsworkbook.keyschedule.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text of an RFC as published (RFC 7322 plain-text style), with its pagination removed: the
 * form feed, the page footer ({@code "Thomson   Informational   [Page 4]"}) and the running
 * header ({@code "RFC 8448   TLS 1.3 Traces   January 2019"}) that the RFC Editor inserts every
 * 58 lines, wherever they fall, even in the middle of a hex dump.
 *
 * @since chapter03
 */
public final class RfcText {
    private static final Pattern FOOTER = Pattern.compile("^\\S.*\\[Page \\d+]\\s*$");
    private static final Pattern HEADER = Pattern.compile("^RFC \\d{4} .*\\S\\s*$");

    private RfcText() {
    }

    /** The lines of an RFC on the classpath (e.g. {@code vectors/rfc8448.txt}), pagination removed. */
    public static List<String> load(String resource) {
        InputStream in = RfcText.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no resource " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            return withoutPagination(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops page footers and headers and strips form feeds. Blank lines are kept (they separate
     * values), so a reader of hex dumps must skip blank lines inside a dump.
     */
    public static List<String> withoutPagination(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        boolean afterFormFeed = false;
        for (String raw : lines) {
            String line = raw.replace("\f", "");
            boolean header = (afterFormFeed || raw.startsWith("\f")) && HEADER.matcher(line).matches();
            afterFormFeed = raw.contains("\f") && line.isBlank();
            if (!afterFormFeed && !header && !FOOTER.matcher(line).matches()) {
                out.add(line);
            }
        }
        return out;
    }
}
