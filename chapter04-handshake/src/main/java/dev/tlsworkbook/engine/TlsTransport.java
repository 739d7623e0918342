package dev.tlsworkbook.engine;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.io.Transport;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TlsEngine} plugged into a lower {@link Transport} (a socket): the same blocking byte
 * pipe as chapter01's, with TLS inside. {@link #read} returns application data, {@link #write}
 * sends it as protected records, {@link #shutdownOutput()} sends close_notify (RFC 8446 §6.1)
 * and {@link #close()} closes the socket. So chapter01's {@code EchoServer} and
 * {@code EchoClient} run over TLS without a line changed.
 *
 * <p>The handshake runs on the first read or write, or when {@link #handshake()} is called.
 *
 * <p>One thread may read while another writes, as with a socket. The engine is guarded by its
 * own lock, held only while bytes move in or out of it, never while a thread is blocked in the
 * lower transport: a reader waiting for the network does not stop a writer. Records leave in the
 * order the engine produced them because whoever sends them holds the send lock while taking
 * them out of the engine and writing them.
 *
 * <p>Failures surface as {@link TlsIOException}; the alert the engine queued for a local error
 * is sent before the exception is thrown.
 *
 * @since chapter04
 */
public final class TlsTransport implements Transport {
    /** Bytes read from the network at a time: one full record with its expansion. */
    private static final int NETWORK_BUFFER = 16_384 + 256 + 5;
    /** Application data handed to the engine at a time, so a huge write does not buffer twice. */
    private static final int WRITE_CHUNK = 16_384;

    private final TlsEngine engine;
    private final Transport lower;
    private final Object handshakeLock = new Object();
    private final Object readLock = new Object();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final byte[] networkIn = new byte[NETWORK_BUFFER];
    /** networkIn[inStart..inEnd) was read from the network and not yet taken by the engine (back-pressure). */
    private int inStart;
    private int inEnd;
    private volatile boolean closed;

    /** Wraps {@code lower} with {@code engine}; the transport owns both from now on. */
    public TlsTransport(TlsEngine engine, Transport lower) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.lower = Objects.requireNonNull(lower, "lower");
    }

    /** A client for {@code serverName} (sent as SNI and checked against the certificate; null for neither). */
    public static TlsTransport client(Transport lower, TlsConfig config, String serverName) {
        return new TlsTransport(TlsEngine.client(config, serverName), lower);
    }

    /**
     * A client for {@code serverName} on {@code port}: offers a ticket the session cache holds for
     * that name and port (RFC 8446 §2.2), and sends {@code earlyData} (null: none) as 0-RTT data
     * when the ticket allows it (§2.3).
     */
    public static TlsTransport client(Transport lower, TlsConfig config, String serverName, int port, byte[] earlyData) {
        return new TlsTransport(TlsEngine.client(config, serverName, port, earlyData), lower);
    }

    /**
     * Server: the 0-RTT data accepted with the handshake (RFC 8446 §2.3), which {@link #read} never
     * returns; empty when none was accepted. It may be a replay (§8): act only on requests that are
     * safe to repeat. Runs the handshake first if needed.
     */
    public byte[] earlyData() throws IOException {
        handshake();
        synchronized (readLock) {
            byte[] bytes = new byte[engine.availableEarlyData()];
            engine.readEarlyData(bytes, 0, bytes.length);
            return bytes;
        }
    }

    /** A server with {@code config}'s certificates. */
    public static TlsTransport server(Transport lower, TlsConfig config) {
        return new TlsTransport(TlsEngine.server(config), lower);
    }

    /**
     * Runs the handshake to completion if it has not run yet: sends our flight, reads the peer's,
     * until the engine reports the handshake complete (RFC 8446 §4, Appendix A).
     *
     * @throws TlsIOException if the handshake fails (the alert has been sent), or the peer
     *     closed the connection before it completed
     */
    public void handshake() throws IOException {
        synchronized (handshakeLock) {
            while (!handshakeComplete()) {
                send(true);
                if (!receive()) {
                    endOfStream();
                    throw new TlsIOException("the peer closed the connection during the handshake", null);
                }
            }
            send(true);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        handshake();
        synchronized (readLock) {
            while (true) {
                int n = plaintext(buffer, offset, length);
                if (n != 0) {
                    return n;
                }
                if (!receive()) {
                    endOfStream();
                }
            }
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        handshake();
        for (int done = 0; done < length; ) {
            int n = Math.min(WRITE_CHUNK, length - done);
            int from = offset + done;
            call(e -> {
                e.writePlaintext(buffer, from, n);
                return null;
            });
            send(true);
            done += n;
        }
    }

    /**
     * Sends close_notify (RFC 8446 §6.1), then half-closes the lower transport. Reads go on. Runs
     * the handshake first if it has not run, since close_notify travels under the traffic keys.
     */
    @Override
    public void shutdownOutput() throws IOException {
        handshake();
        synchronized (engine) {
            if (engine.isOutboundClosed() || engine.isClosed()) {
                return;
            }
            engine.closeOutbound();
        }
        send(true);
        lower.shutdownOutput();
    }

    /**
     * Sends a KeyUpdate (RFC 8446 §4.6.3), asking the peer to update its keys too if
     * {@code requestPeerUpdate}.
     */
    public void updateKeys(boolean requestPeerUpdate) throws IOException {
        handshake();
        call(e -> {
            e.updateKeys(requestPeerUpdate);
            return null;
        });
        send(true);
    }

    /**
     * Server: asks the client for a certificate after the handshake (RFC 8446 §4.6.2). The
     * client's answer is read with the application data that follows; {@link #summary()} shows the
     * client once it is verified.
     */
    public void requestClientCertificate() throws IOException {
        handshake();
        synchronized (engine) {
            engine.requestClientCertificate();
        }
        send(true);
    }

    /** Keying material exported from this connection (RFC 8446 §7.5); see {@link TlsEngine#exportKeyingMaterial}. */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) throws IOException {
        handshake();
        synchronized (engine) {
            return engine.exportKeyingMaterial(label, context, length);
        }
    }

    /** Sends close_notify if the connection is healthy and not closed yet, then closes the lower transport. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            boolean notify;
            synchronized (engine) {
                notify = engine.isHandshakeComplete() && !engine.isOutboundClosed() && !engine.isClosed();
                if (notify) {
                    engine.closeOutbound();
                }
            }
            // Best effort: a peer that stopped reading must not make close() hang.
            if (notify && sendLock.tryLock()) {
                try {
                    drain();
                } finally {
                    sendLock.unlock();
                }
            }
        } catch (IOException | TlsException e) {
            // The connection is going away anyway; the peer sees the TCP close.
        } finally {
            lower.close();
        }
    }

    /** The engine inside, for state queries (summary, peer certificates, ALPN). */
    public TlsEngine engine() {
        return engine;
    }

    /** The transport underneath. */
    public Transport lower() {
        return lower;
    }

    /** What the handshake agreed; runs the handshake first if needed. */
    public HandshakeSummary summary() throws IOException {
        handshake();
        synchronized (engine) {
            return engine.summary().orElseThrow();
        }
    }

    @Override
    public String toString() {
        return "TlsTransport[" + (engine.isClient() ? "client" : "server") + " over " + lower + "]";
    }

    /** True once complete; throws the engine's failure if it failed (every later call fails the same way). */
    private boolean handshakeComplete() throws TlsIOException {
        TlsException failure;
        synchronized (engine) {
            Optional<TlsException> failed = engine.failure();
            if (failed.isEmpty()) {
                return engine.isHandshakeComplete();
            }
            failure = failed.get();
        }
        throw TlsIOException.of(failure, engine.fatalAlertSent());
    }

    private int plaintext(byte[] buffer, int offset, int length) throws TlsIOException {
        return call(e -> e.readPlaintext(buffer, offset, length));
    }

    /**
     * Offers the engine what it has not taken yet, or else the next bytes from the network.
     * Called only when no plaintext waits, so the engine has room and takes them.
     *
     * @return false at end of stream
     */
    private boolean receive() throws IOException {
        if (inStart == inEnd) {
            int n = lower.read(networkIn, 0, networkIn.length);
            if (n == -1) {
                return false;
            }
            inStart = 0;
            inEnd = n;
        }
        inStart += call(e -> e.receive(networkIn, inStart, inEnd - inStart));
        // Replies the engine queued on its own (a KeyUpdate answer, an alert) go out now; if a
        // writer is sending, it sends them too (see send), so the reader never waits for it.
        send(false);
        return true;
    }

    private void endOfStream() throws IOException {
        call(e -> {
            e.receiveEndOfStream();
            return null;
        });
    }

    /**
     * Sends what the engine has queued. With {@code wait} false it gives up if another thread
     * holds the send lock, because that thread checks for more output after releasing it.
     */
    private void send(boolean wait) throws IOException {
        do {
            if (wait) {
                sendLock.lock();
            } else if (!sendLock.tryLock()) {
                return;
            }
            try {
                drain();
            } finally {
                sendLock.unlock();
            }
        } while (locked(e -> e.pendingOutput() > 0));
    }

    private void drain() throws IOException {
        while (true) {
            byte[] chunk;
            synchronized (engine) {
                int n = engine.pendingOutput();
                if (n == 0) {
                    return;
                }
                chunk = new byte[n];
                engine.takeOutput(chunk, 0, n);
            }
            lower.write(chunk, 0, chunk.length);
        }
    }

    /** One step of the engine under its lock. */
    @FunctionalInterface
    private interface EngineCall<T> {
        T apply(TlsEngine engine);
    }

    /**
     * Runs {@code step} under the engine lock. If the engine fails, it has queued exactly one
     * fatal alert (GUIDE §7): send it, outside the lock, then report the failure.
     */
    private <T> T call(EngineCall<T> step) throws TlsIOException {
        TlsException failure;
        synchronized (engine) {
            try {
                return step.apply(engine);
            } catch (TlsException e) {
                failure = e;
            }
        }
        try {
            send(false);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        throw TlsIOException.of(failure, engine.fatalAlertSent());
    }

    private boolean locked(java.util.function.Predicate<TlsEngine> query) {
        synchronized (engine) {
            return query.test(engine);
        }
    }
}
