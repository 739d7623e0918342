package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.alert.Alert;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.engine.TracePrinter;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.record.ContentType;
import java.util.HashSet;
import java.util.Set;

/**
 * The blocking demo server's trace, which says which connection a line belongs to once two
 * overlap (a browser opens two at once): a connection alone prints its lines bare, as the client's
 * trace does; when a second one starts while the first is open, the lines of both from then on
 * start with their connection's number, {@code #1 }, {@code #2 }, … Numbers count every
 * connection since the server started, so they stay unique.
 *
 * <p>The server runs each connection on its own worker thread, so the connection is the thread's
 * current one; a new one begins when a handshake record arrives on a thread whose previous
 * connection finished its handshake (in TLS 1.3 nothing after the handshake travels as an outer
 * handshake record). A connection stops counting as open when the server says it ended
 * ({@link #connectionEnded()}: its handler returned or its handshake failed, even without an
 * alert) or its handshake ends in an alert.
 *
 * @since chapter04
 */
final class ConnectionTrace implements TraceListener {
    private final TracePrinter base;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    /** Connections open now; guarded by itself, as is {@link #opened}. */
    private final Set<Connection> open = new HashSet<>();
    private int opened;

    private final class Connection {
        final int number;
        final TracePrinter printer;
        boolean handshaking = true;
        /** Set once another connection was open at the same time; read by any thread that prints. */
        volatile boolean overlapped;

        Connection(int number) {
            this.number = number;
            this.printer = base.withPrefix(this::prefix);
        }

        String prefix() {
            return overlapped ? "#" + number + " " : "";
        }
    }

    ConnectionTrace(TracePrinter base) {
        this.base = base;
    }

    /** "#N " for the calling thread's connection once it overlaps another, else empty. */
    String prefix() {
        Connection c = current.get();
        return c == null ? "" : c.prefix();
    }

    /** The calling thread's connection is over: it no longer overlaps new ones. */
    @Override
    public void connectionEnded() {
        Connection c = current.get();
        if (c != null) {
            close(c);
        }
    }

    private Connection connection(boolean startsHandshake) {
        Connection c = current.get();
        if (c == null || (startsHandshake && !c.handshaking)) {
            if (c != null) {
                close(c);
            }
            synchronized (open) {
                c = new Connection(++opened);
                if (!open.isEmpty()) {
                    open.forEach(o -> o.overlapped = true);
                    c.overlapped = true;
                }
                open.add(c);
            }
            current.set(c);
        }
        return c;
    }

    private void close(Connection c) {
        synchronized (open) {
            open.remove(c);
        }
    }

    @Override
    public void record(Direction direction, ContentType outerType, int length, String epoch) {
        boolean opening = direction == Direction.RECEIVED && outerType == ContentType.HANDSHAKE;
        connection(opening).printer.record(direction, outerType, length, epoch);
    }

    @Override
    public void handshakeMessage(Direction direction, HandshakeMessage message, Opaque wireBytes, String epoch) {
        Connection c = connection(direction == Direction.RECEIVED && message instanceof ClientHello);
        c.printer.handshakeMessage(direction, message, wireBytes, epoch);
        if (direction == Direction.RECEIVED && message instanceof Finished) {
            c.handshaking = false;
        }
    }

    @Override
    public void changeCipherSpec(Direction direction) {
        connection(false).printer.changeCipherSpec(direction);
    }

    @Override
    public void alert(Direction direction, Alert alert) {
        alerted(connection(false)).printer.alert(direction, alert);
    }

    @Override
    public void alert(Direction direction, Alert alert, String epoch) {
        Connection c = connection(false);
        c.printer.alert(direction, alert, epoch);
        alerted(c);
    }

    private Connection alerted(Connection c) {
        if (c.handshaking) {
            // an alert ends the handshake one way or the other; a failed one leaves nothing open
            c.handshaking = false;
            close(c);
        }
        return c;
    }

    @Override
    public void keysInstalled(Direction direction, String epoch, CipherSuite suite) {
        connection(false).printer.keysInstalled(direction, epoch, suite);
    }
}
