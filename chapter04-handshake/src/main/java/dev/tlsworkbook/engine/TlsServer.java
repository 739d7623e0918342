package dev.tlsworkbook.engine;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.io.SocketTransport;
import dev.tlsworkbook.io.Transport;
import dev.tlsworkbook.io.TransportFactory;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS 1.3 server in one call: accepts connections, runs each handshake on a worker thread of
 * a bounded pool, and hands the established {@link TlsConnection} to a {@link Handler}. It holds
 * to {@link ServerLimits}: clients beyond the maximum are refused, a handshake is cut off at its
 * deadline, an established connection is closed after the idle timeout; each is logged.
 *
 * <pre>{@code
 * try (TlsServer server = TlsServer.start(8443, config, c -> c.inputStream().transferTo(c.outputStream()))) {
 *     ...
 * }
 * }</pre>
 *
 * It is chapter01's {@link EchoServer} with a {@link TransportFactory} that wraps each accepted
 * socket in a {@link TlsTransport}: the accepting, the bounded pool and the orderly shutdown are
 * the same code that served plain TCP.
 *
 * @since chapter04
 */
public final class TlsServer implements Closeable {
    /** Connections served at once unless told otherwise ({@link ServerLimits#blockingDefaults()}); more are refused. */
    public static final int DEFAULT_MAX_CONNECTIONS = ServerLimits.DEFAULT_MAX_BLOCKING_CONNECTIONS;
    /** A client gets this long to complete its handshake, so a slow or silent one cannot hold a worker. */
    public static final Duration HANDSHAKE_TIMEOUT = ServerLimits.DEFAULT_HANDSHAKE_TIMEOUT;

    private static final Logger LOG = LoggerFactory.getLogger(TlsServer.class);

    /** What the server does with each connection; the server closes it afterwards. */
    @FunctionalInterface
    public interface Handler {
        void handle(TlsConnection connection) throws IOException;
    }

    private final EchoServer server;
    private final ScheduledExecutorService deadlines;
    private final ServerStats stats;

    private TlsServer(EchoServer server, ScheduledExecutorService deadlines, ServerStats stats) {
        this.server = server;
        this.deadlines = deadlines;
        this.stats = stats;
    }

    /** Listens on 127.0.0.1:{@code port} ({@code 0} picks a free port) with {@link ServerLimits#blockingDefaults()}. */
    public static TlsServer start(int port, TlsConfig config, Handler handler) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), config,
                ServerLimits.blockingDefaults(), handler);
    }

    /** Listens on {@code address}, serving at most {@code maxConnections} clients at once, other limits at their defaults. */
    public static TlsServer start(InetSocketAddress address, int maxConnections, TlsConfig config, Handler handler)
            throws IOException {
        return start(address, config, ServerLimits.blockingDefaults().withMaxConnections(maxConnections), handler);
    }

    /**
     * Listens on {@code address} under {@code limits}: at most {@link ServerLimits#maxConnections()}
     * clients at once (a thread each; more are refused), each handshake cut off at its deadline,
     * each established connection closed after {@link ServerLimits#idleTimeout()} without a byte.
     */
    public static TlsServer start(InetSocketAddress address, TlsConfig config, ServerLimits limits, Handler handler)
            throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(handler, "handler");
        if (config.certificates().isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one certificate chain in its config");
        }
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(address, 1024);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        ServerStats stats = new ServerStats();
        ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tls-handshake-deadlines");
            t.setDaemon(true);
            return t;
        });
        TransportFactory tls = socket -> {
            String peer = String.valueOf(socket.getRemoteSocketAddress());
            // A read timeout alone does not stop a peer that sends one byte per second: the deadline
            // closes the socket wherever the handshake is, and the blocked read fails. The read
            // timeout stays as a backstop, later than the deadline so the deadline is what fires.
            socket.setSoTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, 2 * limits.handshakeTimeout().toMillis())));
            ScheduledFuture<?> deadline = deadlines.schedule(() -> {
                LOG.info("{}: handshake not complete {} after accepting: cut off (handshake deadline)", peer,
                        limits.handshakeTimeout());
                stats.countHandshakeDeadline();
                try {
                    socket.close();
                } catch (IOException e) {
                    LOG.debug("close failed: {}", e.toString());
                }
            }, limits.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
            IdleTimeout lower = new IdleTimeout(new SocketTransport(socket), peer, limits, stats);
            TlsTransport transport;
            try {
                transport = TlsTransport.server(lower, config);
                transport.handshake();
            } catch (IOException | RuntimeException e) {
                config.traceListener().connectionEnded();
                throw e;
            } finally {
                deadline.cancel(false);
            }
            stats.countHandshake();
            lower.established = true;
            socket.setSoTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis())));
            return transport;
        };
        EchoServer echo;
        try {
            echo = EchoServer.start(listener, limits.maxConnections(), tls,
                    transport -> {
                        try {
                            handler.handle(new TlsConnection((TlsTransport) transport));
                        } finally {
                            config.traceListener().connectionEnded();
                        }
                    }, EchoServer.WhenFull.REFUSE);
        } catch (RuntimeException e) {
            deadlines.shutdownNow();
            throw e;
        }
        LOG.info("TLS server on {}: {}", listener.getLocalSocketAddress(), limits);
        return new TlsServer(echo, deadlines, stats);
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** Connections being served right now. */
    public int activeConnections() {
        return server.activeConnections();
    }

    /** Handshakes completed and limits fired; refusals come from the accepting loop. */
    public ServerStats stats() {
        return stats;
    }

    /** Clients refused because {@link ServerLimits#maxConnections()} were being served. */
    public long refusedConnections() {
        return server.refusedConnections();
    }

    /** Stops accepting, lets open connections finish for a short grace period, then closes them. */
    @Override
    public void close() {
        server.close();
        deadlines.shutdownNow();
    }

    /** {@link #close()} with a chosen grace period. */
    public void close(Duration grace) {
        server.close(grace);
        deadlines.shutdownNow();
    }

    /**
     * The socket under the TLS transport, naming a read timeout for what it is once the handshake
     * is done: the idle timeout firing, logged as such.
     */
    private static final class IdleTimeout implements Transport {
        private final Transport lower;
        private final String peer;
        private final ServerLimits limits;
        private final ServerStats stats;
        private volatile boolean established;

        IdleTimeout(Transport lower, String peer, ServerLimits limits, ServerStats stats) {
            this.lower = lower;
            this.peer = peer;
            this.limits = limits;
            this.stats = stats;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return lower.read(buffer, offset, length);
            } catch (SocketTimeoutException e) {
                if (established) {
                    LOG.info("{}: idle for {}: closing (idle timeout)", peer, limits.idleTimeout());
                    stats.countIdleTimeout();
                }
                throw e;
            }
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            lower.write(buffer, offset, length);
        }

        @Override
        public void shutdownOutput() throws IOException {
            lower.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            lower.close();
        }

        @Override
        public String toString() {
            return lower.toString();
        }
    }
}
