package dev.tlsworkbook.engine.nio;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.ServerLimits;
import dev.tlsworkbook.engine.ServerStats;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.record.RecordHeader;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread, one {@link Selector}, many connections. The acceptor hands it sockets; it waits for
 * whichever of its sockets can move bytes, lets that {@link NioConnection} move them, and about
 * every {@link #TICK_NANOS} checks every connection's deadlines. The buffers bytes pass through on
 * their way between socket and engine belong to the loop, not to a connection: a connection is
 * served by one loop only, one event at a time.
 */
final class SelectorLoop implements Runnable {
    /** How often deadlines are checked: a quarter second late is the most a deadline fires. */
    static final long TICK_NANOS = 250_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(SelectorLoop.class);

    private final NioTlsServer server;
    private final Selector selector;
    private final Thread thread;
    private final Queue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
    private final Set<NioConnection> connections = new HashSet<>();
    private final ByteBuffer networkIn = ByteBuffer.allocate(RecordHeader.MAX_RECORD);
    private final byte[] networkOut = new byte[4 * RecordHeader.MAX_RECORD];
    private final byte[] plaintext = new byte[RecordHeader.MAX_PLAINTEXT];
    private volatile boolean stopping;
    private long now = System.nanoTime();

    SelectorLoop(NioTlsServer server, String name) throws IOException {
        this.server = server;
        this.selector = Selector.open();
        this.thread = new Thread(this, name);
    }

    void start() {
        thread.start();
    }

    /** From the acceptor thread: serve {@code channel} on this loop. */
    void add(SocketChannel channel) {
        incoming.add(channel);
        selector.wakeup();
    }

    void stop() throws InterruptedException {
        stopping = true;
        selector.wakeup();
        thread.join();
    }

    @Override
    public void run() {
        long lastTick = System.nanoTime();
        try {
            while (!stopping) {
                selector.select(TICK_NANOS / 1_000_000);
                now = System.nanoTime();
                register();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    NioConnection c = (NioConnection) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        if (key.isReadable()) {
                            c.readable();
                        }
                        if (key.isValid() && key.isWritable()) {
                            c.writable();
                        }
                    } catch (RuntimeException e) {
                        // A bug in the application (or here) ends its connection, not the loop and its other connections.
                        LOG.error("{}: connection {} failed unexpectedly; closing it", thread.getName(), c, e);
                        c.abort();
                    }
                }
                if (now - lastTick >= TICK_NANOS) {
                    lastTick = now;
                    for (NioConnection c : new ArrayList<>(connections)) {
                        c.tick(now);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: selector loop failed", thread.getName(), e);
        } finally {
            for (NioConnection c : new ArrayList<>(connections)) {
                c.abort();
            }
            SocketChannel left;
            while ((left = incoming.poll()) != null) {
                closeQuietly(left);
                server.connectionClosed();
            }
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("selector close failed: {}", e.toString());
            }
        }
    }

    private void register() {
        SocketChannel channel;
        while ((channel = incoming.poll()) != null) {
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                TlsEngine engine = TlsEngine.server(server.config());
                NioConnection c = new NioConnection(this, channel, engine, channel.getRemoteAddress(), now);
                c.registered(channel.register(selector, SelectionKey.OP_READ, c));
                connections.add(c);
            } catch (IOException e) {
                LOG.debug("could not register a connection: {}", e.toString());
                closeQuietly(channel);
                server.connectionClosed();
            }
        }
    }

    // ------------------------------------------------------------------ for the connections

    long now() {
        return now;
    }

    ServerLimits limits() {
        return server.limits();
    }

    ServerStats stats() {
        return server.stats();
    }

    NioApplication application() {
        return server.application();
    }

    TlsConfig config() {
        return server.config();
    }

    ByteBuffer networkIn() {
        return networkIn;
    }

    byte[] networkOut() {
        return networkOut;
    }

    byte[] plaintext() {
        return plaintext;
    }

    void closed(NioConnection c) {
        if (connections.remove(c)) {
            server.connectionClosed();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }
}
