package dev.tlsworkbook.engine.nio;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a {@link SelectorLoop}: a non-blocking socket and a {@link TlsEngine}, and the
 * few bytes that are between the two. The engine does no I/O, so this class is all the I/O there
 * is: read what the socket has into the loop's buffer, offer it to the engine, hand the plaintext
 * to the application, write what the engine queued as far as the socket takes it, and choose what
 * to wait for next (readable, writable) from what is left over.
 *
 * <p>Flow control runs both ways. The engine stops taking bytes when the application is behind
 * ({@link TlsEngine#receive}); the connection then keeps the bytes not taken and stops reading
 * the socket, so the peer's TCP window closes. Plaintext is handed to the application only while
 * less than {@link #OUTPUT_LIMIT} bytes wait to be sent, so an echo to a peer that never reads
 * stops reading too, instead of queueing without end.
 *
 * <p>Memory: the buffers that move bytes belong to the loop; a connection holds arrays only for
 * bytes that wait (not taken, not sent), and its engine's buffers are trimmed once it has been
 * quiet for {@link #TRIM_AFTER_NANOS}.
 */
final class NioConnection implements NioSession {
    /** Output waiting to be sent beyond which no more plaintext is handed to the application. */
    static final int OUTPUT_LIMIT = 64 * 1024;
    /** Quiet this long, a connection gives its grown buffers back. */
    static final long TRIM_AFTER_NANOS = 1_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(NioConnection.class);
    private static final byte[] NOTHING = new byte[0];

    private final SelectorLoop loop;
    private final SocketChannel channel;
    private final TlsEngine engine;
    private final SocketAddress peer;
    private final long acceptedAt;
    private SelectionKey key;
    private long lastActivity;
    private NioApplication.Receiver receiver;
    /** Ciphertext read from the socket that the engine has not taken yet (back-pressure). */
    private byte[] untaken;
    private int untakenPos;
    /** Records taken from the engine that the socket has not accepted yet. */
    private byte[] unsent;
    private int unsentPos;
    private boolean closeRequested;
    private boolean inputEnded;
    private boolean closed;
    private boolean trimmed;

    NioConnection(SelectorLoop loop, SocketChannel channel, TlsEngine engine, SocketAddress peer, long now) {
        this.loop = loop;
        this.channel = channel;
        this.engine = engine;
        this.peer = peer;
        this.acceptedAt = now;
        this.lastActivity = now;
    }

    void registered(SelectionKey key) {
        this.key = key;
    }

    // ------------------------------------------------------------------ events from the loop

    void readable() {
        ByteBuffer in = loop.networkIn();
        in.clear();
        int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            LOG.debug("{}: read failed: {}", peer, e.toString());
            closeChannel();
            return;
        }
        if (n == -1) {
            endOfStream();
            return;
        }
        if (n > 0) {
            activity();
            try {
                int taken = engine.receive(in.array(), 0, n);
                if (taken < n) {
                    untaken = Arrays.copyOfRange(in.array(), taken, n);
                    untakenPos = 0;
                }
            } catch (TlsException e) {
                failed(e);
                return;
            }
        }
        progress();
    }

    void writable() {
        progress();
    }

    /** Called by the loop about once per tick: the handshake deadline, the idle timeout, trimming. */
    void tick(long now) {
        if (closed) {
            return;
        }
        if (!engine.isHandshakeComplete()) {
            if (now - acceptedAt > loop.limits().handshakeTimeout().toNanos()) {
                LOG.info("{}: handshake not complete {} after accepting: cut off (handshake deadline)", peer,
                        loop.limits().handshakeTimeout());
                loop.stats().countHandshakeDeadline();
                closeChannel();
            }
            return;
        }
        if (now - lastActivity > loop.limits().idleTimeout().toNanos()) {
            LOG.info("{}: idle for {}: closing (idle timeout)", peer, loop.limits().idleTimeout());
            loop.stats().countIdleTimeout();
            close();
            flush();
            closeChannel();
            return;
        }
        if (!trimmed && now - lastActivity > TRIM_AFTER_NANOS) {
            engine.trimBuffers();
            trimmed = true;
        }
    }

    // ------------------------------------------------------------------ NioSession

    @Override
    public void write(byte[] data, int off, int len) {
        engine.writePlaintext(data, off, len);
    }

    @Override
    public void close() {
        if (!closeRequested) {
            closeRequested = true;
            engine.closeOutbound();
        }
    }

    @Override
    public HandshakeSummary summary() {
        return engine.summary().orElseThrow();
    }

    @Override
    public Optional<String> serverName() {
        return engine.serverName();
    }

    @Override
    public SocketAddress remoteAddress() {
        return peer;
    }

    @Override
    public String toString() {
        return "NioConnection[" + peer + "]";
    }

    /** Closes without ceremony: the server is shutting down. */
    void abort() {
        closeChannel();
    }

    // ------------------------------------------------------------------ moving bytes

    /** Moves bytes as far as they go, then sends and chooses what to wait for. */
    private void progress() {
        try {
            boolean moved;
            do {
                moved = false;
                if (receiver == null && engine.isHandshakeComplete()) {
                    loop.stats().countHandshake();
                    LOG.debug("{}: {}", peer, engine.summary().orElseThrow());
                    receiver = loop.application().connected(this);
                }
                byte[] plaintext = loop.plaintext();
                int n;
                while (receiver != null && outputRoom() && (n = engine.readPlaintext(plaintext, 0, plaintext.length)) > 0) {
                    receiver.received(plaintext, 0, n);
                    moved = true;
                }
                if (outputRoom() && !closeRequested) {
                    int before = engine.availablePlaintext();
                    if (untaken != null) {
                        int taken = engine.receive(untaken, untakenPos, untaken.length - untakenPos);
                        untakenPos += taken;
                        if (untakenPos == untaken.length) {
                            untaken = null;
                        }
                        moved |= taken > 0;
                    } else {
                        // Opens a record the engine held while its plaintext buffer was full.
                        engine.receive(NOTHING, 0, 0);
                    }
                    moved |= engine.availablePlaintext() > before;
                }
            } while (moved);
            if (engine.isInboundClosed() && engine.availablePlaintext() == 0 && !inputEnded) {
                inputEnded = true;
                if (receiver != null) {
                    receiver.endOfInput();
                }
                close();
            }
        } catch (TlsException e) {
            failed(e);
            return;
        }
        flush();
        interest();
    }

    private boolean outputRoom() {
        return engine.pendingOutput() + (unsent == null ? 0 : unsent.length - unsentPos) < OUTPUT_LIMIT;
    }

    /** Writes what is queued as far as the socket takes it; closes the socket once close_notify has gone. */
    private void flush() {
        if (closed) {
            return;
        }
        try {
            if (unsent != null) {
                ByteBuffer rest = ByteBuffer.wrap(unsent, unsentPos, unsent.length - unsentPos);
                channel.write(rest);
                unsentPos = rest.position();
                if (rest.hasRemaining()) {
                    return;
                }
                unsent = null;
                activity();
            }
            byte[] buffer = loop.networkOut();
            while (engine.pendingOutput() > 0) {
                int n = engine.takeOutput(buffer, 0, buffer.length);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                channel.write(bytes);
                activity();
                if (bytes.hasRemaining()) {
                    unsent = Arrays.copyOfRange(buffer, bytes.position(), n);
                    unsentPos = 0;
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: write failed: {}", peer, e.toString());
            closeChannel();
            return;
        }
        if (engine.isOutboundClosed() || engine.isClosed()) {
            closeChannel();
        }
    }

    /** Waits for readable only while everything read has been taken and there is room; for writable while output waits. */
    private void interest() {
        if (closed) {
            return;
        }
        int ops = 0;
        if (untaken == null && !inputEnded && !closeRequested && outputRoom() && engine.wantsInput()) {
            ops |= SelectionKey.OP_READ;
        }
        if (unsent != null || engine.pendingOutput() > 0) {
            ops |= SelectionKey.OP_WRITE;
        }
        key.interestOps(ops);
    }

    private void endOfStream() {
        try {
            engine.receiveEndOfStream();
            LOG.debug("{}: closed after close_notify", peer);
        } catch (TlsException e) {
            // RFC 8446 §6.1: end of stream without close_notify is truncation, never a clean end.
            failed(e);
            return;
        }
        progress();
        closeChannel();
    }

    private void failed(TlsException e) {
        if (e.violation().orElse(null) == Violation.TRUNCATION) {
            LOG.debug("{}: {}", peer, e.getMessage());
        } else {
            LOG.info("{}: connection failed: {}", peer, e.getMessage());
        }
        if (receiver != null) {
            receiver.failed(e);
        }
        // The engine queued its fatal alert, if there is one to send; best effort.
        flush();
        closeChannel();
    }

    private void activity() {
        lastActivity = loop.now();
        trimmed = false;
    }

    private void closeChannel() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("{}: close failed: {}", peer, e.toString());
        }
        loop.closed(this);
    }
}
