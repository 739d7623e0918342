package dev.tlsworkbook.tls12.server;

import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.KeyExchange;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.tls12.connected.Tls12Session;
import dev.tlsworkbook.tls12.message.ClientKeyExchange;

/**
 * Server: waiting for the client's ECDHE public value (RFC 8422 §5.7); with it the pre-master
 * secret, the master secret and the key block are known.
 *
 * @since chapter05
 */
final class ExpectClientKeyExchange implements HandshakeState {
    private final ServerContext context;
    private final KeyExchange ours;
    private final Transcript transcript;

    ExpectClientKeyExchange(ServerContext context, KeyExchange ours, Transcript transcript) {
        this.context = context;
        this.ours = ours;
        this.transcript = transcript;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        ClientKeyExchange cke = Expect.message(frame, HandshakeType.CLIENT_KEY_EXCHANGE, name(), ClientKeyExchange::decode, out);
        // 1. RFC 8422 §5.11 / RFC 7748 §6: the client's point is validated (off-curve, all-zero) -> illegal_parameter.
        SecretBytes preMaster = ours.sharedSecret(cke.point());
        Transcript t = transcript.add(frame.wireBytes());
        // 2. RFC 7627 §3: the session hash covers the handshake through ClientKeyExchange.
        Tls12Session session = Tls12Session.derive(context.suite(), preMaster, context.extendedMasterSecret(), t.currentHash(),
                context.clientRandom(), context.serverRandom(), out);
        // 3. RFC 5246 §7.4.8: a client that sent a certificate proves its key next, in CertificateVerify.
        if (context.client().chain().isPresent()) {
            return new ExpectCertificateVerify(context, session, t);
        }
        return ExpectFinished.afterChangeCipherSpec(context, session, t);
    }

    @Override
    public String name() {
        return "ExpectClientKeyExchange";
    }
}
