package dev.tlsworkbook.handshake.state;

import dev.tlsworkbook.alert.Alert;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.record.ContentType;

/**
 * Sees every record, handshake message, change_cipher_spec, alert and key change of one
 * connection, for the annotated trace of the demos. Every method does nothing by default. Called
 * on the thread that drives the engine; must not throw.
 *
 * <p>Epoch strings: {@code "plaintext"}, {@code "handshake"} (handshake traffic keys,
 * RFC 8446 §7.1), {@code "application"} followed by the generation for application traffic keys
 * after KeyUpdates, e.g. {@code "application"} (generation 0), {@code "application-1"}.
 *
 * @since chapter04
 */
public interface TraceListener {
    /** Listens to nothing. */
    TraceListener NONE = new TraceListener() { };

    /** Which way something went. */
    enum Direction { SENT, RECEIVED }

    /** A record on the wire: its outer content type and length (header excluded). */
    default void record(Direction direction, ContentType outerType, int length, String epoch) {
    }

    /** One handshake message, decoded, with its exact bytes (header included). */
    default void handshakeMessage(Direction direction, HandshakeMessage message, Opaque wireBytes, String epoch) {
    }

    /** A compatibility change_cipher_spec record (RFC 8446 Appendix D.4). */
    default void changeCipherSpec(Direction direction) {
    }

    /** An alert sent or received (RFC 8446 §6). */
    default void alert(Direction direction, Alert alert) {
    }

    /**
     * An alert sent or received under the keys named by {@code epoch} ("plaintext" for an alert in
     * the clear); what is on the wire, whatever keys the connection holds for that direction.
     * By default the same as {@link #alert(Direction, Alert)}.
     */
    default void alert(Direction direction, Alert alert, String epoch) {
        alert(direction, alert);
    }

    /** New keys for one direction (RFC 8446 §7.3). */
    default void keysInstalled(Direction direction, String epoch, CipherSuite suite) {
    }

    /**
     * The connection is over, on the thread that served it: its handler returned, or its
     * handshake failed in any way, with an alert or without one (end of stream, a deadline).
     * Called by the servers, which know when a connection ends; the engine does not.
     */
    default void connectionEnded() {
    }
}
