package dev.tlsworkbook.handshake.client;

import dev.tlsworkbook.config.SentClientHello;
import dev.tlsworkbook.config.VersionHandoff;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.DecapsulationKey;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.extension.Cookie;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.KeyShareHelloRetryRequest;
import dev.tlsworkbook.handshake.extension.KeyShareServerHello;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.message.HelloRetryRequest;
import dev.tlsworkbook.handshake.message.ServerHello;
import dev.tlsworkbook.handshake.message.ServerHelloMessage;
import dev.tlsworkbook.handshake.state.EarlyDataStatus;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.EarlySecret;
import dev.tlsworkbook.keyschedule.HandshakeSecret;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.handshake.extension.PreSharedKeyServerHello;
import dev.tlsworkbook.handshake.resumption.ClientSession;
import java.util.List;
import java.util.Optional;

/**
 * Client, WAIT_SH (RFC 8446 Appendix A.1): the ClientHello is out; a ServerHello or, once, a
 * HelloRetryRequest comes back (§4.1.3, §4.1.4).
 *
 * @since chapter04
 */
public final class ExpectServerHello implements HandshakeState {
    private final TlsConfig config;
    private final ClientOffer offer;
    /** Exact bytes of ClientHello1 [, HelloRetryRequest, ClientHello2], in order. */
    private final List<Opaque> transcript;
    /** The HelloRetryRequest, if one came. */
    private final Optional<HelloRetryRequest> retry;
    private final boolean changeCipherSpecSent;
    /** Whether 0-RTT data went out with ClientHello1 (then dropped if a HelloRetryRequest came). */
    private final boolean earlyDataSent;

    private ExpectServerHello(TlsConfig config, ClientOffer offer, List<Opaque> transcript,
            Optional<HelloRetryRequest> retry, boolean changeCipherSpecSent, boolean earlyDataSent) {
        this.config = config;
        this.offer = offer;
        this.transcript = List.copyOf(transcript);
        this.retry = retry;
        this.changeCipherSpecSent = changeCipherSpecSent;
        this.earlyDataSent = earlyDataSent;
    }

    /** Sends the first ClientHello (RFC 8446 §4.1.2) and waits for the server's answer. */
    public static ExpectServerHello start(TlsConfig config, String serverName, HandshakeOutput out) {
        return start(config, serverName, -1, false, out);
    }

    /**
     * Sends the first ClientHello, offering a ticket for {@code serverName} and {@code port} from
     * the session cache (RFC 8446 §4.2.11) and, when {@code wantEarlyData} and the ticket allows,
     * early_data: then the early write keys are installed at once, so the caller's 0-RTT data
     * follows the ClientHello (§2.3).
     */
    public static ExpectServerHello start(TlsConfig config, String serverName, int port, boolean wantEarlyData,
            HandshakeOutput out) {
        ClientOffer offer = ClientOffer.first(config, serverName, port, wantEarlyData);
        Opaque ch1 = out.send(offer.hello());
        // RFC 8446 §5: a compatibility change_cipher_spec may arrive any time after the first ClientHello.
        out.changeCipherSpecMode(ChangeCipherSpecMode.DROP_COMPATIBILITY);
        boolean ccs = false;
        Optional<TrafficSecret> early = offer.clientEarlyTrafficSecret();
        if (early.isPresent()) {
            // RFC 8446 Appendix D.4: with early data, the compatibility change_cipher_spec goes "immediately after
            // sending its first ClientHello".
            if (config.middleboxCompatibility()) {
                out.sendChangeCipherSpec();
                ccs = true;
            }
            out.keyLog(early.get(), offer.hello().random());
            out.installWriteKeys(offer.session().orElseThrow().suite(), early.get(), "early");
        }
        return new ExpectServerHello(config, offer, List.of(ch1), Optional.empty(), ccs, offer.earlyData());
    }

    /** The most 0-RTT data the ticket allows, 0 when early data is not offered (RFC 8446 §4.2.10). */
    public long earlyDataLimit() {
        return offer.earlyData() ? offer.session().orElseThrow().maxEarlyDataSize() : 0;
    }

