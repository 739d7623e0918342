package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.clientauth.CertificateRequester.ClientCertificate;
import dev.tlsworkbook.handshake.connected.Connected;
import dev.tlsworkbook.handshake.connected.ConnectionContext;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import dev.tlsworkbook.record.ProtocolVersion;
import java.util.Optional;

/**
 * Server, WAIT_FINISHED (RFC 8446 Appendix A.2): the client's Finished (§4.4.4), after its
 * Certificate and CertificateVerify when we asked for them ({@link ExpectCertificate}), then the
 * NewSessionTickets (§4.6.1). An EndOfEarlyData here is unexpected_message (§4.5: sent only "If
 * the server sent an "early_data" extension in EncryptedExtensions", and then
 * {@link ExpectEndOfEarlyData} reads it).
 *
 * @since chapter04
 */
public final class ExpectFinished implements HandshakeState {
    private final Negotiation negotiation;
    private final Transcript transcript;
    private final TrafficSecret clientHandshakeSecret;
    private final TrafficSecret clientApplicationSecret;
    private final TrafficSecret serverApplicationSecret;
    private final boolean helloRetryRequest;
    private final TlsConfig config;
    private final boolean postHandshakeAuth;
    private final ClientCertificate client;
    private final TicketIssuer tickets;
    private final EarlyDataStatus earlyData;

    ExpectFinished(Negotiation negotiation, Transcript transcript, TrafficSecret clientHandshakeSecret,
            TrafficSecret clientApplicationSecret, TrafficSecret serverApplicationSecret, boolean helloRetryRequest,
            TlsConfig config, boolean postHandshakeAuth, TicketIssuer tickets, EarlyDataStatus earlyData) {
        this(negotiation, transcript, clientHandshakeSecret, clientApplicationSecret, serverApplicationSecret,
                helloRetryRequest, config, postHandshakeAuth,
                new ClientCertificate(Optional.empty(), new PeerAuthentication.Anonymous()), tickets, earlyData);
    }

    private ExpectFinished(Negotiation negotiation, Transcript transcript, TrafficSecret clientHandshakeSecret,
            TrafficSecret clientApplicationSecret, TrafficSecret serverApplicationSecret, boolean helloRetryRequest,
            TlsConfig config, boolean postHandshakeAuth, ClientCertificate client, TicketIssuer tickets,
            EarlyDataStatus earlyData) {
        this.negotiation = negotiation;
        this.transcript = transcript;
        this.clientHandshakeSecret = clientHandshakeSecret;
        this.clientApplicationSecret = clientApplicationSecret;
        this.serverApplicationSecret = serverApplicationSecret;
        this.helloRetryRequest = helloRetryRequest;
        this.config = config;
        this.postHandshakeAuth = postHandshakeAuth;
        this.client = client;
        this.tickets = tickets;
        this.earlyData = earlyData;
    }

    /** The same state once the client's Certificate [and CertificateVerify] extended the transcript. */
    ExpectFinished withClient(Transcript throughClientAuthentication, ClientCertificate presented) {
        return new ExpectFinished(negotiation, throughClientAuthentication, clientHandshakeSecret, clientApplicationSecret,
                serverApplicationSecret, helloRetryRequest, config, postHandshakeAuth, presented, tickets, earlyData);
    }

    /** The transcript through the server's Finished: where the client's authentication messages continue it. */
    Transcript transcript() {
        return transcript;
    }

    /** This state with the client's EndOfEarlyData in the transcript (RFC 8446 §4.4.1: it is a handshake message). */
    ExpectFinished afterEndOfEarlyData(dev.tlsworkbook.bytes.Opaque endOfEarlyData) {
        return new ExpectFinished(negotiation, transcript.add(endOfEarlyData), clientHandshakeSecret, clientApplicationSecret,
                serverApplicationSecret, helloRetryRequest, config, postHandshakeAuth, client, tickets, earlyData);
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        int hashLength = negotiation.suite().hash().orElseThrow().length();
        Finished finished = Expect.message(frame, HandshakeType.FINISHED, name(), r -> Finished.decode(r, hashLength), out);
        // 1. RFC 8446 §4.4.4: a wrong verify_data -> decrypt_error (compared in constant time).
        Expect.check(clientHandshakeSecret.verifyFinished(transcript.currentHash(), finished.verifyData()),
                Violation.BAD_FINISHED, "RFC 8446 §4.4.4: the client's Finished verify_data is wrong");
        out.installReadKeys(negotiation.suite(), clientApplicationSecret, Connected.epoch(clientApplicationSecret));
        // The client's handshake traffic secret has done its work once its Finished is verified.
        clientHandshakeSecret.secret().destroy();
        // RFC 8446 §5: no change_cipher_spec after the peer's Finished.
        out.changeCipherSpecMode(ChangeCipherSpecMode.REJECT);
        out.skipEarlyData(false);
        out.handshakeComplete(new HandshakeSummary(TrustStatus.of(client.authentication()), ProtocolVersion.TLS1_3,
                negotiation.suite(), negotiation.group(),
                tickets.resumed() ? Optional.empty() : Optional.of(negotiation.certificate().scheme()),
                client.authentication().subject(), negotiation.applicationProtocol(), helloRetryRequest, tickets.resumed(),
                earlyData), client.certificates());
        Transcript throughClientFinished = transcript.add(frame.wireBytes());
        // RFC 8446 §4.6.1: tickets go out after the client's Finished, under the server's application keys.
        tickets.send(throughClientFinished.currentHash(), out);
        return new Connected(false, negotiation.suite(), clientApplicationSecret, serverApplicationSecret,
                new ConnectionContext(config, throughClientFinished, postHandshakeAuth));
    }
}
