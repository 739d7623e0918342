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

    /**
     * True when the peer asked for a KeyUpdate (update_requested) that we have not answered yet;
     * the engine answers once, before our next application data (RFC 8446 §4.6.3), so any number
     * of requests in between costs one reply.
     */
    default boolean keyUpdateDue() {
        return false;
    }

    /**
     * Server: sends a post-handshake CertificateRequest (RFC 8446 §4.6.2).
     *
     * @throws IllegalStateException on a client, or when the client did not offer post_handshake_auth
     */
    default ConnectedState requestClientCertificate(HandshakeOutput out) {
        throw new IllegalStateException("RFC 8446 §4.6.2: post-handshake authentication is not available here");
    }

    @Override
    default boolean isConnected() {
        return true;
    }
}