    /** What we offered (for tests and the trace). */
    public ClientOffer offer() {
        return offer;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (!frame.is(HandshakeType.SERVER_HELLO)) {
            throw Expect.unexpected(name(), frame, HandshakeType.SERVER_HELLO);
        }
        // 1. RFC 8446 §4.2.1: the version is read before the body is decoded strictly; this is the hand-off
        //    point where chapter05 continues with TLS 1.2.
        int version = Expect.decode(frame, ServerHelloMessage::selectedVersion);
        if (version != ProtocolVersion.TLS1_3.code()) {
            // The hand-off (GUIDE §6): an older version we enabled, chosen in the legacy field of a first
            // ServerHello, continues in that version's own states with the undecoded frame.
            Optional<VersionHandoff> older = ProtocolVersion.fromCode(version).flatMap(config::handoff)
                    .filter(h -> retry.isEmpty() && !hasSupportedVersions(frame));
            if (older.isPresent()) {
                SentClientHello sent = new SentClientHello(offer.hello(), transcript.get(0), offer.serverName(),
                        offer.cacheKey(), offer.offeredOlderSessions());
                return older.get().clientHandshake(config, sent, frame, out);
            }
            throw versionNotOffered(frame, version);
        }
        ServerHelloMessage message = Expect.decode(frame, ServerHelloMessage::decode);
        out.received(message, frame);
        return message instanceof HelloRetryRequest hrr ? helloRetryRequest(hrr, frame, out)
                : serverHello((ServerHello) message, frame, out);
    }

    private HandshakeState serverHello(ServerHello sh, HandshakeFrame frame, HandshakeOutput out) {
        checkCommonFields(sh, "ServerHello");
        CipherSuite suite = offeredSuite(sh.cipherSuite());
        // 2. RFC 8446 §4.1.4: "clients MUST check that the cipher suite supplied in the ServerHello is identical
        //    to that in the HelloRetryRequest and otherwise abort the handshake with an "illegal_parameter" alert."
        retry.ifPresent(hrr -> Expect.check(hrr.cipherSuite() == sh.cipherSuite(), Violation.ILLEGAL_SERVER_HELLO,
                "RFC 8446 §4.1.4: ServerHello suite " + suite + " differs from the HelloRetryRequest's "
                        + CipherSuite.fromCode(hrr.cipherSuite()).map(Object::toString).orElse("?")));
        // 3. RFC 8446 §4.2: extensions in the ServerHello must answer ones we sent -> unsupported_extension.
        sh.extensions().checkSolicited(offer.offeredExtensions());
        // 4. RFC 8446 §9.2: a (EC)DHE handshake needs key_share in the ServerHello -> missing_extension.
        KeyShareServerHello share = sh.extensions().find(KeyShareServerHello.class).orElseThrow(() ->
                TlsException.local(Violation.MISSING_EXTENSION, "RFC 8446 §9.2: the ServerHello has no key_share"));
        // 5. RFC 8446 §4.2.8: the server's share "MUST be in the same group as the KeyShareEntry value offered
        //    by the client that the server has selected" -> illegal_parameter.
        NamedGroup group = NamedGroup.fromCode(share.serverShare().group())
                .filter(offer.shares()::containsKey)
                .orElseThrow(() -> TlsException.local(Violation.ILLEGAL_SERVER_HELLO, "RFC 8446 §4.2.8: the server's key share is for "
                        + String.format("0x%04x", share.serverShare().group()) + ", but we sent shares for "
                        + offer.shares().keySet()));
        // 6. RFC 8446 §7.4 / §4.2.8.2: the peer's share is validated (off-curve, small order -> illegal_parameter;
        //    for a hybrid also a ciphertext of the wrong size, draft-ietf-tls-ecdhe-mlkem §3.1.2), then decapsulated:
        //    a Diffie-Hellman combination or an ML-KEM decapsulation, the same call for both.
        DecapsulationKey ours = offer.shares().get(group);
        SecretBytes shared;
        try {
            shared = ours.decapsulate(share.serverShare().keyExchange());
        } finally {
            // RFC 8446 §1.2 (forward secrecy): the ephemeral private keys are not needed once the shared secret
            // is known, nor the shares the server did not pick.
            offer.shares().values().forEach(DecapsulationKey::destroy);
        }
        // 7. RFC 8446 §4.2.11: "Clients MUST verify that the server's selected_identity is within the range
        //    supplied by the client, that the server selected a cipher suite indicating a Hash associated with
        //    the PSK" -> illegal_parameter. (A pre_shared_key we did not offer failed check 3.)
        Optional<ClientSession> resumed = sh.extensions().find(PreSharedKeyServerHello.class).map(psk -> {
            Expect.check(psk.selectedIdentity() == 0 && offer.session().isPresent(), Violation.ILLEGAL_SERVER_HELLO,
                    "RFC 8446 §4.2.11: selected_identity " + psk.selectedIdentity() + " is not one we offered");
            Expect.check(offer.session().get().suite().hash().equals(suite.hash()), Violation.ILLEGAL_SERVER_HELLO,
                    "RFC 8446 §4.2.11: " + suite + " does not use the hash of the PSK's suite " + offer.session().get().suite());
            return offer.session().get();
        });
        EarlySecret early = resumed.map(r -> EarlySecret.fromPsk(suite.hash().orElseThrow(), r.psk()))
                .orElseGet(() -> EarlySecret.withoutPsk(suite.hash().orElseThrow()));

        Transcript hashed = transcriptWith(suite, frame.wireBytes());
        Opaque helloHash = hashed.currentHash();
        HandshakeSecret handshakeSecret = early.handshakeSecret(shared);
        shared.destroy();
        TrafficSecret clientHs = handshakeSecret.clientHandshakeTrafficSecret(helloHash);
        TrafficSecret serverHs = handshakeSecret.serverHandshakeTrafficSecret(helloHash);
        out.keyLog(clientHs, offer.hello().random());
        out.keyLog(serverHs, offer.hello().random());
        // RFC 8446 §5.1 and Appendix A.1: the server's next flight is protected with the handshake keys.
        out.installReadKeys(suite, serverHs, "handshake");
        // Our own records are protected from here on too, so an alert we send about the server's flight is
        // encrypted as the server expects (RFC 8446 §6: alerts are "encrypted as specified by the current
        // connection state"); our second flight itself waits for the server's Finished. With 0-RTT offered, the
        // early keys stay until then (§4.5: EndOfEarlyData goes under them after the server's Finished).
        if (!offer.earlyData()) {
            out.installWriteKeys(suite, clientHs, "handshake");
        }
        ClientHandshake handshake = new ClientHandshake(config, offer, suite, group, retry.isPresent(),
                changeCipherSpecSent, handshakeSecret, clientHs, serverHs, Optional.empty(), resumed,
                earlyDataSent ? EarlyDataStatus.REJECTED : EarlyDataStatus.NOT_OFFERED);
        return new ExpectEncryptedExtensions(handshake, hashed);
    }

