package dev.tlsworkbook.bench;

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
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.tlsworkbook.bench.HandshakeCpuTime [ROUNDS [PER_ROUND]]
 * </pre>
 *
 * @since bench
 */
public final class HandshakeCpuTime {
    private HandshakeCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 40;
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
        for (String name : micros.keySet()) {
            double median = median(micros.get(name));
            String jdkPair = name.endsWith("Rsa2048") ? "jdkSslEngineRsa2048" : "jdkSslEngine";
            String bcPair = name.endsWith("Rsa2048") ? null : "bcJsseEngine";
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f–%,.0f | %,.0f | %.2f× | %s |%n", name, median,
                    micros.get(name).stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    micros.get(name).stream().mapToDouble(Double::doubleValue).max().orElseThrow(), 1e6 / median,
                    median(micros.get(jdkPair)) / median,
                    bcPair == null ? "–" : String.format(Locale.ROOT, "%.2f×", median(micros.get(bcPair)) / median));
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
