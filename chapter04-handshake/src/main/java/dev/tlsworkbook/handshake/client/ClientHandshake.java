package dev.tlsworkbook.handshake.client;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.keyschedule.HandshakeSecret;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.handshake.resumption.ClientSession;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import java.util.Optional;

/**
 * What the client knows once the ServerHello is accepted (RFC 8446 §4.1.3, §7.1): the offer, the
 * negotiated suite and group, and the handshake traffic secrets. Passed from state to state.
 *
 * @param helloRetryRequest whether a HelloRetryRequest came first
 * @param changeCipherSpecSent whether the compatibility change_cipher_spec is already out (after HRR)
 * @param applicationProtocol the ALPN protocol the server chose (set by ExpectEncryptedExtensions)
 * @param resumed the ticket the server accepted (RFC 8446 §4.2.11): no Certificate comes
 * @param earlyData what became of our 0-RTT data (RFC 8446 §4.2.10): rejected until EncryptedExtensions
 *     accepts it; rejected too when a HelloRetryRequest made us drop it
 * @since chapter04
 */
public record ClientHandshake(TlsConfig config, ClientOffer offer, CipherSuite suite, NamedGroup group,
        boolean helloRetryRequest, boolean changeCipherSpecSent, HandshakeSecret handshakeSecret,
        TrafficSecret clientHandshakeSecret, TrafficSecret serverHandshakeSecret, Optional<String> applicationProtocol,
        Optional<ClientSession> resumed, EarlyDataStatus earlyData) {

    ClientHandshake withEncryptedExtensions(Optional<String> protocol, boolean earlyDataAccepted) {
        return new ClientHandshake(config, offer, suite, group, helloRetryRequest, changeCipherSpecSent, handshakeSecret,
                clientHandshakeSecret, serverHandshakeSecret, protocol, resumed,
                earlyDataAccepted ? EarlyDataStatus.ACCEPTED : earlyData);
    }
}
