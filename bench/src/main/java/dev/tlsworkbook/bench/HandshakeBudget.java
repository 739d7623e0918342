package dev.tlsworkbook.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cost budget of one full TLS 1.3 handshake (x25519, ECDSA P-256, TLS_AES_128_GCM_SHA256),
 * built from {@link PrimitiveBenchmark} results: what each side computes, how often, with the
 * implementation the workbook uses and with the fastest one measured. The rows add up to the
 * primitives' share; the rest of the measured handshake time is parsing, state, records and
 * allocation.
 *
 * @since bench
 */
final class HandshakeBudget {

    /** One line of the budget: {@code count} runs of {@code op} on one side, in {@code used}. */
    record Row(String side, String what, String op, int count, String used) {
    }

    /**
     * HMAC computations per side: HKDF-Extract three times (early, handshake, master secret),
     * Derive-Secret and HKDF-Expand-Label for two "derived", four traffic secrets, the exporter
     * secret, key and IV for four traffic secrets, two finished keys, and the two Finished MACs
     * (RFC 8446 §7.1, §7.3, §4.4.4): 3 + 2 + 4 + 1 + 8 + 2 + 2 = 22.
     */
    static final int HMACS_PER_SIDE = 22;

    static final List<Row> ROWS = List.of(
            new Row("client", "x25519 key share and shared secret", "X25519", 1, "BC"),
            // Verification is Bouncy Castle's (SignatureImplementations), in PKIX and in CertificateVerify.
            new Row("client", "verify the certificate's signature (CA, ECDSA P-256)", "ECDSA_P256_VERIFY", 1, "BC"),
            new Row("client", "verify CertificateVerify (ECDSA P-256)", "ECDSA_P256_VERIFY", 1, "BC"),
            new Row("client", "transcript hash (SHA-256)", "SHA256_TRANSCRIPT", 1, "JDK"),
            new Row("client", "key schedule (HMAC-SHA256)", "HMAC_SHA256", HMACS_PER_SIDE, "JDK"),
            new Row("server", "x25519 key share and shared secret", "X25519", 1, "BC"),
            new Row("server", "sign CertificateVerify (ECDSA P-256)", "ECDSA_P256_SIGN", 1, "JDK"),
            new Row("server", "transcript hash (SHA-256)", "SHA256_TRANSCRIPT", 1, "JDK"),
            new Row("server", "key schedule (HMAC-SHA256)", "HMAC_SHA256", HMACS_PER_SIDE, "JDK"));

    private HandshakeBudget() {
    }

    /**
     * Renders the budget as Markdown, or nothing when the results hold no primitives.
     *
     * @param micros µs per operation by {@code op|impl}
     * @param handshakesPerSecond the measured workbook engine pair, if in the same results
     */
    static String render(Map<String, Double> micros, Optional<Double> handshakesPerSecond) {
        if (micros.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("\n| one full handshake, both sides | op | × | implementation used | µs | fastest measured | µs |\n")
                .append("|---|---|---:|---|---:|---|---:|\n");
        double used = 0;
        double fastest = 0;
        for (Row row : ROWS) {
            double u = micros.getOrDefault(row.op() + "|" + row.used(), Double.NaN) * row.count();
            String best = cheaper(micros, row.op());
            double f = micros.getOrDefault(row.op() + "|" + best, Double.NaN) * row.count();
            used += u;
            fastest += f;
            out.append(String.format(Locale.ROOT, "| %s: %s | %s | %d | %s | %,.0f | %s | %,.0f |%n", row.side(),
                    row.what(), row.op(), row.count(), row.used(), u, best, f));
        }
        out.append(String.format(Locale.ROOT, "| **primitives, both sides** | | | | **%,.0f** | | **%,.0f** |%n",
                used, fastest));
        if (handshakesPerSecond.isPresent()) {
            double measured = 1e6 / handshakesPerSecond.get();
            out.append(String.format(Locale.ROOT, "| measured handshake (workbookEngine) | | | | %,.0f | | |%n",
                    measured));
            out.append(String.format(Locale.ROOT, "| left for parsing, state, records, allocation | | | | %,.0f | | |%n",
                    measured - used));
        }
        return out.toString();
    }

    /** The primitives table: each op in each implementation, and which is faster. */
    static String table(Map<String, Double> micros, List<String> ops) {
        StringBuilder out = new StringBuilder();
        out.append("\n| primitive | JDK µs/op | Bouncy Castle µs/op | faster | by |\n|---|---:|---:|---|---:|\n");
        Function<String, String> fmt = key -> Optional.ofNullable(micros.get(key))
                .map(v -> String.format(Locale.ROOT, v < 100 ? "%,.1f" : "%,.0f", v)).orElse("–");
        for (String op : ops) {
            Double jdk = micros.get(op + "|JDK");
            Double bc = micros.get(op + "|BC");
            if (jdk == null && bc == null) {
                continue;
            }
            String best = cheaper(micros, op);
            String by = jdk != null && bc != null
                    ? String.format(Locale.ROOT, "%.2f×", Math.max(jdk, bc) / Math.min(jdk, bc)) : "–";
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", op, fmt.apply(op + "|JDK"),
                    fmt.apply(op + "|BC"), best, by));
        }
        return out.toString();
    }

    private static String cheaper(Map<String, Double> micros, String op) {
        double jdk = micros.getOrDefault(op + "|JDK", Double.MAX_VALUE);
        double bc = micros.getOrDefault(op + "|BC", Double.MAX_VALUE);
        return bc < jdk ? "BC" : "JDK";
    }
}
