package dev.tlsworkbook.engine;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.io.SocketTransport;
import dev.tlsworkbook.io.TransportFactory;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Objects;

/**
 * A TLS 1.3 server in one call: accepts connections, runs each handshake on a worker thread of
 * a bounded pool, and hands the established {@link TlsConnection} to a {@link Handler}.
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
    /** Connections served at once unless told otherwise; further clients wait in the backlog. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    /** A client gets this long to complete its handshake, so a silent one cannot hold a worker forever. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** What the server does with each connection; the server closes it afterwards. */
    @FunctionalInterface
    public interface Handler {
        void handle(TlsConnection connection) throws IOException;
    }

    private final EchoServer server;

    private TlsServer(EchoServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port} ({@code 0} picks a free port). */
    public static TlsServer start(int port, TlsConfig config, Handler handler) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), DEFAULT_MAX_CONNECTIONS,
                config, handler);
    }

    /** Listens on {@code address}, serving at most {@code maxConnections} clients at once. */
    public static TlsServer start(InetSocketAddress address, int maxConnections, TlsConfig config, Handler handler)
            throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        if (config.certificates().isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one certificate chain in its config");
        }
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(address, 50);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        TransportFactory tls = socket -> {
            // The handshake runs here, on the worker thread, bounded by a read timeout.
            socket.setSoTimeout(Math.toIntExact(HANDSHAKE_TIMEOUT.toMillis()));
            TlsTransport transport = TlsTransport.server(new SocketTransport(socket), config);
            transport.handshake();
            socket.setSoTimeout(0);
            return transport;
        };
        return new TlsServer(EchoServer.start(listener, maxConnections, tls,
                transport -> handler.handle(new TlsConnection((TlsTransport) transport))));
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** Connections being served right now. */
    public int activeConnections() {
        return server.activeConnections();
    }

    /** Stops accepting, lets open connections finish for a short grace period, then closes them. */
    @Override
    public void close() {
        server.close();
    }

    /** {@link #close()} with a chosen grace period. */
    public void close(Duration grace) {
        server.close(grace);
    }
}
