package dev.tlsworkbook.handshake.client;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.clientauth.CertificateResponder;
import dev.tlsworkbook.handshake.connected.Connected;
import dev.tlsworkbook.handshake.connected.ConnectionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.keyschedule.ExporterSecret;
import dev.tlsworkbook.keyschedule.MasterSecret;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.message.EndOfEarlyData;
import dev.tlsworkbook.handshake.resumption.TicketReceiver;
import java.util.Optional;

/**
 * Client, WAIT_FINISHED (RFC 8446 Appendix A.1): the server's Finished (§4.4.4) ends its flight;
 * the client answers with its own second flight and is connected.
 *
 * <p>{@code scheme} is null for a resumption (RFC 8446 §2.2: no CertificateVerify).
 *
 * @since chapter04
 */
public final class ExpectFinished implements HandshakeState {
    private final ClientHandshake handshake;
    private final Transcript transcript;
    private final Optional<CertificateRequest> request;
    private final CertificateChain chain;
    private final PeerAuthentication authentication;
    private final SignatureScheme scheme;

    ExpectFinished(ClientHandshake handshake, Transcript transcript, Optional<CertificateRequest> request,
            CertificateChain chain, PeerAuthentication authentication, SignatureScheme scheme) {
        this.handshake = handshake;
        this.transcript = transcript;
        this.request = request;
        this.chain = chain;
        this.authentication = authentication;
        this.scheme = scheme;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        int hashLength = handshake.suite().hash().orElseThrow().length();
        Finished finished = Expect.message(frame, HandshakeType.FINISHED, name(), r -> Finished.decode(r, hashLength), out);
        // 1. RFC 8446 §4.4.4: "Recipients of Finished messages MUST verify that the contents are correct and if
        //    incorrect MUST terminate the connection with a "decrypt_error" alert." (compared in constant time)
        Expect.check(handshake.serverHandshakeSecret().verifyFinished(transcript.currentHash(), finished.verifyData()),
                Violation.BAD_FINISHED, "RFC 8446 §4.4.4: the server's Finished verify_data is wrong");
        Transcript throughServerFinished = transcript.add(frame.wireBytes());
        Opaque serverFinishedHash = throughServerFinished.currentHash();
        MasterSecret master = handshake.handshakeSecret().masterSecret();
        TrafficSecret clientApp = master.clientApplicationTrafficSecret(serverFinishedHash);
        TrafficSecret serverApp = master.serverApplicationTrafficSecret(serverFinishedHash);
        Opaque clientRandom = handshake.offer().hello().random();
        out.keyLog(clientApp, clientRandom);
        out.keyLog(serverApp, clientRandom);
        ExporterSecret exporter = master.exporterMasterSecret(serverFinishedHash);
        out.keyLog(exporter, clientRandom);
        out.exporterSecret(exporter);
        out.installReadKeys(handshake.suite(), serverApp, Connected.epoch(serverApp));
        // RFC 8446 §5: change_cipher_spec is unexpected after the peer's Finished.
        out.changeCipherSpecMode(ChangeCipherSpecMode.REJECT);

        // Our second flight (RFC 8446 §4.4): [change_cipher_spec], {Certificate}, {CertificateVerify}, {Finished}.
        if (handshake.config().middleboxCompatibility() && !handshake.changeCipherSpecSent()) {
            // RFC 8446 Appendix D.4: the client sends its dummy change_cipher_spec before its second flight.
            out.sendChangeCipherSpec();
        }
        Transcript sent = throughServerFinished;
        if (handshake.offer().earlyData()) {
            // RFC 8446 §4.5: "If the server sent an "early_data" extension in EncryptedExtensions, the client MUST
            // send an EndOfEarlyData message after receiving the server Finished", still under the early keys;
            // then (accepted or not) the handshake keys protect the rest of the flight.
            if (handshake.earlyData() == EarlyDataStatus.ACCEPTED) {
                sent = sent.add(out.send(new EndOfEarlyData()));
            }
            out.installWriteKeys(handshake.suite(), handshake.clientHandshakeSecret(), "handshake");
        }
        if (request.isPresent()) {
            sent = CertificateResponder.answer(handshake.config(), request.get(), sent, out);
        }
        Finished ours = new Finished(handshake.clientHandshakeSecret().finishedVerifyData(sent.currentHash()));
        sent = sent.add(out.send(ours));
        out.installWriteKeys(handshake.suite(), clientApp, Connected.epoch(clientApp));
        // Both directions now use the application keys: the handshake traffic secrets have done their work
        // (RFC 8446 §7.2 asks the same of each application secret once its successor exists).
        handshake.clientHandshakeSecret().secret().destroy();
        handshake.serverHandshakeSecret().secret().destroy();

        out.handshakeComplete(new HandshakeSummary(TrustStatus.of(authentication), ProtocolVersion.TLS1_3,
                handshake.suite(), handshake.group(), Optional.ofNullable(scheme), authentication.subject(),
                handshake.applicationProtocol(), handshake.helloRetryRequest(), handshake.resumed().isPresent(),
                handshake.earlyData()), chain.certificates());
        return new Connected(true, handshake.suite(), serverApp, clientApp, new ConnectionContext(handshake.config(), sent,
                handshake.offer().hello().extensions().contains(ExtensionType.POST_HANDSHAKE_AUTH)), tickets(master, sent));
    }

    /**
     * Where the server's NewSessionTickets go (RFC 8446 §4.6.1): the session cache under the name and
     * port we connected to, with the resumption_master_secret over the transcript through our Finished.
     */
    private Optional<TicketReceiver> tickets(MasterSecret master, Transcript throughClientFinished) {
        TlsConfig config = handshake.config();
        Optional<String> key = handshake.offer().cacheKey();
        if (key.isEmpty() || config.sessionCache().capacity() == 0) {
            return Optional.empty();
        }
        return Optional.of(new TicketReceiver(config.sessionCache(), key.get(),
                master.resumptionMasterSecret(throughClientFinished.currentHash()), handshake.suite(), config.clock(),
                handshake.offer().serverName(), handshake.applicationProtocol(), authentication));
    }
}
