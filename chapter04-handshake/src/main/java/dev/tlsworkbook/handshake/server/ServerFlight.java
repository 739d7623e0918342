package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.Encapsulation;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.CertificateVerifySignature;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import dev.tlsworkbook.handshake.clientauth.CertificateRequester;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.connected.Connected;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.EarlyData;
import dev.tlsworkbook.handshake.extension.PreSharedKeyServerHello;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.RecordSizeLimit;
import dev.tlsworkbook.handshake.extension.KeyShareEntry;
import dev.tlsworkbook.handshake.extension.KeyShareServerHello;
import dev.tlsworkbook.handshake.extension.ServerName;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.extension.SupportedVersionsServerHello;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.EncryptedExtensions;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.message.ServerHello;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.EarlySecret;
import dev.tlsworkbook.keyschedule.ExporterSecret;
import dev.tlsworkbook.keyschedule.HandshakeSecret;
import dev.tlsworkbook.keyschedule.MasterSecret;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server, NEGOTIATED → WAIT_FLIGHT2 (RFC 8446 Appendix A.2): ServerHello, then under the
 * handshake keys EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify and
 * Finished (§4.1.3, §4.3.1, §4.3.2, §4.4). The application write keys follow at once; the client's Finished is read with the
 * client's handshake keys.
 *
 * @since chapter04
 */
final class ServerFlight {
    private ServerFlight() {
    }

    /**
     * Sends the flight for {@code ch} (the ClientHello that carries the share we use).
     *
     * @param transcript the transcript through {@code ch}
     * @param changeCipherSpecSent whether our compatibility change_cipher_spec went out after a HelloRetryRequest
     * @param psk the resumption PSK accepted for {@code ch}: then no Certificate or CertificateVerify is sent
     *     (RFC 8446 §2.2), and 0-RTT may be read
     * @param earlyDataOffered whether the client offered 0-RTT (in ClientHello1 after a HelloRetryRequest)
     */
    static HandshakeState send(TlsConfig config, ClientHello ch, Negotiation negotiated, Transcript transcript,
            boolean changeCipherSpecSent, Optional<PskAcceptance> psk, boolean earlyDataOffered, HandshakeOutput out) {
        CipherSuite suite = negotiated.suite();
        boolean dhe = psk.map(PskAcceptance::dhe).orElse(true);
        Negotiation negotiation = dhe ? negotiated : negotiated.withoutKeyExchange();
        List<Extension> shExtensions = new ArrayList<>();
        SecretBytes shared;
        if (dhe) {
            KeyShareEntry clientShare = negotiation.clientShare()
                    .orElseThrow(() -> new IllegalStateException("the flight needs the client's share"));
            // RFC 8446 §4.2.8.2 / §7.4: the client's share is validated (illegal_parameter) before anything is sent;
            // for a hybrid also its encapsulation key (FIPS 203 §7.2, draft-ietf-tls-ecdhe-mlkem §3.1.2). Our share is
            // a Diffie-Hellman public value or a KEM ciphertext, made by the same call.
            NamedGroup group = negotiation.group().orElseThrow();
            Encapsulation ours = config.kem(group).encapsulate(clientShare.keyExchange(), config.random());
            shared = ours.sharedSecret();
            shExtensions.add(new KeyShareServerHello(KeyShareEntry.of(group, ours.ciphertext())));
        } else {
            // RFC 8446 §7.1: psk_ke has no (EC)DHE input: "If a given secret is not available, then the 0-value
            // consisting of a string of Hash.length bytes set to zeros is used."
            shared = SecretBytes.zeros(suite.hash().orElseThrow().length());
        }
        shExtensions.add(SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3));
        // RFC 8446 §4.2.11: "the server ... indicate[s] the selected identity" in the ServerHello; first, in the
        // order of RFC 8448 §4's trace.
        psk.ifPresent(p -> shExtensions.add(0, new PreSharedKeyServerHello(p.index())));

        byte[] random = new byte[32];
        config.random().nextBytes(random);
        ServerHello sh = new ServerHello(ClientHello.LEGACY_VERSION, Opaque.of(random), ch.legacySessionId(), suite.code(), 0,
                new ExtensionBlock(ExtensionContext.SERVER_HELLO, shExtensions));
        EarlySecret early = psk.map(PskAcceptance::earlySecret).orElseGet(() -> EarlySecret.withoutPsk(suite.hash().orElseThrow()));
        boolean earlyData = psk.map(PskAcceptance::earlyData).orElse(false);
        Optional<TrafficSecret> clientEarly = Optional.empty();
        if (earlyData) {
            // RFC 8446 §7.1: client_early_traffic_secret = Derive-Secret(Early Secret, "c e traffic", ClientHello).
            clientEarly = Optional.of(early.clientEarlyTrafficSecret(transcript.currentHash()));
            out.keyLog(clientEarly.get(), ch.random());
        }
        Transcript t = transcript.add(out.send(sh));
        // RFC 8446 Appendix D.4: the server's dummy change_cipher_spec follows its first handshake message when
        // the client asked for compatibility mode with a non-empty session id.
        if (!changeCipherSpecSent && !ch.legacySessionId().isEmpty()) {
            out.sendChangeCipherSpec();
        }

        Opaque helloHash = t.currentHash();
        HandshakeSecret handshakeSecret = early.handshakeSecret(shared);
        shared.destroy();
        TrafficSecret clientHs = handshakeSecret.clientHandshakeTrafficSecret(helloHash);
        TrafficSecret serverHs = handshakeSecret.serverHandshakeTrafficSecret(helloHash);
        out.keyLog(clientHs, ch.random());
        out.keyLog(serverHs, ch.random());
        out.installWriteKeys(suite, serverHs, "handshake");

