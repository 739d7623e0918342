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

    /**
     * Handles a change_cipher_spec record delivered to the state (only when a state has set
     * {@link dev.tlsworkbook.record.ChangeCipherSpecMode#DELIVER}, as TLS 1.2 does: RFC 5246 §7.1).
     * Everywhere else it is out of order: unexpected_message.
     *
     * @return the next state
     */
    default HandshakeState onChangeCipherSpec(HandshakeOutput out) {
        throw dev.tlsworkbook.alert.TlsException.local(dev.tlsworkbook.alert.Violation.BAD_CHANGE_CIPHER_SPEC,
                "RFC 5246 §7.1: change_cipher_spec is not expected in " + name());
    }

    /** True for the state after the handshake (RFC 8446 Appendix A: CONNECTED). */
    default boolean isConnected() {
        return false;
    }

    /** The state's name for messages, e.g. {@code ExpectServerHello}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
