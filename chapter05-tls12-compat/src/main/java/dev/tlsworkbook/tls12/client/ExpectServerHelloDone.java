package dev.tlsworkbook.tls12.client;

import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.KeyExchange;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.SelectedCertificate;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.tls12.connected.Tls12Session;
import dev.tlsworkbook.tls12.message.ClientKeyExchange;
import dev.tlsworkbook.tls12.message.ServerHelloDone;
import dev.tlsworkbook.tls12.message.ServerKeyExchange;
import dev.tlsworkbook.tls12.clientauth.Tls12CertificateResponder;
import dev.tlsworkbook.tls12.message.Tls12CertificateRequest;
import java.util.Optional;

/**
 * Client: waiting for ServerHelloDone (RFC 5246 §7.4.5), optionally after a CertificateRequest
 * (§7.4.4). Then our flight: [Certificate], ClientKeyExchange with our ephemeral share on the
 * server's curve (RFC 8422 §5.7), [CertificateVerify], ChangeCipherSpec, Finished under the new keys.
 *
 * @since chapter05
 */
final class ExpectServerHelloDone implements HandshakeState {
    private final ClientContext context;
    private final Transcript transcript;
    private final NamedGroup group;
    private final ServerKeyExchange serverKeyExchange;
    private final SignatureScheme scheme;
    private final Optional<Tls12CertificateRequest> certificateRequest;

    ExpectServerHelloDone(ClientContext context, Transcript transcript, NamedGroup group, ServerKeyExchange ske,
            SignatureScheme scheme, Optional<Tls12CertificateRequest> certificateRequest) {
        this.context = context;
        this.transcript = transcript;
        this.group = group;
        this.serverKeyExchange = ske;
        this.scheme = scheme;
        this.certificateRequest = certificateRequest;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (certificateRequest.isEmpty() && frame.is(HandshakeType.CERTIFICATE_REQUEST)) {
            Tls12CertificateRequest request = Expect.message(frame, HandshakeType.CERTIFICATE_REQUEST, name(),
                    Tls12CertificateRequest::decode, out);
            return new ExpectServerHelloDone(context, transcript.add(frame.wireBytes()), group, serverKeyExchange, scheme,
                    Optional.of(request));
        }
        if (!frame.is(HandshakeType.SERVER_HELLO_DONE)) {
            throw certificateRequest.isPresent() ? Expect.unexpected(name(), frame, HandshakeType.SERVER_HELLO_DONE)
                    : Expect.unexpected(name(), frame, HandshakeType.CERTIFICATE_REQUEST, HandshakeType.SERVER_HELLO_DONE);
        }
        Expect.message(frame, HandshakeType.SERVER_HELLO_DONE, name(), ServerHelloDone::decode, out);
        Transcript t = transcript.add(frame.wireBytes());
        // 1. RFC 5246 §7.4.6: asked for a certificate, we send one of ours that fits the request; "If no suitable
        //    certificate is available, the client MUST send a certificate message containing no certificates."
        Optional<SelectedCertificate> chosen = certificateRequest.flatMap(r -> Tls12CertificateResponder.choose(context.config(), r));
        if (certificateRequest.isPresent()) {
            t = t.add(out.send(Tls12CertificateResponder.certificate(chosen)));
        }
        // 2. RFC 8422 §5.7 / §5.10: our ephemeral key on the server's curve; the shared secret is the
        //    pre-master secret. The server's point is validated (RFC 8422 §5.11, RFC 7748 §6) -> illegal_parameter.
        KeyExchange ours = context.config().newKeyExchange(group);
        SecretBytes preMaster = ours.sharedSecret(serverKeyExchange.point());
        t = t.add(out.send(new ClientKeyExchange(ours.publicKey())));
        // 3. RFC 7627 §3: the session hash covers the handshake through ClientKeyExchange.
        Tls12Session session = Tls12Session.derive(context.suite(), preMaster, context.extendedMasterSecret(), t.currentHash(),
                context.sent().hello().random(), context.serverHello().random(), out);
        // 4. RFC 5246 §7.4.8: with a certificate sent, CertificateVerify signs every handshake message so far; the
        //    session hash (RFC 7627 §3) stops before it.
        if (chosen.isPresent()) {
            t = t.add(out.send(Tls12CertificateResponder.certificateVerify(context.config(), chosen.get(), t)));
        }
        // 5. RFC 5246 §7.1: ChangeCipherSpec, then our Finished under the new write keys.
        out.sendChangeCipherSpec();
        session.installWrite(true, out);
        t = t.add(out.send(session.finished(true, t)));
        // 6. RFC 5077 §3.3: a server that promised a ticket sends NewSessionTicket before its ChangeCipherSpec.
        return context.ticketExpected() ? new ExpectNewSessionTicket(context, session, t, group, Optional.of(scheme), Optional.empty())
                : ExpectFinished.afterChangeCipherSpec(context, session, t, group, scheme);
    }

    @Override
    public String name() {
        return "ExpectServerHelloDone";
    }
}
