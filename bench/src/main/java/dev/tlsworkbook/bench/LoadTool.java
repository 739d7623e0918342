package dev.tlsworkbook.bench;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load against a TLS 1.3 server on {@code host:port}: {@code --clients} concurrent clients, each
 * connecting again and again (handshake, one round trip, close) until {@code --connections} have
 * been made; prints a progress line while it runs, then handshakes per second, p50/p99 latency of
 * a whole connection, the failures, and, given the server's process id, its resident memory.
 *
 * <p>The round trip is a 64-byte echo ({@code --mode echo}), or for a web server an HTTP/1.0
 * {@code GET /} read to the end ({@code --mode http}), or nothing ({@code --mode handshake}). With {@code --hold}, every client makes one
 * connection and keeps it open, idle, until all are up: the tool then reports the server's
 * resident memory before and with them, and the growth per connection.
 *
 * <p>The clients are the workbook's own, one thread each, and accept any server certificate: the
 * point is to load the server, not to spend client CPU on path validation (the machine's cores
 * are shared between both sides).
 *
 * <pre>
 * java -cp … dev.tlsworkbook.bench.LoadTool HOST PORT [--clients N] [--connections M] [--mode echo|http|handshake]
 *     [--pid PID] [--hold]
 * </pre>
 *
 * @since bench
 */
public final class LoadTool {
    private static final byte[] ECHO = new byte[64];
    private static final byte[] GET = "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final String host;
    private final int port;
    private final int clients;
    private final int connections;
    /** The round trip after the handshake: 64-byte echo, HTTP GET, or none. */
    private enum Mode { ECHO, HTTP, HANDSHAKE }

    private final Mode mode;
    private final long pid;
    private final PrintStream out;
    private final TlsConfig config = TlsConfig.builder().trustPolicy(TrustPolicy.opportunistic()).build();

