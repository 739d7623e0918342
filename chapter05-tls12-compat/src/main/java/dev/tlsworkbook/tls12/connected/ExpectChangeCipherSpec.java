package dev.tlsworkbook.tls12.connected;

import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Either side, full or abbreviated handshake: the peer's ChangeCipherSpec switches its records to
 * the new keys (RFC 5246 §7.1), and only then may its Finished come (RFC 5246 §7.4.9: Finished is
 * the first message protected with the just-negotiated keys). Any handshake message first is
 * unexpected. The four places this is awaited (client and server, full and resumed) differ only in
 * their name and the state that reads the Finished, so they share this one state.
 *
 * @since chapter05
 */
public final class ExpectChangeCipherSpec implements HandshakeState {
    private final String name;
    private final Tls12Session session;
    private final boolean client;
    private final Supplier<HandshakeState> expectFinished;

    /**
     * @param name           the state's name in traces and errors, e.g. {@code ExpectChangeCipherSpec(client)}
     * @param client         whether we are the client (which read keys {@link Tls12Session#installRead} takes)
     * @param expectFinished the state that reads the peer's Finished
     */
    public ExpectChangeCipherSpec(String name, Tls12Session session, boolean client,
            Supplier<HandshakeState> expectFinished) {
        this.name = Objects.requireNonNull(name, "name");
        this.session = Objects.requireNonNull(session, "session");
        this.client = client;
        this.expectFinished = Objects.requireNonNull(expectFinished, "expectFinished");
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        throw Expect.unexpected(name + " (change_cipher_spec)", frame, HandshakeType.FINISHED);
    }

    @Override
    public HandshakeState onChangeCipherSpec(HandshakeOutput out) {
        session.installRead(client, out);
        return expectFinished.get();
    }

    @Override
    public String name() {
        return name;
    }
}
