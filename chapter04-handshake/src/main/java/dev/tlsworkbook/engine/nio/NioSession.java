package dev.tlsworkbook.engine.nio;

import dev.tlsworkbook.handshake.state.HandshakeSummary;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * One established connection of a {@link NioTlsServer}, as its {@link NioApplication} sees it.
 * Every method is called on the connection's selector thread and returns at once: nothing here
 * blocks, data is queued in the engine and leaves as the socket accepts it.
 *
 * @since chapter04
 */
public interface NioSession {
    /** Queues application data; it is sealed into records now and sent as the socket accepts it. */
    void write(byte[] data, int off, int len);

    /** Queues close_notify (RFC 8446 §6.1) after what is queued; the socket closes once it is sent. */
    void close();

    /** What the handshake agreed. */
    HandshakeSummary summary();

    /** The server_name the client sent (RFC 6066 §3), if any. */
    Optional<String> serverName();

    /** The client's address. */
    SocketAddress remoteAddress();
}