    private LoadTool(String host, int port, int clients, int connections, Mode mode, long pid, PrintStream out) {
        this.host = host;
        this.port = port;
        this.clients = clients;
        this.connections = connections;
        this.mode = mode;
        this.pid = pid;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LoadTool HOST PORT [--clients N] [--connections M] [--mode echo|http|handshake] [--pid PID] [--hold]");
            System.exit(2);
        }
        int clients = 100;
        int connections = -1;
        Mode mode = Mode.ECHO;
        boolean hold = false;
        long pid = -1;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--mode" -> mode = Mode.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT));
                case "--pid" -> pid = Long.parseLong(args[++i]);
                case "--hold" -> hold = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        LoadTool tool = new LoadTool(args[0], Integer.parseInt(args[1]), clients,
                connections < 0 ? 10 * clients : connections, mode, pid, System.out);
        int failures = hold ? tool.hold() : tool.run();
        System.exit(failures == 0 ? 0 : 1);
    }

    /** The load run; returns the number of failures. */
    private int run() throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong peakRss = new AtomicLong(rssKiB());
        long[] latencies = new long[connections];
        AtomicInteger done = new AtomicInteger();
        List<String> firstErrors = new ArrayList<>();
        long rssBefore = rssKiB();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < connections) {
                    long t0 = System.nanoTime();
                    try {
                        connectOnce();
                        latencies[i] = System.nanoTime() - t0;
                    } catch (IOException | RuntimeException e) {
                        latencies[i] = -1;
                        failures.incrementAndGet();
                        synchronized (firstErrors) {
                            if (firstErrors.size() < 5) {
                                firstErrors.add(e.toString());
                            }
                        }
                    }
                    done.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            peakRss.accumulateAndGet(rssKiB(), Math::max);
            progress(done.get(), failures.get(), start);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress(done.get(), failures.get(), start);
        out.println();
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        out.printf("%s:%d  %d clients, %d connections (%s)%n", host, port, clients, connections,
                switch (mode) {
                    case ECHO -> "handshake + 64-byte echo";
                    case HTTP -> "handshake + HTTP GET";
                    case HANDSHAKE -> "handshake only";
                });
        out.printf("handshakes/s  %.0f%n", (connections - failures.get()) / seconds);
        out.printf("latency       p50 %.1f ms   p99 %.1f ms%n", percentile(ok, 0.50), percentile(ok, 0.99));
        out.printf("failures      %d%s%n", failures.get(), firstErrors.isEmpty() ? "" : "  e.g. " + firstErrors);
        if (pid > 0) {
            out.printf("server RSS    %d KiB before, %d KiB peak, %d KiB after%n", rssBefore,
                    Math.max(peakRss.get(), rssKiB()), rssKiB());
        }
        return failures.get();
    }

    /** Every client connects once and holds the connection idle; returns the number of failures. */
    private int hold() throws InterruptedException {
        long rssBefore = rssKiB();
        CountDownLatch up = new CountDownLatch(clients);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        // Connections are opened at most 50 at a time, so a slow server is not failed for a queue the tool made.
        Semaphore opening = new Semaphore(50);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                TlsConnection connection = null;
                try {
                    opening.acquire();
                    try {
                        connection = open();
                        roundTrip(connection);
                    } finally {
                        opening.release();
                    }
                    up.countDown();
                    release.await();
                    connection.close();
                } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                    up.countDown();
                    closeQuietly(connection);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closeQuietly(connection);
                }
            });
        }
        while (!up.await(1, TimeUnit.SECONDS)) {
            progress((int) (clients - up.getCount()), failures.get(), start);
        }
        progress(clients, failures.get(), start);
        out.println();
        // Let the server settle: its idle trimming runs after a second without traffic.
        Thread.sleep(3000);
        long rssHeld = rssKiB();
        out.printf("%s:%d  %d connections held idle after %s, %d failed%n", host, port,
                clients - failures.get(), mode == Mode.HANDSHAKE ? "the handshake" : "handshake + round trip",
                failures.get());
        if (pid > 0) {
            out.printf("server RSS    %d KiB before, %d KiB with the connections: %.1f KiB per connection%n",
                    rssBefore, rssHeld, (rssHeld - rssBefore) / (double) Math.max(1, clients - failures.get()));
        }
        release.countDown();
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        return failures.get();
    }

    private static void closeQuietly(TlsConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // Going away anyway.
            }
        }
    }

    private void connectOnce() throws IOException {
        try (TlsConnection connection = open()) {
            roundTrip(connection);
        }
    }

    private TlsConnection open() throws IOException {
        return TlsClient.connect(host, port, config, Duration.ofSeconds(120));
    }

    private void roundTrip(TlsConnection connection) throws IOException {
        if (mode == Mode.HANDSHAKE) {
            return;
        }
        if (mode == Mode.HTTP) {
            connection.outputStream().write(GET);
            byte[] response = connection.inputStream().readAllBytes();
            if (response.length < 12 || !new String(response, 0, 12, StandardCharsets.ISO_8859_1).contains(" 200")) {
                throw new IOException("unexpected response: " + new String(response, 0, Math.min(40, response.length),
                        StandardCharsets.ISO_8859_1));
            }
        } else {
            connection.outputStream().write(ECHO);
            byte[] back = connection.inputStream().readNBytes(ECHO.length);
            if (back.length != ECHO.length) {
                throw new IOException("echo came back short: " + back.length + " bytes");
            }
        }
    }

    private void progress(int done, int failed, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("\r%6d done  %4d failed  %6.0f/s  %5.1f s  server RSS %s", done, failed, done / Math.max(seconds, 1e-9),
                seconds, pid > 0 ? rssKiB() + " KiB" : "-");
        out.flush();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** The server's resident set (VmRSS in /proc/PID/status), in KiB; -1 without a process id. */
    private long rssKiB() {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Reads an HTTP request head up to its blank line (for {@link JdkTlsServer}'s page). */
    static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** A short HTTP/1.0 page, closed after. */
    static byte[] page(String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(("HTTP/1.0 200 ok\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        response.writeBytes(body);
        return response.toByteArray();
    }
}
