package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.crypto.NamedGroup;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code walkthrough [PART]}: the illustrated connection's fields as text, each with its bytes and
 * the reason it is there, for the docs (docs/walkthrough.md shows this output, and the doc check
 * re-runs it): the ClientHello, the ServerHello, a HelloRetryRequest (from a second run whose
 * server accepts only secp256r1), the server's first encrypted record opened by hand, and the
 * certificate inside it dissected down to its DER. Seeded like the page (7 unless {@code --seed}),
 * so the bytes are the page's.
 *
 * @since chapter04
 */
final class Walkthrough {
    static final List<String> PARTS = List.of("client-hello", "server-hello", "hello-retry-request", "record",
            "certificate");
    private static final int WIDTH = 100;
    /** In the record part, the messages inside are cut below this depth: the certificate has its own part. */
    private static final int RECORD_DEPTH = 4;

    private Walkthrough() {
    }

    static void print(DemoEntropy entropy, String part, PrintStream out) {
        out.println(entropy.warning());
        IllustratedConnection connection = Illustrate.run(entropy, Illustration.TLS13);
        Illustration spec = Illustration.TLS13;
        for (String p : part.equals("all") ? PARTS : List.of(part)) {
            out.println();
            switch (p) {
                case "client-hello" -> record(out, "The ClientHello", first(connection, true, 22), connection, spec,
                        Integer.MAX_VALUE);
                case "server-hello" -> record(out, "The ServerHello", first(connection, false, 22), connection, spec,
                        Integer.MAX_VALUE);
                case "hello-retry-request" -> {
                    Illustration hrr = new Illustration(spec.version(), spec.command(), DemoHook.NONE,
                            config -> config.groups(List.of(NamedGroup.SECP256R1)), spec.labels(), spec.directory());
                    IllustratedConnection retried = Illustrate.run(entropy, hrr);
                    record(out, "A HelloRetryRequest (a second run, whose server accepts only secp256r1)",
                            first(retried, false, 22), retried, hrr, Integer.MAX_VALUE);
                }
                case "record" -> record(out, "The server's first encrypted record, opened by hand",
                        first(connection, false, 23), connection, spec, RECORD_DEPTH);
                case "certificate" -> {
                    IllustratedRecord r = first(connection, false, 23);
                    Field certificate = Illustrate.fields(r, connection, spec).stream()
                            .flatMap(f -> f.find("Certificate").stream()).findFirst()
                            .orElseThrow(() -> new IllegalStateException("no certificate in " + r));
                    out.println("The server's certificate, from the Certificate message in record " + r.number()
                            + ", DER dissected (" + certificate.length() + " bytes)");
                    out.println();
                    text(out, certificate, "", Integer.MAX_VALUE);
                }
                default -> throw new IllegalArgumentException("no walkthrough part " + p);
            }
        }
    }

    private static IllustratedRecord first(IllustratedConnection connection, boolean fromClient, int type) {
        return connection.records().stream().filter(r -> r.fromClient() == fromClient && r.type() == type).findFirst()
                .orElseThrow(() -> new IllegalStateException("no record of type " + type + " from the "
                        + (fromClient ? "client" : "server")));
    }

    private static void record(PrintStream out, String title, IllustratedRecord r, IllustratedConnection connection,
            Illustration spec, int depth) {
        out.println(title + ": record " + r.number() + ", " + (r.fromClient() ? "client → server" : "server → client")
                + ", " + r.bytes().length + " bytes");
        out.println();
        for (Field f : Illustrate.fields(r, connection, spec)) {
            text(out, f, "", depth);
        }
    }

    private static void text(PrintStream out, Field f, String indent, int depth) {
        text(out, f, indent, depth, "", true);
    }

    /**
     * One field: its name and bytes (shortened past 24), then why it is there, on the same line
     * when it fits; the RFC section only where it differs from the enclosing field's.
     */
    private static void text(PrintStream out, Field f, String indent, int depth, String parentRfc, boolean parentWire) {
        String name = indent + f.name() + (!f.wire() && parentWire ? " (computed, not on the wire)" : "");
        String why = f.why() + (f.rfc().isEmpty() || f.rfc().equals(parentRfc) ? "" : " [" + f.rfc() + "]");
        boolean leaf = f.parts().isEmpty() || depth <= 0;
        String head = leaf ? name + "  " + hex(f.bytes()) : name + " (" + f.length() + " bytes)";
        if (head.length() + 3 + why.length() <= WIDTH) {
            out.println(head + "  | " + why);
        } else {
            out.println(head);
            wrap(out, why, indent + "  | ");
        }
        if (depth > 0) {
            for (Field p : f.parts()) {
                text(out, p, indent + "  ", depth - 1, f.rfc(), f.wire());
            }
        } else if (!f.parts().isEmpty()) {
            out.println(indent + "  (" + f.parts().size() + " fields inside; the certificate part shows them)");
        }
    }

    private static void wrap(PrintStream out, String text, String prefix) {
        StringBuilder line = new StringBuilder(prefix);
        for (String word : text.split(" ")) {
            if (line.length() > prefix.length() && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(prefix);
            }
            if (line.length() > prefix.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(line);
    }

    private static String hex(byte[] bytes) {
        int shown = bytes.length <= 24 ? bytes.length : 16;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            s.append(String.format("%02x", bytes[i] & 0xff));
            if (i + 1 < shown) {
                s.append(' ');
            }
        }
        return bytes.length > shown ? s + " … (" + bytes.length + " bytes)" : s.toString();
    }
}
