package dev.tlsworkbook.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a server's {@link ServerLimits} did, counted as they fire, next to the handshakes it
 * completed: for tests, for the load tool, for the log line a server prints when it closes.
 * Servers count; everyone else reads.
 *
 * @since chapter04
 */
public final class ServerStats {
    private final LongAdder handshakes = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder handshakeDeadlines = new LongAdder();
    private final LongAdder idleTimeouts = new LongAdder();

    /** Handshakes completed. */
    public long handshakes() {
        return handshakes.sum();
    }

    /** Connections refused because {@link ServerLimits#maxConnections()} were open. */
    public long refused() {
        return refused.sum();
    }

    /** Connections cut off at the handshake deadline. */
    public long handshakeDeadlines() {
        return handshakeDeadlines.sum();
    }

    /** Established connections closed by the idle timeout. */
    public long idleTimeouts() {
        return idleTimeouts.sum();
    }

    public void countHandshake() {
        handshakes.increment();
    }

    public void countRefused() {
        refused.increment();
    }

    public void countHandshakeDeadline() {
        handshakeDeadlines.increment();
    }

    public void countIdleTimeout() {
        idleTimeouts.increment();
    }

    @Override
    public String toString() {
        return "handshakes=" + handshakes() + " refused=" + refused() + " handshakeDeadlines=" + handshakeDeadlines()
                + " idleTimeouts=" + idleTimeouts();
    }
}
