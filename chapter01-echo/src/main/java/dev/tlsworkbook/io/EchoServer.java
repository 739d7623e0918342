package dev.tlsworkbook.io;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server that runs a {@link ConnectionHandler} (by default the byte echo, {@link #echo}) for
 * many clients at once, at most {@code maxClients} at a time; further clients wait in the
 * listen backlog until a slot frees, or, with {@link WhenFull#REFUSE}, are accepted and closed at
 * once (a server facing strangers must not let a crowd queue up behind it).
 *
 * <p>Connections come from a {@link ServerSocket}, each accepted socket turned into a
 * {@link Transport} by a {@link TransportFactory} (plain TCP here; records in chapter02, TLS in
 * chapter04), or are handed in directly with {@link #serve(Transport)}.
 *
 * <p>{@link #close()} stops accepting, gives open connections a grace period to finish, closes
 * the ones still open, and returns once every thread of the server has ended.
 *
 * @since chapter01
 */
public final class EchoServer implements Closeable {
    /** The byte echo as a handler. */
    public static final ConnectionHandler ECHO = EchoServer::echo;
    /** How long {@link #close()} lets open connections finish before closing them. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    /** What happens to a client that arrives while {@code maxClients} are being served. */
    public enum WhenFull {
        /** It waits in the listen backlog until a slot frees. */
        WAIT,
        /** It is accepted and closed at once, and the refusal is logged. */
        REFUSE
    }

    private static final Logger log = LoggerFactory.getLogger(EchoServer.class);
    /** The byte echo reads at most this many bytes at a time. */
    public static final int ECHO_BUFFER = 8192;
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final String name;
    private final ServerSocket listener;
    private final TransportFactory factory;
    private final ConnectionHandler handler;
    private final Semaphore slots;
    private final WhenFull whenFull;
    private final java.util.concurrent.atomic.LongAdder refused = new java.util.concurrent.atomic.LongAdder();
    private final ExecutorService pool;
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread acceptor;

    private EchoServer(ServerSocket listener, int maxClients, TransportFactory factory,
            ConnectionHandler handler, WhenFull whenFull) {
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be at least 1: " + maxClients);
        }
        this.name = "echo-" + SERVER_IDS.incrementAndGet();
        this.listener = listener;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.slots = new Semaphore(maxClients);
        this.whenFull = Objects.requireNonNull(whenFull, "whenFull");
        AtomicInteger workerIds = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(maxClients, r -> {
            Thread worker = new Thread(r, name + "-conn-" + workerIds.incrementAndGet());
            workers.add(worker);
            return worker;
        });
        this.acceptor = listener == null ? null : new Thread(this::acceptLoop, name + "-accept");
    }

    /**
     * Serves connections accepted on {@code listener} (already bound) with {@code handler},
     * at most {@code maxClients} at once. The server owns the listener from now on.
     */
    public static EchoServer start(ServerSocket listener, int maxClients, TransportFactory factory,
            ConnectionHandler handler) {
        return start(listener, maxClients, factory, handler, WhenFull.WAIT);
    }

    /** {@link #start(ServerSocket, int, TransportFactory, ConnectionHandler)}, choosing what happens when full. */
    public static EchoServer start(ServerSocket listener, int maxClients, TransportFactory factory,
            ConnectionHandler handler, WhenFull whenFull) {
        EchoServer server = new EchoServer(Objects.requireNonNull(listener, "listener"),
                maxClients, factory, handler, whenFull);
        server.acceptor.start();
        log.info("{}: listening on {}, at most {} clients at once ({} when full)", server.name,
                listener.getLocalSocketAddress(), maxClients, whenFull);
        return server;
    }

    /** Binds 127.0.0.1:{@code port} ({@code 0} picks a free port) and serves {@code handler} over plain TCP. */
    public static EchoServer startOnLoopback(int port, int maxClients, ConnectionHandler handler)
            throws IOException {
        ServerSocket listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        return start(listener, maxClients, TransportFactory.PLAIN, handler);
    }

    /** A server with no listener: connections are handed in with {@link #serve(Transport)}. */
    public static EchoServer withoutListener(int maxClients, ConnectionHandler handler) {
        return new EchoServer(null, maxClients, TransportFactory.PLAIN, handler, WhenFull.WAIT);
    }

    /**
     * The byte echo: writes back every byte it reads, as it reads it, until the peer half-closes;
     * then half-closes too, so the peer reads everything and then end of stream.
     *
     * @return the number of bytes echoed
     */
    public static long echo(Transport transport) throws IOException {
        byte[] buffer = new byte[ECHO_BUFFER];
        long total = 0;
        int n;
        // A read returns whatever has arrived: part of a client's write, or several writes at once.
        while ((n = transport.read(buffer, 0, buffer.length)) != -1) {
            transport.write(buffer, 0, n);
            total += n;
        }
        // The client sent FIN and everything before it has been echoed: answer with our FIN.
        transport.shutdownOutput();
        log.debug("echoed {} bytes over {}", total, transport);
        return total;
    }

    /**
     * Runs the handler over {@code transport} on the pool, waiting for a free slot first. The
     * server closes the transport when the handler returns.
     *
     * @throws IllegalStateException if the server is closed
     */
    public void serve(Transport transport) throws InterruptedException {
        slots.acquire();
        open.add(transport);
        submit(transport, () -> run(transport, String.valueOf(transport), () -> transport));
    }

    /** The port the listener is bound to. */
    public int port() {
        if (listener == null) {
            throw new IllegalStateException(name + " has no listener");
        }
        return listener.getLocalPort();
    }

    /** The prefix of every thread name of this server, e.g. {@code echo-3}. */
    public String name() {
        return name;
    }

    /** Connections being served right now. */
    public int activeConnections() {
        return open.size();
    }

    /** Clients refused because the server was full ({@link WhenFull#REFUSE}). */
    public long refusedConnections() {
        return refused.sum();
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_GRACE}. */
    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    /**
     * Stops accepting, lets open connections run for up to {@code grace}, then closes those still
     * open and waits for every thread of the server to end. Idempotent.
     */
    public void close(Duration grace) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("{}: closing, {} connection(s) open", name, open.size());
        closeQuietly(listener);
        pool.shutdown();
        boolean interrupted = false;
        try {
            if (acceptor != null) {
                acceptor.interrupt();
                acceptor.join();
            }
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("{}: closing {} connection(s) still open after {}", name, open.size(), grace);
                open.forEach(EchoServer::closeQuietly);
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
            // A terminated pool's threads may still be returning; wait so none outlives close().
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            interrupted = true;
            open.forEach(EchoServer::closeQuietly);
            pool.shutdownNow();
        }
        log.info("{}: closed", name);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            if (whenFull == WhenFull.WAIT) {
                try {
                    slots.acquire();
                } catch (InterruptedException e) {
                    return;
                }
            }
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (whenFull == WhenFull.WAIT) {
                    slots.release();
                }
                if (!closed.get()) {
                    log.warn("{}: accept failed, stopping: {}", name, e.toString());
                }
                return;
            }
            if (whenFull == WhenFull.REFUSE && !slots.tryAcquire()) {
                refused.increment();
                log.info("{}: {} clients being served (the limit): refusing {}", name, open.size(),
                        socket.getRemoteSocketAddress());
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            String peer = String.valueOf(socket.getRemoteSocketAddress());
            log.info("{}: connection from {}", name, peer);
            try {
                submit(socket, () -> run(socket, peer, () -> factory.open(socket)));
            } catch (IllegalStateException e) {
                return;
            }
        }
    }

    private void submit(Closeable connection, Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            // close() ran between accepting and submitting.
            open.remove(connection);
            closeQuietly(connection);
            slots.release();
            throw new IllegalStateException(name + " is closed", e);
        }
    }

    private interface Opener {
        Transport open() throws IOException;
    }

    private void run(Closeable connection, String peer, Opener opener) {
        try (connection; Transport transport = opener.open()) {
            handler.serve(transport);
            log.info("{}: {} done", name, peer);
        } catch (IOException | RuntimeException e) {
            if (closed.get()) {
                log.debug("{}: {} ended by close: {}", name, peer, e.toString());
            } else {
                log.warn("{}: {} failed: {}", name, peer, e.toString());
            }
        } finally {
            open.remove(connection);
            slots.release();
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            log.debug("close failed: {}", e.toString());
        }
    }
}