    private HandshakeState helloRetryRequest(HelloRetryRequest hrr, HandshakeFrame frame, HandshakeOutput out) {
        // 1. RFC 8446 §4.1.4: "If a client receives a second HelloRetryRequest in the same connection ... it MUST
        //    abort the handshake with an "unexpected_message" alert."
        Expect.check(retry.isEmpty(), Violation.SECOND_HELLO_RETRY_REQUEST,
                "RFC 8446 §4.1.4: a second HelloRetryRequest in one handshake");
        checkCommonFields(hrr, "HelloRetryRequest");
        CipherSuite suite = offeredSuite(hrr.cipherSuite());
        // 2. RFC 8446 §4.2: only extensions we sent may come back, and the cookie.
        hrr.extensions().checkSolicited(offer.offeredExtensions());
        Optional<KeyShareHelloRetryRequest> keyShare = hrr.extensions().find(KeyShareHelloRetryRequest.class);
        Optional<Cookie> cookie = hrr.extensions().find(Cookie.class);
        // 3. RFC 8446 §4.1.4: "if the HelloRetryRequest would not result in any change in the ClientHello" ->
        //    illegal_parameter. Only key_share and cookie change a ClientHello of ours.
        Expect.check(keyShare.isPresent() || cookie.isPresent(), Violation.HELLO_RETRY_REQUEST_CHANGES_NOTHING,
                "RFC 8446 §4.1.4: the HelloRetryRequest asks for neither a key share nor a cookie");
        Optional<NamedGroup> retryGroup = Optional.empty();
        if (keyShare.isPresent()) {
            int selected = keyShare.get().selectedGroup();
            List<Integer> offeredGroups = offer.hello().extensions().find(SupportedGroups.class).orElseThrow().namedGroupList();
            // 4. RFC 8446 §4.2.8: the selected_group "MUST correspond to a group which was provided in the
            //    "supported_groups" extension in the original ClientHello" and not one we sent a share for,
            //    else illegal_parameter.
            NamedGroup group = NamedGroup.fromCode(selected).filter(config.groups()::contains)
                    .filter(g -> offeredGroups.contains(g.code()))
                    .orElseThrow(() -> TlsException.local(Violation.ILLEGAL_SERVER_HELLO, "RFC 8446 §4.2.8: HelloRetryRequest selects "
                            + String.format("0x%04x", selected) + ", not in our supported_groups " + config.groups()));
            Expect.check(!offer.shares().containsKey(group), Violation.HELLO_RETRY_REQUEST_CHANGES_NOTHING,
                    "RFC 8446 §4.2.8: HelloRetryRequest selects " + group + ", for which we already sent a key share");
            retryGroup = Optional.of(group);
        }
        // RFC 8446 §4.4.1: ClientHello1 becomes message_hash in the transcript; the suite's hash is known now.
        Transcript beforeSecond = Transcript.of(suite.hash().orElseThrow()).add(transcript.get(0))
                .replaceClientHelloWithMessageHash().add(frame.wireBytes());
        ClientOffer second = offer.retry(config, retryGroup, cookie, suite, beforeSecond);
        // RFC 8446 Appendix D.4: in compatibility mode the client sends change_cipher_spec "immediately after
        // sending a second ClientHello" or before its second flight; we send it before ClientHello2, which also
        // keeps the record boundary a middlebox expects.
        if (offer.earlyData()) {
            out.dropEarlyWriteKeys();
        }
        boolean ccs = config.middleboxCompatibility();
        if (ccs && !changeCipherSpecSent) {
            out.sendChangeCipherSpec();
        }
        Opaque ch2 = out.send(second.hello());
        // RFC 8446 §4.4.1: ClientHello1 becomes message_hash in the transcript; the suite's hash is known now.
        List<Opaque> messages = List.of(transcript.get(0), frame.wireBytes(), ch2);
        Expect.check(suite.hash().isPresent(), Violation.ILLEGAL_SERVER_HELLO, "suite without hash: " + suite);
        return new ExpectServerHello(config, second, messages, Optional.of(hrr), ccs, earlyDataSent);
    }

