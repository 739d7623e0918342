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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo server's trace when several connections run at once (a browser opens two): every line
 * starts with the connection's number, {@code #1 }, {@code #2 }, … The server runs each
 * connection on its own worker thread, so the connection is the thread's current one; a new one
 * begins when a handshake record arrives on a thread whose previous connection finished its
 * handshake (in TLS 1.3 nothing after the handshake travels as an outer handshake record).
 *
 * @since chapter04
 */
final class ConnectionTrace implements TraceListener {
    private final TracePrinter base;
    private final AtomicInteger next = new AtomicInteger();
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    private static final class Connection {
        final TracePrinter printer;
        final String prefix;
        boolean handshaking = true;

        Connection(TracePrinter printer, String prefix) {
            this.printer = printer;
            this.prefix = prefix;
        }
    }

    ConnectionTrace(TracePrinter base) {
        this.base = base;
    }

    /** "#N " for the calling thread's connection (empty before the first one). */
    String prefix() {
        Connection c = current.get();
        return c == null ? "" : c.prefix;
    }

    private Connection connection(boolean startsHandshake) {
        Connection c = current.get();
        if (c == null || (startsHandshake && !c.handshaking)) {
            String prefix = "#" + next.incrementAndGet() + " ";
            c = new Connection(base.withPrefix(prefix), prefix);
            current.set(c);
        }
        return c;
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
        Connection c = connection(false);
        c.printer.alert(direction, alert);
        c.handshaking = false; // an alert ends the handshake one way or the other
    }

    @Override
    public void keysInstalled(Direction direction, String epoch, CipherSuite suite) {
        connection(false).printer.keysInstalled(direction, epoch, suite);
    }
}
