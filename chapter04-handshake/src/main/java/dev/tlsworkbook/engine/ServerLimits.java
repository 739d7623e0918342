package dev.tlsworkbook.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * What a server grants one stranger before it has served a friend: how many connections it holds
 * at once, how long a handshake may take, how long an established connection may stay silent.
 * A TLS server is reached by anyone; without these, a crowd of peers that connect and never
 * finish (a slow-loris attack sends one byte per second, which no read timeout catches) holds it
 * forever. Both servers, {@link TlsServer} (a thread per connection) and the selector loop in
 * {@code engine.nio}, apply the same limits and log each time one fires.
 *
 * @param maxConnections connections held at once; one more is accepted and closed at once
 *     (refused, never queued), and the refusal is logged
 * @param handshakeTimeout from accepting the connection to a complete handshake; a peer that is
 *     still handshaking at the deadline is cut off, however many bytes it is trickling in
 * @param idleTimeout how long an established connection may go without receiving a byte
 * @since chapter04
 */
public record ServerLimits(int maxConnections, Duration handshakeTimeout, Duration idleTimeout) {
    /** Default for the selector server: 1,000 idle connections cost it about 30 MB (docs/performance.md). */
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;
    /** Default for the thread-per-connection server: each connection holds a thread and its stack. */
    public static final int DEFAULT_MAX_BLOCKING_CONNECTIONS = 256;
    /** A handshake is one or two round trips; 10 s covers a slow mobile link several times over. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** An established connection that has said nothing for two minutes is closed (nginx waits 75 s between requests). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);

    public ServerLimits {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: " + handshakeTimeout + ", " + idleTimeout);
        }
    }

    /** The selector server's defaults. */
    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
    }

    /** The thread-per-connection server's defaults. */
    public static ServerLimits blockingDefaults() {
        return new ServerLimits(DEFAULT_MAX_BLOCKING_CONNECTIONS, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
    }

    public ServerLimits withMaxConnections(int v) {
        return new ServerLimits(v, handshakeTimeout, idleTimeout);
    }

    public ServerLimits withHandshakeTimeout(Duration v) {
        return new ServerLimits(maxConnections, v, idleTimeout);
    }

    public ServerLimits withIdleTimeout(Duration v) {
        return new ServerLimits(maxConnections, handshakeTimeout, v);
    }
}
