package dev.tlsworkbook.tls12.server;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.KeyExchange;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.HostnameMatcher;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.ServerName;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.extension.UnknownExtension;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.negotiation.DowngradeSentinel;
import dev.tlsworkbook.negotiation.FallbackScsv;
import dev.tlsworkbook.negotiation.ServerKeyExchangeSignature;
import dev.tlsworkbook.negotiation.Tls12Options;
import dev.tlsworkbook.negotiation.Tls12Suites;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.clientauth.Tls12CertificateRequester;
import dev.tlsworkbook.tls12.message.EcPointFormats;
import dev.tlsworkbook.tls12.message.RenegotiationInfo;
import dev.tlsworkbook.tls12.message.ServerHelloDone;
import dev.tlsworkbook.tls12.message.ServerKeyExchange;
import dev.tlsworkbook.tls12.message.SessionTicket;
import dev.tlsworkbook.tls12.message.Tls12Certificate;
import dev.tlsworkbook.tls12.message.Tls12Extension;
import dev.tlsworkbook.tls12.message.Tls12ServerHello;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Server: the ClientHello chose TLS 1.2 (handed over by chapter04's ExpectClientHello, GUIDE §6).
 * Numbered checks, then the server's first flight: ServerHello, Certificate, ServerKeyExchange,
 * [CertificateRequest], ServerHelloDone (RFC 5246 §7.3).
 *
 * @since chapter05
 */
public final class Tls12ServerStart {
    private Tls12ServerStart() {
    }

    /** Answers a ClientHello for which TLS 1.2 was selected; returns the state waiting for ClientKeyExchange. */
    public static HandshakeState onClientHello(TlsConfig config, Tls12Options options, ClientHello ch, HandshakeFrame frame,
            HandshakeOutput out) {
        // From here on change_cipher_spec is a protocol message (RFC 5246 §7.1); the states say when it is expected.
        out.changeCipherSpecMode(ChangeCipherSpecMode.DELIVER);
        Set<Integer> suites = new HashSet<>(ch.cipherSuites());
        // 1. RFC 7507 §3: "If TLS_FALLBACK_SCSV appears in ClientHello.cipher_suites and the highest protocol
        //    version supported by the server is higher than the version indicated by the client, the server MUST
        //    respond with a fatal inappropriate_fallback alert."
        Expect.check(!(suites.contains(FallbackScsv.CODE) && config.enables(ProtocolVersion.TLS1_3)), Violation.INAPPROPRIATE_FALLBACK,
                "RFC 7507 §3: the client signals a fallback (TLS_FALLBACK_SCSV) to TLS 1.2, but this server speaks TLS 1.3");
        // 2. RFC 5246 §7.4.1.2: the list "MUST contain" the null compression method.
        Expect.check(ch.legacyCompressionMethods().bytes().length > 0 && containsZero(ch.legacyCompressionMethods()),
                Violation.ILLEGAL_HELLO_FIELD, "RFC 5246 §7.4.1.2: compression_methods lacks null (0)");
        // 3. RFC 5746 §3.6: the client signals secure renegotiation with the SCSV or an empty renegotiation_info;
        //    "If the extension is present and not empty, the server MUST abort the handshake." Without either we
        //    refuse too: the client is older than RFC 5746 (2010) and open to renegotiation splicing.
        Optional<UnknownExtension> renegotiation = raw(ch, ExtensionType.RENEGOTIATION_INFO);
        Expect.check(renegotiation.isPresent() || suites.contains(RenegotiationInfo.EMPTY_RENEGOTIATION_INFO_SCSV),
                Violation.INSECURE_RENEGOTIATION, "RFC 5746 §3.6: the client signals no secure renegotiation support "
                        + "(neither renegotiation_info nor TLS_EMPTY_RENEGOTIATION_INFO_SCSV)");
        renegotiation.ifPresent(r -> Expect.check(
                Expect.decode(frame, in -> RenegotiationInfo.decode(r.extensionData())).renegotiatedConnection().isEmpty(),
                Violation.INSECURE_RENEGOTIATION, "RFC 5746 §3.6: renegotiation_info in a first ClientHello must be empty"));
        // 4. RFC 7627 §5.2: EMS is used when the client offers it; a server that requires it aborts otherwise.
        boolean ems = raw(ch, ExtensionType.EXTENDED_MASTER_SECRET).isPresent();
        Expect.check(ems || !options.requireExtendedMasterSecret(), Violation.EXTENDED_MASTER_SECRET_REQUIRED,
                "RFC 7627 §5.2: the client did not offer extended_master_secret, which this server requires");
        // 5. RFC 8422 §5.1.2: a client's ec_point_formats must include uncompressed.
        Optional<UnknownExtension> pointFormats = raw(ch, ExtensionType.EC_POINT_FORMATS);
        pointFormats.ifPresent(p -> Expect.check(
                Expect.decode(frame, in -> EcPointFormats.decode(p.extensionData())).allowsUncompressed(),
                Violation.ILLEGAL_HELLO_FIELD, "RFC 8422 §5.1.2: the client's ec_point_formats lacks uncompressed"));
        // 6. The suite, certificate and signature scheme, in our order of preference (RFC 5246 §7.4.1.3).
        List<Integer> clientSchemes = ch.extensions().find(SignatureAlgorithms.class)
                .map(SignatureAlgorithms::supportedSignatureAlgorithms).orElse(List.of());
        Optional<String> serverName = ch.extensions().find(ServerName.class).flatMap(ServerName::hostName);
        serverName.ifPresent(out::serverName);
        Optional<List<Integer>> clientGroups = ch.extensions().find(SupportedGroups.class).map(SupportedGroups::namedGroupList);
        Choice choice = choose(config, suites, clientSchemes, clientGroups, serverName, ch.cipherSuites());
        // 7. RFC 8422 §5.1.1: a curve from the client's supported_groups, in our order (Diffie-Hellman groups only);
        //    RFC 8422 §4: without the extension the client supports the usual curves; we take our first.
        NamedGroup group = config.groups().stream().filter(Tls12Suites.GROUPS::contains)
                .filter(g -> clientGroups.map(l -> l.contains(g.code())).orElse(true)).findFirst()
                .orElseThrow(() -> TlsException.local(Violation.NO_COMMON_GROUP, "RFC 8422 §5.1.1: no curve in common; client offered "
                        + clientGroups.orElse(List.of()).stream().map(c -> String.format("0x%04x", c)).toList()
                        + ", server accepts " + config.groups().stream().filter(Tls12Suites.GROUPS::contains).toList()));
        // 8. RFC 7301 §3.2: the first of our protocols the client offers; none in common -> no_application_protocol.
        Optional<String> alpn = ch.extensions().find(ApplicationLayerProtocolNegotiation.class).flatMap(offered -> {
            if (config.alpnProtocols().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(config.alpnProtocols().stream().filter(offered.protocolNames()::contains).findFirst()
                    .orElseThrow(() -> TlsException.local(Violation.NO_APPLICATION_PROTOCOL, "RFC 7301 §3.2: no protocol in common; "
                            + "client offered " + offered.protocolNames() + ", server accepts " + config.alpnProtocols())));
        });

        // 9. RFC 5077 §3.2: a session_ticket extension means the client is prepared for a ticket; a non-empty one is
        //    a ticket to resume. Tickets off (ticketCount 0, the TLS 1.3 setting) means neither. We issue tickets for
        //    sessions with an extended master secret only: those are the ones we resume (RFC 7627 §5.3).
        Optional<UnknownExtension> ticket = raw(ch, ExtensionType.SESSION_TICKET);
        //    A server that asks for client certificates neither resumes nor issues tickets: a ticket does not carry the
        //    client's certificate, so resuming would skip the client authentication this server asks for (as in TLS 1.3,
        //    PskAcceptance check 0).
        boolean tickets = ticket.isPresent() && config.ticketCount() > 0 && !config.clientAuth().requests();
        if (tickets) {
            Optional<HandshakeState> resumed = Tls12ServerResumption.tryResume(config, ch, frame, ticket.get().extensionData(),
                    ems, serverName, alpn, serverHelloExtensions(ems, pointFormats.isPresent(), alpn), out);
            if (resumed.isPresent()) {
                return resumed.get();
            }
        }
        boolean issueTicket = tickets && ems;

        // The server's flight.
        Opaque random = serverRandom(config);
        List<Tls12Extension> extensions = serverHelloExtensions(ems, pointFormats.isPresent(), alpn);
        if (issueTicket) {
            // RFC 5077 §3.2: "The server MUST send this extension in the ServerHello if it wishes to issue a new
            // ticket to the client using the NewSessionTicket handshake message."
            extensions.add(SessionTicket.EMPTY.toExtension());
        }
        // An empty session_id: we keep no session cache (RFC 5246 §7.4.1.3: "the session will not be cached"); RFC 5077
        // §3.4: a server "planning on issuing a session ticket ... SHOULD include an empty Session ID".
        Tls12ServerHello sh = new Tls12ServerHello(ProtocolVersion.TLS1_2.code(), random, Opaque.EMPTY, choice.suite().code(), 0,
                extensions);
        // RFC 5246 §7.4.8: a client's CertificateVerify signs the handshake messages themselves, so a server that asks
        // for certificates keeps them.
        boolean requestCertificate = config.clientAuth().requests();
        Transcript t = (requestCertificate ? Transcript.retainingMessages(choice.suite().hash().orElseThrow())
                : Transcript.of(choice.suite().hash().orElseThrow())).add(frame.wireBytes());
        t = t.add(out.send(sh));
        t = t.add(out.send(new Tls12Certificate(choice.key().chain().encoded())));
        // RFC 8422 §5.4: our ephemeral key on the chosen curve, signed over both randoms and the parameters.
        KeyExchange ours = config.newKeyExchange(group);
        Opaque params = ServerKeyExchange.params(group.code(), ours.publicKey());
        Opaque signature = ServerKeyExchangeSignature.sign(choice.scheme(), choice.key().privateKey(),
                ServerKeyExchange.signedContent(ch.random(), random, params), config.random());
        t = t.add(out.send(new ServerKeyExchange(group.code(), ours.publicKey(), choice.scheme().code(), signature)));
        if (requestCertificate) {
            // RFC 5246 §7.4.4: "A non-anonymous server can optionally request a certificate from the client"; it
            // "will immediately follow the ServerKeyExchange message".
            t = t.add(out.send(Tls12CertificateRequester.request(config)));
        }
        t = t.add(out.send(new ServerHelloDone()));
        ServerContext context = new ServerContext(config, choice.suite(), group, choice.scheme(), ems, alpn, ch.random(), random,
                issueTicket, serverName);
        return requestCertificate ? new ExpectClientCertificate(context, ours, t) : new ExpectClientKeyExchange(context, ours, t);
    }

    /**
     * A fresh ServerHello.random. RFC 8446 §4.1.3: "TLS 1.3 servers which negotiate TLS 1.2 or below
     * in response to a ClientHello MUST set the last 8 bytes of their Random value specially"; a
     * server without TLS 1.3 has nothing to protect.
     */
    static Opaque serverRandom(TlsConfig config) {
        byte[] randomBytes = new byte[32];
        config.random().nextBytes(randomBytes);
        Opaque random = Opaque.of(randomBytes);
        return config.enables(ProtocolVersion.TLS1_3) ? DowngradeSentinel.TLS12.stamp(random) : random;
    }

    /** The ServerHello extensions of a full or an abbreviated handshake (a new list the caller may extend). */
    private static List<Tls12Extension> serverHelloExtensions(boolean ems, boolean pointFormats, Optional<String> alpn) {
        List<Tls12Extension> extensions = new ArrayList<>();
        extensions.add(RenegotiationInfo.INITIAL.toExtension());
        if (ems) {
            // RFC 7627 §5.3: "If the new ClientHello contains the extension and the server chooses to continue the
            // handshake, then the server MUST include the "extended_master_secret" extension in its ServerHello".
            extensions.add(Tls12Extension.of(ExtensionType.EXTENDED_MASTER_SECRET, Opaque.EMPTY));
        }
        if (pointFormats) {
            // RFC 8422 §5.2: echoed for clients that expect it (older OpenSSL, golang/go#31943).
            extensions.add(EcPointFormats.OURS.toExtension());
        }
        alpn.ifPresent(p -> extensions.add(Tls12Extension.of(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION,
                encodedAlpn(p))));
        return extensions;
    }

    /** The suite we chose with the certificate and scheme that sign for it. */
    private record Choice(CipherSuite suite, CertifiedKey key, SignatureScheme scheme) {
    }

    /**
     * RFC 5246 §7.4.1.3: our first suite the client offers for which we hold a certificate of the
     * right key type, signable with a scheme the client accepts; a certificate whose names match
     * the server_name first. None → handshake_failure, naming what the client offered and why each
     * is refused when it offered only suites we refuse.
     */
    private static Choice choose(TlsConfig config, Set<Integer> offered, List<Integer> clientSchemes,
            Optional<List<Integer>> clientGroups, Optional<String> serverName, List<Integer> offeredInOrder) {
        List<CertifiedKey> keys = new ArrayList<>(config.certificates());
        serverName.ifPresent(name -> keys.sort((a, b) -> Boolean.compare(
                !HostnameMatcher.matches(a.chain().leaf(), name), !HostnameMatcher.matches(b.chain().leaf(), name))));
        boolean suiteInCommon = false;
        for (CipherSuite suite : config.cipherSuites(ProtocolVersion.TLS1_2)) {
            if (!offered.contains(suite.code())) {
                continue;
            }
            suiteInCommon = true;
            for (CertifiedKey key : keys) {
                if (dev.tlsworkbook.handshake.auth.KeyType.of(key.chain().publicKey()).orElse(null) != Tls12Suites.authentication(suite)) {
                    continue;
                }
                // RFC 8422 §5.1.1: an ECDSA certificate's curve must be one the client supports.
                Optional<NamedGroup> curve = ServerKeyExchangeSignature.curveOf(key.chain().publicKey());
                if (curve.isPresent() && clientGroups.isPresent() && !clientGroups.get().contains(curve.get().code())) {
                    continue;
                }
                Optional<SignatureScheme> scheme = ServerKeyExchangeSignature.choose(key.chain().publicKey(), clientSchemes);
                if (scheme.isPresent()) {
                    return new Choice(suite, key, scheme.get());
                }
            }
        }
        if (suiteInCommon) {
            throw TlsException.local(Violation.NO_COMMON_SIGNATURE_SCHEME, "RFC 5246 §7.4.1.4.1: no certificate of ours can sign "
                    + "with a scheme the client accepts; client offered " + clientSchemes.stream()
                            .map(c -> SignatureScheme.fromCode(c).map(Object::toString).orElse(String.format("0x%04x", c))).toList()
                    + ", our certificates " + config.certificates());
        }
        String refused = Tls12Suites.explainRefused(offeredInOrder);
        if (!refused.isEmpty()) {
            throw TlsException.local(Violation.INSECURE_CIPHER_SUITES_ONLY, "RFC 5246 §7.4.1.3: the client offers only cipher "
                    + "suites this server refuses: " + refused + "; it accepts " + config.cipherSuites(ProtocolVersion.TLS1_2));
        }
        throw TlsException.local(Violation.NO_COMMON_CIPHER_SUITE, "RFC 5246 §7.4.1.3: no cipher suite in common; client offered "
                + offeredInOrder.stream().map(c -> CipherSuite.fromCode(c).map(Object::toString).orElse(String.format("0x%04x", c))).toList()
                + ", server accepts " + config.cipherSuites(ProtocolVersion.TLS1_2));
    }

    /** A ClientHello extension TLS 1.3's decoders keep raw (the TLS 1.2-only code points). */
    private static Optional<UnknownExtension> raw(ClientHello ch, ExtensionType type) {
        return ch.extensions().find(type).filter(UnknownExtension.class::isInstance).map(UnknownExtension.class::cast);
    }

    private static boolean containsZero(Opaque methods) {
        for (byte b : methods.bytes()) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static Opaque encodedAlpn(String protocol) {
        dev.tlsworkbook.wire.WireWriter w = new dev.tlsworkbook.wire.WireWriter(8 + protocol.length());
        ApplicationLayerProtocolNegotiation.of(protocol).encode(w);
        return w.toOpaque();
    }
}
