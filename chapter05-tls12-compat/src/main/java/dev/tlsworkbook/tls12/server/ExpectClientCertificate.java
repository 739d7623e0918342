package dev.tlsworkbook.tls12.server;

import dev.tlsworkbook.crypto.KeyExchange;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.tls12.clientauth.Tls12CertificateRequester;
import dev.tlsworkbook.tls12.message.Tls12Certificate;

/**
 * Server: we sent a CertificateRequest (RFC 5246 §7.4.4), so the client's flight starts with its
 * Certificate (§7.4.6), possibly empty; then ClientKeyExchange.
 *
 * @since chapter05
 */
final class ExpectClientCertificate implements HandshakeState {
    private final ServerContext context;
    private final KeyExchange ours;
    private final Transcript transcript;

    ExpectClientCertificate(ServerContext context, KeyExchange ours, Transcript transcript) {
        this.context = context;
        this.ours = ours;
        this.transcript = transcript;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        // 1. RFC 5246 §7.4.6: "This is the first message the client can send after receiving a ServerHelloDone
        //    message. This message is only sent if the server requests a certificate." -> anything else is
        //    unexpected_message, a ClientKeyExchange included.
        Tls12Certificate certificate = Expect.message(frame, HandshakeType.CERTIFICATE, name(), Tls12Certificate::decode, out);
        // 2. Empty (anonymous, or handshake_failure when required), the key type, the trust policy.
        var presented = Tls12CertificateRequester.certificate(context.config(), certificate);
        return new ExpectClientKeyExchange(context.withClient(presented), ours, transcript.add(frame.wireBytes()));
    }

    @Override
    public String name() {
        return "ExpectClientCertificate(TLS 1.2)";
    }
}
