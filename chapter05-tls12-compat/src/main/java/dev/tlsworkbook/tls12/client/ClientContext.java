package dev.tlsworkbook.tls12.client;

import dev.tlsworkbook.config.SentClientHello;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.negotiation.Tls12Options;
import dev.tlsworkbook.tls12.message.Tls12ServerHello;
import dev.tlsworkbook.tls12.resumption.Tls12ClientSession;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What the TLS 1.2 client knows once the ServerHello is accepted (RFC 5246 §7.4.1.3), passed from
 * state to state; the peer's chain and its authentication are added by ExpectCertificate.
 *
 * @param extendedMasterSecret whether both sides negotiated RFC 7627's extended_master_secret
 * @param applicationProtocol the ALPN protocol the server chose (RFC 7301 §3.1)
 * @param ticketExpected whether the ServerHello's session_ticket extension promises a
 *     NewSessionTicket before the server's ChangeCipherSpec (RFC 5077 §3.2)
 * @param newSession the session to file once the server's Finished is verified, from its
 *     NewSessionTicket
 * @since chapter05
 */
record ClientContext(TlsConfig config, Tls12Options options, SentClientHello sent, Tls12ServerHello serverHello,
        CipherSuite suite, boolean extendedMasterSecret, Optional<String> applicationProtocol,
        List<X509Certificate> peerChain, Optional<PeerAuthentication> authentication, boolean ticketExpected,
        Optional<Tls12ClientSession> newSession) {

    ClientContext withPeer(List<X509Certificate> chain, PeerAuthentication auth) {
        return new ClientContext(config, options, sent, serverHello, suite, extendedMasterSecret, applicationProtocol,
                List.copyOf(chain), Optional.of(auth), ticketExpected, newSession);
    }

    ClientContext withNewSession(Optional<Tls12ClientSession> session) {
        return new ClientContext(config, options, sent, serverHello, suite, extendedMasterSecret, applicationProtocol,
                peerChain, authentication, false, session);
    }
}
