package dev.tlsworkbook.tls12.client;

import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.tls12.connected.Tls12Session;

/**
 * Client: our Finished is out; the server's ChangeCipherSpec switches its records to the new keys
 * (RFC 5246 §7.1). No handshake message may come first: a promised NewSessionTicket has been
 * taken by {@link ExpectNewSessionTicket}.
 *
 * @since chapter05
 */
final class ExpectChangeCipherSpec implements HandshakeState {
    private final ClientContext context;
    private final Tls12Session session;
    private final Transcript transcript;
    private final NamedGroup group;
    private final SignatureScheme scheme;

    ExpectChangeCipherSpec(ClientContext context, Tls12Session session, Transcript transcript, NamedGroup group,
            SignatureScheme scheme) {
        this.context = context;
        this.session = session;
        this.transcript = transcript;
        this.group = group;
        this.scheme = scheme;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        throw Expect.unexpected(name() + " (change_cipher_spec)", frame, HandshakeType.FINISHED);
    }

    @Override
    public HandshakeState onChangeCipherSpec(HandshakeOutput out) {
        session.installRead(true, out);
        return new ExpectFinished(context, session, transcript, group, scheme);
    }

    @Override
    public String name() {
        return "ExpectChangeCipherSpec(client)";
    }
}
