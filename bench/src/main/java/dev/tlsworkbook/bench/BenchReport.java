package dev.tlsworkbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a JMH result file ({@code -rf csv}) into the Markdown tables of {@code docs/performance.md}:
 * the workbook's record layer beside the raw {@code javax.crypto} ceiling and the JDK's
 * {@code SSLEngine}, as ratios to the baselines of the same run, absolute MB/s beside them.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.tlsworkbook.bench.BenchReport results.csv</pre>
 *
 * @since bench
 */
public final class BenchReport {
    private static final String[] AEADS = {"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"};
    private static final String[] SIZES = {"64", "1024", "16384"};

    private final Map<String, Double> scores = new HashMap<>();
    private final Map<String, Double> errors = new HashMap<>();
    /** PrimitiveBenchmark: µs per operation by {@code op|impl}. */
    private final Map<String, Double> primitives = new HashMap<>();
    private final java.util.LinkedHashSet<String> primitiveOrder = new java.util.LinkedHashSet<>();

    BenchReport(List<String> csv) {
        List<String> header = split(csv.get(0));
        int name = header.indexOf("Benchmark");
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int aead = header.indexOf("Param: aead");
        int size = header.indexOf("Param: size");
        int op = header.indexOf("Param: op");
        int impl = header.indexOf("Param: impl");
        for (String line : csv.subList(1, csv.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> row = split(line);
            String benchmark = row.get(name).replace("dev.tlsworkbook.bench.", "").replace("·", "");
            if (benchmark.equals("PrimitiveBenchmark.run") && op >= 0 && impl >= 0) {
                primitives.put(row.get(op) + "|" + row.get(impl), Double.parseDouble(row.get(score)));
                primitiveOrder.add(row.get(op));
                continue;
            }
            String key = benchmark + "|" + (aead < 0 ? "" : row.get(aead)) + "|" + (size < 0 ? "" : row.get(size));
            scores.put(key, Double.parseDouble(row.get(score)));
            if (error >= 0 && !row.get(error).isBlank() && !"NaN".equals(row.get(error))) {
                errors.put(key, Double.parseDouble(row.get(error)));
            }
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchReport RESULTS.csv   (from java -jar benchmarks.jar -rf csv -rff RESULTS.csv)");
            System.exit(2);
        }
        System.out.print(new BenchReport(Files.readAllLines(Path.of(args[0]))).render());
    }

    String render() {
        if (scores.isEmpty()) {
            return renderPrimitives(Optional.empty());
        }
        StringBuilder out = new StringBuilder();
        if (scores.keySet().stream().allMatch(k -> k.startsWith("HandshakeBenchmark."))) {
            // Handshakes alone (bench/run --handshake-focus): no record tables.
            return out.append(handshakeTables()).append(renderPrimitives(handshakes("workbookEngine"))).toString();
        }
        out.append("| AEAD | size | record layer seal+open MB/s | raw array MB/s | raw in-place ByteBuffer MB/s"
                + " | SSLEngine MB/s | ÷ raw array | ÷ SSLEngine |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String aead : AEADS) {
            for (String size : SIZES) {
                Optional<Double> ours = mbps("RecordLayerBenchmark.sealOpen", aead, size);
                Optional<Double> raw = mbps("RawAeadBenchmark.arraySealOpen", aead, size);
                Optional<Double> buffer = mbps("RawAeadBenchmark.bufferSealOpen", aead, size);
                Optional<Double> jdk = mbps("SslEngineBenchmark.wrapUnwrap", aead, size);
                if (ours.isEmpty() && raw.isEmpty() && jdk.isEmpty()) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", aead, size,
                        withError("RecordLayerBenchmark.sealOpen", aead, size),
                        withError("RawAeadBenchmark.arraySealOpen", aead, size),
                        withError("RawAeadBenchmark.bufferSealOpen", aead, size),
                        withError("SslEngineBenchmark.wrapUnwrap", aead, size), ratio(ours, raw), ratio(ours, jdk)));
            }
        }
        out.append("\n| AEAD | size | record layer seal MB/s | open MB/s | raw array seal MB/s | SSLEngine wrap MB/s"
                + " | B/op seal+open: record layer | raw array | SSLEngine |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String aead : AEADS) {
            for (String size : SIZES) {
                Optional<Double> seal = mbps("RecordLayerBenchmark.seal", aead, size);
                if (seal.isEmpty() && alloc("RecordLayerBenchmark.sealOpen", aead, size).isEmpty()) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", aead, size,
                        fmt(seal), fmt(mbps("RecordLayerBenchmark.open", aead, size)),
                        fmt(mbps("RawAeadBenchmark.arraySeal", aead, size)),
                        fmt(mbps("SslEngineBenchmark.wrap", aead, size)),
                        fmt(alloc("RecordLayerBenchmark.sealOpen", aead, size)),
                        fmt(alloc("RawAeadBenchmark.arraySealOpen", aead, size)),
                        fmt(alloc("SslEngineBenchmark.wrapUnwrap", aead, size))));
            }
        }
        return out.append(handshakeTables()).append(renderPrimitives(handshakes("workbookEngine"))).toString();
    }

    private String handshakeTables() {
        return handshakeTable("x25519, ECDSA P-256", List.of("workbookEngine", "workbookEngineX25519MlKem768",
                "jdkSslEngine", "bcJsseEngine"), "jdkSslEngine", "bcJsseEngine")
                + handshakeTable("x25519, RSA-2048", List.of("workbookEngineRsa2048", "jdkSslEngineRsa2048"),
                "jdkSslEngineRsa2048", "");
    }

    /**
     * One table of full handshakes per second, with bytes allocated per handshake (both sides) and
     * the ratios to the JDK's pair and to Bouncy Castle's; empty when none of {@code rows} ran.
     */
    private String handshakeTable(String what, List<String> rows, String jdk, String bouncyCastle) {
        if (rows.stream().allMatch(r -> handshakes(r).isEmpty())) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("\n| full TLS 1.3 handshake (").append(what)
                .append(") | per second | B/handshake | ÷ SSLEngine pair | ÷ BC JSSE pair |\n|---|---:|---:|---:|---:|\n");
        for (String row : rows) {
            Optional<Double> rate = handshakes(row);
            if (rate.isEmpty()) {
                continue;
            }
            String label = row.equals("workbookEngineX25519MlKem768") ? row + " (X25519MLKEM768)" : row;
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", label, handshakeWithError(row),
                    fmt(Optional.ofNullable(scores.get("HandshakeBenchmark." + row + ":gc.alloc.rate.norm||"))),
                    ratio(rate, handshakes(jdk)), ratio(rate, handshakes(bouncyCastle))));
        }
        return out.toString();
    }

    private Optional<Double> handshakes(String benchmark) {
        return Optional.ofNullable(scores.get("HandshakeBenchmark." + benchmark + "||"));
    }

    private String renderPrimitives(Optional<Double> handshakesPerSecond) {
        if (primitives.isEmpty()) {
            return "";
        }
        return HandshakeBudget.table(primitives, List.copyOf(primitiveOrder))
                + HandshakeBudget.render(primitives, handshakesPerSecond);
    }

    private Optional<Double> mbps(String benchmark, String aead, String size) {
        return Optional.ofNullable(scores.get(benchmark + ":megabytes|" + aead + "|" + size));
    }

    private String handshakeWithError(String benchmark) {
        String key = "HandshakeBenchmark." + benchmark + "||";
        Double error = errors.get(key);
        Optional<Double> value = Optional.ofNullable(scores.get(key));
        return error == null ? fmt(value) : fmt(value) + " ± " + fmt(Optional.of(error));
    }

    /** MB/s with JMH's 99.9% confidence half-width, e.g. {@code 1,121 ± 196}. */
    private String withError(String benchmark, String aead, String size) {
        String key = benchmark + ":megabytes|" + aead + "|" + size;
        Optional<Double> value = Optional.ofNullable(scores.get(key));
        Double error = errors.get(key);
        return error == null ? fmt(value) : fmt(value) + " ± " + fmt(Optional.of(error));
    }

    private Optional<Double> alloc(String benchmark, String aead, String size) {
        return Optional.ofNullable(scores.get(benchmark + ":gc.alloc.rate.norm|" + aead + "|" + size));
    }

    private static String fmt(Optional<Double> value) {
        return value.map(v -> String.format(Locale.ROOT, "%,.0f", v)).orElse("–");
    }

    private static String ratio(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() && b.isPresent() ? String.format(Locale.ROOT, "%.2f×", a.get() / b.get()) : "–";
    }

    /** Splits one CSV line as JMH writes it: fields in double quotes, or bare numbers. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