        // RFC 8446 §4.3.1: responses to ClientHello extensions not needed for the keys.
        // In the order of RFC 8448's traces; the order carries no meaning (RFC 8446 §4.2).
        List<Extension> ee = new ArrayList<>();
        // RFC 8446 §4.2.7: "servers are permitted to send the "supported_groups" extension to the client" (when
        // configured, and only in answer to the client's, as every EncryptedExtensions entry, §4.2).
        if (!config.announcedGroups().isEmpty() && ch.extensions().contains(ExtensionType.SUPPORTED_GROUPS)) {
            ee.add(SupportedGroups.of(config.announcedGroups().toArray(NamedGroup[]::new)));
        }
        // RFC 8449 §4: "In TLS 1.3, the server sends the "record_size_limit" extension in the EncryptedExtensions
        // message"; only in answer to the client's.
        if (ch.extensions().contains(ExtensionType.RECORD_SIZE_LIMIT)) {
            ee.add(new RecordSizeLimit(config.recordSizeLimit()));
            out.enforceRecordSizeLimit(config.recordSizeLimit());
        }
        // RFC 6066 §3: a server that used the name "SHALL include an extension of type "server_name" ... empty".
        negotiation.serverName().ifPresent(n -> ee.add(ServerName.acknowledgement()));
        negotiation.applicationProtocol().ifPresent(p -> ee.add(ApplicationLayerProtocolNegotiation.of(p)));
        // RFC 8446 §4.2.10: "If the server ... accept[s] early data, ... [it] MUST include the "early_data"
        // extension in its EncryptedExtensions".
        if (earlyData) {
            ee.add(new EarlyData());
        }
        t = t.add(out.send(new EncryptedExtensions(new ExtensionBlock(ExtensionContext.ENCRYPTED_EXTENSIONS, ee))));
        // RFC 8446 §4.3.2: "A server which is authenticating with a certificate MAY optionally request a certificate
        // from the client. This message, if sent, MUST follow EncryptedExtensions." "Servers which are
        // authenticating with a resumption PSK MUST NOT send the CertificateRequest in the main handshake."
        Optional<CertificateRequester> requester = Optional.empty();
        if (psk.isEmpty() && config.clientAuth().requests()) {
            requester = Optional.of(CertificateRequester.of(config, Opaque.EMPTY, config.clientAuth() == ClientAuthMode.REQUIRED));
            t = t.add(out.send(requester.get().request()));
        }
        if (psk.isEmpty()) {
            // RFC 8446 §4.4.2: the chain, end-entity first.
            t = t.add(out.send(new Certificate(Opaque.EMPTY,
                    negotiation.certificate().certifiedKey().encodedChain().stream().map(CertificateEntry::of).toList())));
            // RFC 8446 §4.4.3: the signature over the transcript through Certificate.
            Opaque signature = CertificateVerifySignature.sign(negotiation.certificate().scheme(),
                    negotiation.certificate().certifiedKey().privateKey(), t.currentHash(), Side.SERVER, config.random());
            t = t.add(out.send(new CertificateVerify(negotiation.certificate().scheme().code(), signature)));
        }
        t = t.add(out.send(new Finished(serverHs.finishedVerifyData(t.currentHash()))));

        Opaque serverFinishedHash = t.currentHash();
        MasterSecret master = handshakeSecret.masterSecret();
        TrafficSecret clientApp = master.clientApplicationTrafficSecret(serverFinishedHash);
        TrafficSecret serverApp = master.serverApplicationTrafficSecret(serverFinishedHash);
        out.keyLog(clientApp, ch.random());
        out.keyLog(serverApp, ch.random());
        ExporterSecret exporter = master.exporterMasterSecret(serverFinishedHash);
        out.keyLog(exporter, ch.random());
        out.exporterSecret(exporter);
        out.installWriteKeys(suite, serverApp, Connected.epoch(serverApp));
        TicketIssuer tickets = new TicketIssuer(config, negotiation, master, psk.isPresent());
        // After a HelloRetryRequest the transcript through ClientHello2 holds message_hash, HRR and ClientHello2.
        boolean hrr = transcript.messageCount() > 1;
        EarlyDataStatus earlyDataStatus = earlyData ? EarlyDataStatus.ACCEPTED
                : earlyDataOffered ? EarlyDataStatus.REJECTED : EarlyDataStatus.NOT_OFFERED;
        ExpectFinished finished = new ExpectFinished(negotiation, t, clientHs, clientApp, serverApp, hrr, config,
                ch.extensions().contains(ExtensionType.POST_HANDSHAKE_AUTH), tickets, earlyDataStatus);
        if (clientEarly.isPresent()) {
            // RFC 8446 §4.2.10: the client's 0-RTT records, then its EndOfEarlyData, come under the early keys.
            // Only with a resumption PSK, so never with a CertificateRequest (§4.3.2).
            out.installReadKeys(suite, clientEarly.get(), "early");
            out.acceptEarlyData(Math.min(config.maxEarlyDataSize(), psk.get().state().maxEarlyDataSize()));
            return new ExpectEndOfEarlyData(suite, clientHs, finished);
        }
        out.installReadKeys(suite, clientHs, "handshake");
        return requester.<HandshakeState>map(r -> new ExpectCertificate(r, finished)).orElse(finished);
    }
}
