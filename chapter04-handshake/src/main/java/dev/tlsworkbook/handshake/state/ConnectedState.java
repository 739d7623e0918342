package dev.tlsworkbook.handshake.state;

/**
 * A state after the handshake (RFC 8446 Appendix A: CONNECTED) that the application can ask to
 * update its write keys. The engine drives it through this interface, so it never names the
 * version-specific state class.
 *
 * @since chapter04
 */
public interface ConnectedState extends HandshakeState {

    /** Sends our own KeyUpdate (RFC 8446 §4.6.3) and moves our write keys to the next generation. */
    ConnectedState updateKeys(boolean requestPeerUpdate, HandshakeOutput out);

    @Override
    default boolean isConnected() {
        return true;
    }
}
