package dev.tlsworkbook.tls12.client;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.KeyType;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.negotiation.Tls12Suites;
import dev.tlsworkbook.tls12.message.Tls12Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Client: waiting for the server's Certificate (RFC 5246 §7.4.2), judged by the same trust policy
 * as in TLS 1.3; its key must fit the suite's authentication (RFC 8422 §5.3).
 *
 * @since chapter05
 */
final class ExpectCertificate implements HandshakeState {
    private final ClientContext context;
    private final Transcript transcript;

    ExpectCertificate(ClientContext context, Transcript transcript) {
        this.context = context;
        this.transcript = transcript;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        Tls12Certificate certificate = Expect.message(frame, HandshakeType.CERTIFICATE, name(), Tls12Certificate::decode, out);
        // 1. RFC 5246 §7.4.2: the server's list holds at least its own certificate.
        Expect.check(!certificate.certificateList().isEmpty(), Violation.EMPTY_SERVER_CERTIFICATE,
                "RFC 5246 §7.4.2: the server sent an empty Certificate message");
        List<X509Certificate> chain = CertificateChain.parse(certificate.certificateList());
        // 2. RFC 8422 §5.3: the certificate's key must suit the suite (ECDSA key for ECDHE_ECDSA, RSA for ECDHE_RSA).
        KeyType wanted = Tls12Suites.authentication(context.suite());
        KeyType actual = KeyType.of(chain.get(0).getPublicKey()).orElse(null);
        Expect.check(actual == wanted, Violation.UNSUPPORTED_CERTIFICATE, "RFC 8422 §5.3: " + context.suite()
                + " needs a " + wanted + " certificate, the server sent " + (actual == null ? chain.get(0).getPublicKey().getAlgorithm() : actual));
        // 3. The same trust policy as TLS 1.3 (chapter04 handshake.auth): chain, validity, name.
        Optional<String> reference = context.sent().reference();
        PeerAuthentication auth = reference.isPresent()
                ? context.config().trustPolicy().authenticateServer(chain, reference.get())
                : context.config().trustPolicy().evaluate(new CertificateChain(chain), Optional.empty(), Side.SERVER);
        return new ExpectServerKeyExchange(context.withPeer(chain, auth), transcript.add(frame.wireBytes()));
    }

    @Override
    public String name() {
        return "ExpectCertificate(TLS 1.2)";
    }

}