    /** Checks shared by ServerHello and HelloRetryRequest (RFC 8446 §4.1.3). */
    private void checkCommonFields(ServerHelloMessage message, String what) {
        // a. RFC 8446 §4.1.3: "legacy_version ... MUST be set to 0x0303" in TLS 1.3.
        Expect.check(message.legacyVersion() == ClientHello.LEGACY_VERSION, Violation.ILLEGAL_HELLO_FIELD,
                "RFC 8446 §4.1.3: " + what + " legacy_version is " + String.format("0x%04x", message.legacyVersion())
                        + ", not 0x0303");
        // b. RFC 8446 §4.1.3: "A client which receives a legacy_session_id_echo field that does not match what it
        //    sent in the ClientHello MUST abort the handshake with an "illegal_parameter" alert."
        Expect.check(message.legacySessionIdEcho().equals(offer.hello().legacySessionId()), Violation.ILLEGAL_HELLO_FIELD,
                "RFC 8446 §4.1.3: " + what + " legacy_session_id_echo does not match our legacy_session_id");
        // c. RFC 8446 §4.1.3: "legacy_compression_method: A single byte which MUST have the value 0."
        Expect.check(message.legacyCompressionMethod() == 0, Violation.ILLEGAL_HELLO_FIELD,
                "RFC 8446 §4.1.3: " + what + " legacy_compression_method is " + message.legacyCompressionMethod());
    }

    /**
     * RFC 8446 §4.1.3: "A client which receives a cipher suite that was not offered MUST abort the handshake
     * with an "illegal_parameter" alert."
     */
    private CipherSuite offeredSuite(int code) {
        return offer.offeredSuite(config, code).orElseThrow(() -> TlsException.local(Violation.ILLEGAL_SERVER_HELLO,
                "RFC 8446 §4.1.3: the server selected cipher suite " + String.format("0x%04x", code)
                        + ", which we did not offer (we offered " + config.cipherSuites(ProtocolVersion.TLS1_3) + ")"));
    }

    /**
     * RFC 8446 §4.2.1: no supported_versions selecting TLS 1.3. Without the extension the server speaks an
     * older version (protocol_version until chapter05 takes over); with it, any other value is one "not
     * offered by the client" (illegal_parameter).
     */
    private TlsException versionNotOffered(HandshakeFrame frame, int version) {
        boolean extensionPresent = hasSupportedVersions(frame);
        String name = ProtocolVersion.fromCode(version).map(Object::toString).orElse(String.format("0x%04x", version));
        return extensionPresent
                ? TlsException.local(Violation.ILLEGAL_SERVER_HELLO, "RFC 8446 §4.2.1: supported_versions in the ServerHello selects "
                        + name + ", which we did not offer (we offered " + config.versions() + ")")
                : TlsException.local(Violation.UNSUPPORTED_VERSION, "RFC 8446 §4.2.1: the server selected " + name
                        + " without supported_versions; we speak " + config.versions());
    }

    /** Whether the ServerHello carries supported_versions (a ServerHello that does not decode has none). */
    private static boolean hasSupportedVersions(HandshakeFrame frame) {
        try {
            return ServerHelloMessage.decode(frame.bodyReader()).extensions().contains(ExtensionType.SUPPORTED_VERSIONS);
        } catch (DecodeException | TlsException e) {
            return false;
        }
    }

    private Transcript transcriptWith(CipherSuite suite, Opaque serverHello) {
        Transcript t = Transcript.of(suite.hash().orElseThrow()).add(transcript.get(0));
        if (retry.isPresent()) {
            t = t.replaceClientHelloWithMessageHash().add(transcript.get(1)).add(transcript.get(2));
        }
        return t.add(serverHello);
    }
}
