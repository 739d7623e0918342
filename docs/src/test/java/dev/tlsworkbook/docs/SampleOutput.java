package dev.tlsworkbook.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rule for comparing a sample output in the docs with what its command prints now
 * (docs/README.md, "Sample outputs are checked"). Both sides are normalised by the named
 * {@link Variation}s, trailing blanks and trailing empty lines are dropped, and the page may
 * elide: a line that is only {@code …} stands for any number of lines, a {@code …} inside a line
 * for any text. Everything else must be equal, byte for byte.
 *
 * @since chapter04
 */
final class SampleOutput {
    /** What legitimately differs between two runs, each replaced by its name. */
    enum Variation {
        /** Ephemeral ports: {@code 127.0.0.1:41234}, {@code localhost:41234}, tcpdump's {@code 127.0.0.1.41234}. */
        PORT("((?:127\\.0\\.0\\.1|localhost)[:.])\\d{2,5}\\b", "$1<port>"),
        /** How many reads the kernel needed for a large write (chapter 1 shows that it varies). */
        READS("\\bin \\d+ reads\\b", "in <n> reads"),
        /** A default temporary file name, e.g. the throwaway CA's {@code /tmp/tlsworkbook-ca-123456.pem}. */
        TEMP_FILE("(/tmp/tlsworkbook-[a-z]+-)\\d+(\\.[a-z]+)", "$1<n>$2");

        private final Pattern pattern;
        private final String replacement;

        Variation(String regex, String replacement) {
            this.pattern = Pattern.compile(regex);
            this.replacement = replacement;
        }

        String apply(String line) {
            return pattern.matcher(line).replaceAll(replacement);
        }
    }

    private SampleOutput() {
    }

    static List<String> normalise(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String n = l.stripTrailing();
            for (Variation v : Variation.values()) {
                n = v.apply(n);
            }
            out.add(n);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        return out;
    }

    /** Whether the page's lines (with elisions) describe the actual lines. Both already normalised. */
    static boolean matches(List<String> page, List<String> actual) {
        Boolean[][] memo = new Boolean[page.size() + 1][actual.size() + 1];
        return matches(page, 0, actual, 0, memo);
    }

    private static boolean matches(List<String> page, int p, List<String> actual, int a, Boolean[][] memo) {
        if (memo[p][a] != null) {
            return memo[p][a];
        }
        boolean result;
        if (p == page.size()) {
            result = a == actual.size();
        } else if (page.get(p).strip().equals("…")) {
            result = matches(page, p + 1, actual, a, memo) || (a < actual.size() && matches(page, p, actual, a + 1, memo));
        } else {
            result = a < actual.size() && lineMatches(page.get(p), actual.get(a)) && matches(page, p + 1, actual, a + 1, memo);
        }
        memo[p][a] = result;
        return result;
    }

    static boolean lineMatches(String page, String actual) {
        if (!page.contains("…")) {
            return page.equals(actual);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : page.split("…", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        // a literal … in the output matches itself as well
        return actual.equals(page) || Pattern.compile(regex.toString()).matcher(actual).matches();
    }

    static boolean hasElision(List<String> page) {
        return page.stream().anyMatch(l -> l.contains("…"));
    }
}
