package dev.tlsworkbook.bench;

import dev.tlsworkbook.bench.primitive.Implementation;
import dev.tlsworkbook.bench.primitive.Primitive;
import dev.tlsworkbook.bench.primitive.PrimitiveOp;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.KeyKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The handshakes of {@link HandshakeBenchmark}, timed in <em>CPU time of the running thread</em>
 * instead of wall-clock time, the peers interleaved round by round: on a machine shared with
 * other work, a thread that waits for a core is not charged for the wait, and every peer sees the
 * same load, so the ratios hold where JMH's throughput does not. It is not a replacement for the
 * JMH figures on a quiet machine (it counts neither the JIT's nor the garbage collector's
 * threads).
 *
 * <p>With {@code --primitives}, each {@link PrimitiveOp} of {@code PrimitiveBenchmark} is timed
 * the same way, in both implementations, and the handshake's cost budget
 * ({@link HandshakeBudget}) is printed against the measured workbook handshake.
 *
 * <p>With {@code --records}, {@code RecordLayerBenchmark.sealOpen} and
 * {@code RawAeadBenchmark.arraySealOpen} (AES-128-GCM, 1 KiB and 16 KiB) are compared the same
 * way, {@code PER_ROUND} × 50 records per round.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.tlsworkbook.bench.InterleavedCpuTime [--primitives|--records] [ROUNDS [PER_ROUND]]
 * </pre>
 *
 * @since bench
 */
public final class InterleavedCpuTime {
    private InterleavedCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        boolean primitives = args.length > 0 && args[0].equals("--primitives");
        boolean records = args.length > 0 && args[0].equals("--records");
        if (primitives || records) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        if (records) {
            records(rounds, perRound * 50);
            return;
        }
        Map<String, Handshake> peers = new LinkedHashMap<>();
        WorkbookTls workbook = new WorkbookTls();
        WorkbookTls workbookRsa = new WorkbookTls(NamedGroup.X25519, KeyKind.RSA_2048);
        JdkTls jdk = new JdkTls();
        JdkTls jdkRsa = new JdkTls(JdkTls.Peer.JDK, true);
        JdkTls bouncyCastle = new JdkTls(JdkTls.Peer.BOUNCY_CASTLE, false);
        peers.put("workbookEngine", workbook::handshake);
        peers.put("jdkSslEngine", () -> jsse(jdk));
        peers.put("bcJsseEngine", () -> jsse(bouncyCastle));
        peers.put("workbookEngineRsa2048", workbookRsa::handshake);
        peers.put("jdkSslEngineRsa2048", () -> jsse(jdkRsa));
        if (primitives) {
            for (PrimitiveOp op : PrimitiveOp.values()) {
                for (Implementation impl : Implementation.values()) {
                    Primitive primitive = op.create(impl);
                    peers.put(op + "|" + impl, primitive::run);
                }
            }
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        peers.keySet().forEach(name -> micros.put(name, new ArrayList<>()));
        int warmup = Math.max(2, rounds / 3);
        for (int round = 0; round < warmup + rounds; round++) {
            for (Map.Entry<String, Handshake> peer : peers.entrySet()) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    peer.getValue().run();
                }
                double us = (threads.getCurrentThreadCpuTime() - start) / 1e3 / perRound;
                if (round >= warmup) {
                    micros.get(peer.getKey()).add(us);
                }
            }
        }
        System.out.printf(Locale.ROOT, "CPU µs per full handshake (both sides), median of %d rounds × %d, JDK %s%n",
                rounds, perRound, Runtime.version());
        System.out.println("| handshake | CPU µs (median) | min–max | handshakes per CPU-second | ÷ SSLEngine pair | ÷ BC JSSE pair |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        Map<String, Double> primitiveMicros = new LinkedHashMap<>();
        for (String name : micros.keySet()) {
            if (name.contains("|")) {
                primitiveMicros.put(name, median(micros.get(name)));
                continue;
            }
            double median = median(micros.get(name));
            String jdkPair = name.endsWith("Rsa2048") ? "jdkSslEngineRsa2048" : "jdkSslEngine";
            String bcPair = name.endsWith("Rsa2048") ? null : "bcJsseEngine";
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f–%,.0f | %,.0f | %.2f× | %s |%n", name, median,
                    micros.get(name).stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    micros.get(name).stream().mapToDouble(Double::doubleValue).max().orElseThrow(), 1e6 / median,
                    median(micros.get(jdkPair)) / median,
                    bcPair == null ? "–" : String.format(Locale.ROOT, "%.2f×", median(micros.get(bcPair)) / median));
        }
        if (primitives) {
            List<String> ops = Arrays.stream(PrimitiveOp.values()).map(Enum::name).toList();
            System.out.print(HandshakeBudget.table(primitiveMicros, ops));
            System.out.print(HandshakeBudget.render(primitiveMicros,
                    java.util.Optional.of(1e6 / median(micros.get("workbookEngine")))));
        }
    }

    /** The record layer's seal+open against the raw array form, AES-128-GCM, CPU µs per record. */
    private static void records(int rounds, int perRound) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "CPU µs per record seal+open, AES_128_GCM, median of %d rounds × %d, JDK %s%n",
                rounds, perRound, Runtime.version());
        System.out.println("| size | record layer µs | raw array µs | record layer ÷ raw array (throughput) |");
        System.out.println("|---:|---:|---:|---:|");
        for (int size : new int[] {1024, 16384}) {
            RecordLayerBenchmark ours = new RecordLayerBenchmark();
            ours.aead = dev.tlsworkbook.record.protection.AeadAlgorithm.AES_128_GCM;
            ours.size = size;
            ours.setUp();
            RawAeadBenchmark raw = new RawAeadBenchmark();
            raw.aead = ours.aead;
            raw.size = size;
            raw.setUp();
            PlaintextBytes bytes = new PlaintextBytes();
            List<Double> oursMicros = new ArrayList<>();
            List<Double> rawMicros = new ArrayList<>();
            int n = size > 4096 ? perRound / 8 : perRound;
            for (int round = 0; round < rounds + Math.max(2, rounds / 3); round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    ours.sealOpen(bytes);
                }
                long middle = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    raw.arraySealOpen(bytes);
                }
                long end = threads.getCurrentThreadCpuTime();
                if (round >= Math.max(2, rounds / 3)) {
                    oursMicros.add((middle - start) / 1e3 / n);
                    rawMicros.add((end - middle) / 1e3 / n);
                }
            }
            System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.2f× |%n", size, median(oursMicros), median(rawMicros),
                    median(rawMicros) / median(oursMicros));
        }
    }

    private static Object jsse(JdkTls peer) throws Exception {
        javax.net.ssl.SSLEngine[] pair = peer.engines("TLS_AES_128_GCM_SHA256");
        JdkTls.handshake(pair[0], pair[1]);
        return pair[0];
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** One handshake of one peer. */
    private interface Handshake {
        Object run() throws Exception;
    }
}
