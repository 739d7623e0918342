package dev.tlsworkbook.handshake.state;

import dev.tlsworkbook.handshake.message.HandshakeFrame;

/**
 * One state of a handshake state machine (RFC 8446 Appendix A; GUIDE §6): an immutable
 * {@code ExpectX} that takes the next received handshake message and returns the state after it,
 * or throws a {@link dev.tlsworkbook.alert.TlsException}. It acts only through the
 * {@link HandshakeOutput}, never on a socket.
 *
 * @since chapter04
 */
public interface HandshakeState {

    /**
     * Handles one received message, with its exact wire bytes.
     *
     * @return the next state
     */
    HandshakeState handle(HandshakeFrame frame, HandshakeOutput out);

    /** True for the state after the handshake (RFC 8446 Appendix A: CONNECTED). */
    default boolean isConnected() {
        return false;
    }

    /** The state's name for messages, e.g. {@code ExpectServerHello}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
