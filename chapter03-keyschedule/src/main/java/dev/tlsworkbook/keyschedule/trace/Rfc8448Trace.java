package dev.tlsworkbook.keyschedule.trace;

import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.Opaque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example handshakes of RFC 8448 ("Example Handshake Traces for TLS 1.3"), read from the
 * RFC's own text, so a test or a demo looks a value up by section, step and label instead of
 * pasting hex:
 *
 * <pre>
 * trace.step(3, "{server}  derive secret \"tls13 c hs traffic\"").value("expanded")
 * </pre>
 *
 * The RFC prints each step as a line {@code {client}  <what it does>:} followed by values
 * {@code name (N octets):  hex ...} that wrap over several lines; the octet count says where a
 * value ends, so a page break inside a dump is harmless once {@link RfcText} has removed it.
 *
 * @since chapter03
 */
public final class Rfc8448Trace {
    /** The RFC text, as shipped with the workbook (verbatim, pagination and all). */
    public static final String RESOURCE = "vectors/rfc8448.txt";

    private static final Pattern SECTION = Pattern.compile("^(\\d+)\\.\\s\\s\\S.*");
    private static final Pattern STEP = Pattern.compile("^ {3}(\\{(?:client|server)})\\s+(.*)$");
    private static final Pattern VALUE = Pattern.compile("^ {6}(\\S.*?) \\((\\d+) octets\\):\\s*(.*)$");
    private static final Pattern HEX = Pattern.compile("^[0-9a-f]{2}( [0-9a-f]{2})*$");

    private final List<Step> steps;

    private Rfc8448Trace(List<Step> steps) {
        this.steps = steps;
    }

    /**
     * One step of a trace: who does it ({@code {client}} or {@code {server}}), what (the title
     * with white space collapsed and the trailing colon removed), and the values it prints.
     */
    public record Step(int section, String party, String title, Map<String, Opaque> values) {
        /** The value printed as {@code name (N octets):}. */
        public Opaque value(String name) {
            Opaque v = values.get(name);
            if (v == null) {
                throw new NoSuchElementException("RFC 8448 §" + section + " " + party + " " + title
                        + " prints no \"" + name + "\"; it prints " + values.keySet());
            }
            return v;
        }

        @Override
        public String toString() {
            return "§" + section + " " + party + "  " + title;
        }
    }

    /** The RFC 8448 shipped in {@link #RESOURCE}. */
    public static Rfc8448Trace load() {
        return parse(RfcText.load(RESOURCE));
    }

    /** Parses RFC 8448 text whose pagination was removed by {@link RfcText#withoutPagination}. */
    public static Rfc8448Trace parse(List<String> lines) {
        List<Step> steps = new ArrayList<>();
        int section = 0;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher s = SECTION.matcher(line);
            Matcher st = STEP.matcher(line);
            if (s.matches()) {
                section = Integer.parseInt(s.group(1));
                i++;
            } else if (st.matches() && section > 0) {
                StringBuilder title = new StringBuilder(st.group(2));
                i++;
                // a long title wraps onto indented lines that are not values
                while (i < lines.size() && lines.get(i).startsWith("      ") && !lines.get(i).isBlank()
                        && !VALUE.matcher(lines.get(i)).matches() && !lines.get(i).contains(":  ")) {
                    title.append(' ').append(lines.get(i).trim());
                    i++;
                }
                Map<String, Opaque> values = new LinkedHashMap<>();
                i = readValues(lines, i, values);
                steps.add(new Step(section, st.group(1), normalize(title.toString()), Collections.unmodifiableMap(values)));
            } else {
                i++;
            }
        }
        return new Rfc8448Trace(List.copyOf(steps));
    }

    /** Every step of {@code section}, in the order the RFC prints them. */
    public List<Step> steps(int section) {
        return steps.stream().filter(s -> s.section == section).toList();
    }

    /**
     * The first step of {@code section} whose party and title are {@code partyAndTitle}, white
     * space collapsed and the final colon left out, e.g.
     * {@code "{server} derive secret \"tls13 c hs traffic\""}.
     */
    public Step step(int section, String partyAndTitle) {
        return step(section, partyAndTitle, 0);
    }

    /** The {@code occurrence}-th (from 0) step that {@link #step(int, String)} would match. */
    public Step step(int section, String partyAndTitle, int occurrence) {
        String wanted = normalize(partyAndTitle);
        int seen = 0;
        for (Step s : steps(section)) {
            if ((s.party + " " + s.title).equals(wanted) && seen++ == occurrence) {
                return s;
            }
        }
        throw new NoSuchElementException("RFC 8448 §" + section + " has no step \"" + wanted + "\" #" + occurrence);
    }

    /** Reads {@code name (N octets): hex} values until the next step or section. */
    private static int readValues(List<String> lines, int i, Map<String, Opaque> values) {
        while (i < lines.size()) {
            String line = lines.get(i);
            if (STEP.matcher(line).matches() || SECTION.matcher(line).matches()) {
                return i;
            }
            Matcher v = VALUE.matcher(line);
            i++;
            if (!v.matches()) {
                continue; // blank lines, and values printed without a length ("salt:  0 (all zero octets)")
            }
            int octets = Integer.parseInt(v.group(2));
            StringBuilder hex = new StringBuilder();
            String first = v.group(3).trim();
            if (!first.equals("(empty)")) {
                hex.append(first);
            }
            while (hex.length() < octets * 3 - 1 && i < lines.size()) {
                String more = lines.get(i).trim();
                i++;
                if (more.isEmpty()) {
                    continue; // a page break inside a dump leaves blank lines behind
                }
                if (!HEX.matcher(more).matches()) {
                    throw new IllegalArgumentException("RFC 8448: value \"" + v.group(1) + "\" (" + octets
                            + " octets) interrupted by: " + more);
                }
                hex.append(' ').append(more);
            }
            byte[] bytes = Hex.decode(hex);
            if (bytes.length != octets) {
                throw new IllegalArgumentException("RFC 8448: \"" + v.group(1) + "\" has " + bytes.length
                        + " octets, the RFC says " + octets);
            }
            values.putIfAbsent(v.group(1), Opaque.of(bytes));
        }
        return i;
    }

    private static String normalize(String text) {
        String t = text.trim().replaceAll("\\s+", " ");
        return t.endsWith(":") ? t.substring(0, t.length() - 1) : t;
    }
}
