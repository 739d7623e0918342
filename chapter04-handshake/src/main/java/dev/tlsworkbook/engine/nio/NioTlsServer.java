package dev.tlsworkbook.engine.nio;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.ServerLimits;
import dev.tlsworkbook.engine.ServerStats;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.engine.TlsServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS 1.3 server on {@code java.nio}: a few {@link SelectorLoop selector threads} (one per core
 * by default) serve thousands of connections, where {@link TlsServer} needs a thread for each.
 *
 * <p>It is possible only because {@link TlsEngine} does no I/O. A blocking adapter can hide a
 * socket inside the engine's calls; a selector loop cannot, because no call may wait. Here the
 * loop reads whatever a socket has, gives it to the engine, takes what the engine wants sent and
 * writes as much as the socket accepts, keeping the rest for the next "writable" event. The same
 * engine, unchanged, runs behind the blocking {@link TlsServer}, in memory in the tests and in the
 * benchmarks.
 *
 * <p>{@link ServerLimits} bound what strangers can hold: connections beyond
 * {@link ServerLimits#maxConnections()} are accepted and closed at once (refused, not queued), a
 * handshake still running at {@link ServerLimits#handshakeTimeout()} is cut off, an established
 * connection quiet for {@link ServerLimits#idleTimeout()} is closed. Each is logged when it fires
 * and counted in {@link #stats()}.
 *
 * @since chapter04
 */
public final class NioTlsServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(NioTlsServer.class);
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final String name;
    private final TlsConfig config;
    private final ServerLimits limits;
    private final NioApplication application;
    private final ServerSocketChannel listener;
    private final List<SelectorLoop> loops = new ArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ServerStats stats = new ServerStats();
    private final Thread acceptor;
    private volatile boolean closed;

    private NioTlsServer(ServerSocketChannel listener, TlsConfig config, ServerLimits limits, NioApplication application,
            int threads) throws IOException {
        this.name = "nio-" + SERVER_IDS.incrementAndGet();
        this.listener = listener;
        this.config = config;
        this.limits = limits;
        this.application = application;
        for (int i = 0; i < threads; i++) {
            loops.add(new SelectorLoop(this, name + "-loop-" + i));
        }
        this.acceptor = new Thread(this::acceptLoop, name + "-accept");
    }

    /**
     * Listens on {@code address} and serves {@code application} with {@code threads} selector
     * threads.
     */
    public static NioTlsServer start(InetSocketAddress address, TlsConfig config, ServerLimits limits,
            NioApplication application, int threads) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(application, "application");
        if (config.certificates().isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one certificate chain in its config");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        ServerSocketChannel listener = ServerSocketChannel.open();
        NioTlsServer server;
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(address, 1024);
            server = new NioTlsServer(listener, config, limits, application, threads);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        server.loops.forEach(SelectorLoop::start);
        server.acceptor.start();
        LOG.info("{}: listening on {} with {} selector thread(s); {}", server.name, listener.getLocalAddress(),
                threads, limits);
        return server;
    }

    /** One selector thread per available processor. */
    public static NioTlsServer start(InetSocketAddress address, TlsConfig config, ServerLimits limits,
            NioApplication application) throws IOException {
        return start(address, config, limits, application, Runtime.getRuntime().availableProcessors());
    }

    /** The port the server listens on. */
    public int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(name + " is closed", e);
        }
    }

    /** Connections open right now, handshaking or established. */
    public int activeConnections() {
        return open.get();
    }

    public ServerStats stats() {
        return stats;
    }

    public ServerLimits limits() {
        return limits;
    }

    /** Stops accepting and closes every connection (without close_notify), then returns once every thread has ended. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("{}: closing, {} connection(s) open; {}", name, open.get(), stats);
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("listener close failed: {}", e.toString());
        }
        boolean interrupted = false;
        try {
            acceptor.join();
            for (SelectorLoop loop : loops) {
                loop.stop();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        LOG.info("{}: closed", name);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    TlsConfig config() {
        return config;
    }

    NioApplication application() {
        return application;
    }

    void connectionClosed() {
        open.decrementAndGet();
    }

    private void acceptLoop() {
        int next = 0;
        while (!closed) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{}: accept failed, stopping: {}", name, e.toString());
                }
                return;
            }
            if (open.incrementAndGet() > limits.maxConnections()) {
                open.decrementAndGet();
                stats.countRefused();
                LOG.info("{}: {} connections open (the limit): refusing {}", name, limits.maxConnections(),
                        remote(channel));
                try {
                    channel.close();
                } catch (IOException e) {
                    LOG.debug("close failed: {}", e.toString());
                }
                continue;
            }
            loops.get(next).add(channel);
            next = (next + 1) % loops.size();
        }
    }

    private static String remote(SocketChannel channel) {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "a client";
        }
    }
}
