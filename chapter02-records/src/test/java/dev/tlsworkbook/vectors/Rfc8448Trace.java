package dev.tlsworkbook.vectors;

import dev.tlsworkbook.bytes.Opaque;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RFC 8448 trace kept verbatim (page breaks included) and looks values up the way the
 * RFC prints them: a step such as {@code {server}  send handshake record} and a label such as
 * {@code complete record}. Each value is checked against the octet count the RFC gives.
 *
 * <pre>{@code
 * Rfc8448Trace trace = Rfc8448Trace.load("/vectors/rfc8448-section3.txt");
 * Opaque key = trace.step("{server}  derive write traffic keys for handshake data").value("key expanded");
 * Opaque record = trace.step("{server}  send handshake record", 2).value("complete record");
 * }</pre>
 *
 * @since chapter02
 */
public final class Rfc8448Trace {
    /** One {@code {party}  action} step and its labelled values, in RFC order. */
    public record Step(String title, Map<String, Opaque> values) {
        /** The value printed as {@code label (N octets):}. */
        public Opaque value(String label) {
            Opaque v = values.get(label);
            if (v == null) {
                throw new IllegalArgumentException("step '" + title + "' has no '" + label + "', only " + values.keySet());
            }
            return v;
        }
    }

    private static final Pattern STEP = Pattern.compile("^   (\\{(?:client|server)\\}.*)$");
    private static final Pattern LABEL = Pattern.compile("^ {6}(\\S.*?) \\((\\d+) octets\\):\\s*(.*)$");
    private static final Pattern HEX_LINE = Pattern.compile("^\\s+[0-9a-f]{2}( [0-9a-f]{2})*\\s*$");

    private final List<Step> steps;

    private Rfc8448Trace(List<Step> steps) {
        this.steps = steps;
    }

    /** Parses a trace from the class path. */
    public static Rfc8448Trace load(String resource) {
        try (InputStream in = Rfc8448Trace.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses trace text. */
    public static Rfc8448Trace parse(String text) {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        String title = null;
        Map<String, Opaque> values = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher step = STEP.matcher(lines[i]);
            Matcher label = LABEL.matcher(lines[i]);
            if (step.matches()) {
                if (title != null) {
                    steps.add(new Step(title, values));
                }
                StringBuilder t = new StringBuilder(step.group(1).strip());
                // A long step title wraps onto an indented line that is not a label.
                while (t.charAt(t.length() - 1) != ':' && i + 1 < lines.length
                        && lines[i + 1].startsWith("      ") && !LABEL.matcher(lines[i + 1]).matches()
                        && !lines[i + 1].isBlank()) {
                    t.append(' ').append(lines[++i].strip());
                }
                title = normalise(t.toString());
                values = new LinkedHashMap<>();
            } else if (label.matches() && title != null) {
                int octets = Integer.parseInt(label.group(2));
                StringBuilder hex = new StringBuilder(label.group(3));
                // Continuation lines of hex, skipping page footers and headers, until the count is reached.
                while (count(hex) < octets && i + 1 < lines.length) {
                    String next = lines[++i];
                    if (HEX_LINE.matcher(next).matches()) {
                        hex.append(' ').append(next.strip());
                    }
                }
                String digits = hex.toString().equals("(empty)") ? "" : hex.toString();
                Opaque value = Opaque.fromHex(digits);
                if (value.length() != octets) {
                    throw new IllegalStateException(title + " / " + label.group(1) + ": expected " + octets
                            + " octets, read " + value.length());
                }
                values.put(label.group(1), value);
            }
        }
        if (title != null) {
            steps.add(new Step(title, values));
        }
        return new Rfc8448Trace(List.copyOf(steps));
    }

    /** The first step whose title (white space collapsed, trailing colon dropped) is {@code title}. */
    public Step step(String title) {
        return step(title, 1);
    }

    /** The {@code nth} (1-based) step with that title. */
    public Step step(String title, int nth) {
        String wanted = normalise(title);
        int seen = 0;
        for (Step s : steps) {
            if (s.title().equals(wanted) && ++seen == nth) {
                return s;
            }
        }
        throw new IllegalArgumentException("no step #" + nth + " titled '" + wanted + "'");
    }

    public List<Step> steps() {
        return steps;
    }

    private static String normalise(String title) {
        String t = title.strip().replaceAll("\\s+", " ");
        return t.endsWith(":") ? t.substring(0, t.length() - 1) : t;
    }

    private static int count(CharSequence hex) {
        String s = hex.toString().strip();
        return s.isEmpty() || s.equals("(empty)") ? 0 : s.split("\\s+").length;
    }
}
