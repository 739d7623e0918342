package dev.tlsworkbook.tls12.connected;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.tls12.message.HelloRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS 1.2 connection after both Finished messages (RFC 5246 §7.3): application data flows; a
 * request to renegotiate (a server's HelloRequest, a client's new ClientHello) gets a
 * no_renegotiation warning (RFC 5746 §4.2, §4.4; RFC 5246 §7.2.2) and nothing else: we never
 * renegotiate. Any other handshake message is unexpected_message, and so is change_cipher_spec.
 *
 * @since chapter05
 */
public final class Tls12Connected implements HandshakeState {
    private static final Logger LOG = LoggerFactory.getLogger(Tls12Connected.class);
    private final boolean client;

    public Tls12Connected(boolean client) {
        this.client = client;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (client && frame.is(HandshakeType.HELLO_REQUEST)) {
            // RFC 5246 §7.4.1.1: HelloRequest "SHOULD be ignored by the client" during a handshake, and a
            // client that does not renegotiate "MAY ... respond with a no_renegotiation alert".
            Expect.message(frame, HandshakeType.HELLO_REQUEST, name(), HelloRequest::decode, out);
            LOG.debug("refused renegotiation: HelloRequest");
            out.sendWarning(AlertDescription.NO_RENEGOTIATION_RESERVED);
            return this;
        }
        if (!client && frame.is(HandshakeType.CLIENT_HELLO)) {
            // RFC 5746 §4.4: a server that does not renegotiate answers a ClientHello on an established
            // connection with no_renegotiation (RFC 5246 §7.2.2: "a warning").
            LOG.debug("refused renegotiation: ClientHello on an established connection");
            out.sendWarning(AlertDescription.NO_RENEGOTIATION_RESERVED);
            return this;
        }
        throw Expect.unexpected(name(), frame, client ? HandshakeType.HELLO_REQUEST : HandshakeType.CLIENT_HELLO);
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public String name() {
        return client ? "Tls12Connected(client)" : "Tls12Connected(server)";
    }
}
