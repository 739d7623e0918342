package dev.tlsworkbook.tls12.server;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.clientauth.CertificateRequester.ClientCertificate;
import java.util.Optional;

/**
 * What the TLS 1.2 server chose (RFC 5246 §7.4.1.3), passed from state to state.
 *
 * @param extendedMasterSecret whether both sides negotiated RFC 7627's extended_master_secret
 * @param client the client's certificate and its judgement (RFC 5246 §7.4.6); anonymous until one arrives
 * @param issueTicket whether a NewSessionTicket follows the client's Finished (RFC 5077 §3.2)
 * @param serverName the client's server_name, bound into the ticket (RFC 6066 §3)
 * @since chapter05
 */
record ServerContext(TlsConfig config, CipherSuite suite, NamedGroup group, SignatureScheme scheme,
        boolean extendedMasterSecret, Optional<String> applicationProtocol, Opaque clientRandom, Opaque serverRandom,
        boolean issueTicket, Optional<String> serverName, ClientCertificate client) {

    /** A context whose client has not (yet) presented a certificate. */
    ServerContext(TlsConfig config, CipherSuite suite, NamedGroup group, SignatureScheme scheme, boolean extendedMasterSecret,
            Optional<String> applicationProtocol, Opaque clientRandom, Opaque serverRandom, boolean issueTicket,
            Optional<String> serverName) {
        this(config, suite, group, scheme, extendedMasterSecret, applicationProtocol, clientRandom, serverRandom, issueTicket,
                serverName, new ClientCertificate(Optional.empty(), new PeerAuthentication.Anonymous()));
    }

    ServerContext withClient(ClientCertificate presented) {
        return new ServerContext(config, suite, group, scheme, extendedMasterSecret, applicationProtocol, clientRandom,
                serverRandom, issueTicket, serverName, presented);
    }
}
