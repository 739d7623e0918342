package dev.tlsworkbook.config;

import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;

/**
 * A version other than TLS 1.3 that chapter04's first states hand the handshake to (GUIDE §6,
 * "version hand-off"). The server parses the ClientHello once and, having chosen this version,
 * calls {@link #serverHandshake}; the client's ExpectServerHello peeks at the ServerHello's
 * version and calls {@link #clientHandshake} with the undecoded frame, since the message has this
 * version's own layout and extension meanings. Bytes, not a transcript, are passed: the hash is
 * unknown until this version picks the suite.
 *
 * @since chapter04
 */
public interface VersionHandoff extends VersionSupport {

    /**
     * Server: continues after the ClientHello for which this version was selected.
     *
     * @param frame the ClientHello's exact bytes, the whole transcript so far
     * @return the next state
     */
    HandshakeState serverHandshake(TlsConfig config, ClientHello hello, HandshakeFrame frame, HandshakeOutput out);

    /**
     * Client: continues with the ServerHello that selected this version (no HelloRetryRequest came:
     * a HelloRetryRequest fixes TLS 1.3, RFC 8446 §4.1.4).
     *
     * @return the next state
     */
    HandshakeState clientHandshake(TlsConfig config, SentClientHello sent, HandshakeFrame serverHello, HandshakeOutput out);
}
