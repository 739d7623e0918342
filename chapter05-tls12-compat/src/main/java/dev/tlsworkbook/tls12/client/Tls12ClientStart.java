package dev.tlsworkbook.tls12.client;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.config.SentClientHello;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.negotiation.DowngradeSentinel;
import dev.tlsworkbook.negotiation.Tls12Options;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.message.EcPointFormats;
import dev.tlsworkbook.tls12.message.RenegotiationInfo;
import dev.tlsworkbook.tls12.message.Tls12Extension;
import dev.tlsworkbook.tls12.message.Tls12ServerHello;
import dev.tlsworkbook.tls12.resumption.Tls12ClientSession;
import java.util.List;
import java.util.Optional;

/**
 * Client: the ServerHello chose TLS 1.2 (handed over by chapter04's ExpectServerHello, GUIDE §6).
 * Decoded with TLS 1.2's own layout, checked, and the transcript started with the suite's hash.
 *
 * @since chapter05
 */
public final class Tls12ClientStart {
    private Tls12ClientStart() {
    }

    /** Accepts the TLS 1.2 ServerHello in {@code frame}; returns the state waiting for the server's Certificate. */
    public static HandshakeState onServerHello(TlsConfig config, Tls12Options options, SentClientHello sent,
            HandshakeFrame frame, HandshakeOutput out) {
        Tls12ServerHello sh = Expect.message(frame, HandshakeType.SERVER_HELLO, "ExpectServerHello(TLS 1.2)",
                Tls12ServerHello::decode, out);
        // From here on change_cipher_spec is a protocol message (RFC 5246 §7.1); the states say when it is expected.
        out.changeCipherSpecMode(ChangeCipherSpecMode.DELIVER);
        // 1. RFC 8446 §4.1.3: "TLS 1.3 clients receiving a ServerHello indicating TLS 1.2 or below MUST check
        //    that the last 8 bytes are not equal to either of these values" ... "MUST abort the handshake with
        //    an "illegal_parameter" alert". Only a client that offered TLS 1.3 can have been downgraded.
        if (config.enables(ProtocolVersion.TLS1_3)) {
            Optional<DowngradeSentinel> sentinel = DowngradeSentinel.in(sh.random());
            Expect.check(sentinel.isEmpty(), Violation.DOWNGRADE_DETECTED, "RFC 8446 §4.1.3: ServerHello.random ends in "
                    + sentinel.map(s -> "\"" + s.value().hex() + "\"").orElse("") + " (DOWNGRD): the server supports TLS 1.3,"
                    + " but something between us removed it from our ClientHello");
        }
        // 2. RFC 5246 §7.4.1.3: server_version is the version chosen; we are here because it is TLS 1.2.
        Expect.check(sh.serverVersion() == ProtocolVersion.TLS1_2.code(), Violation.ILLEGAL_SERVER_HELLO,
                "RFC 5246 §7.4.1.3: server_version " + String.format("0x%04x", sh.serverVersion()) + " is not 0x0303");
        // 3. RFC 8446 §4.2.1: TLS 1.2 is never chosen through supported_versions.
        Expect.check(Tls12Extension.find(sh.extensions(), ExtensionType.SUPPORTED_VERSIONS).isEmpty(),
                Violation.ILLEGAL_SERVER_HELLO, "RFC 8446 §4.2.1: a TLS 1.2 ServerHello carries supported_versions");
        // 4. RFC 5246 §7.4.1.3: "cipher_suite: The single cipher suite selected by the server from the list in
        //    ClientHello.cipher_suites" -> a suite we did not offer for TLS 1.2 is illegal_parameter.
        CipherSuite suite = config.cipherSuites(ProtocolVersion.TLS1_2).stream().filter(s -> s.code() == sh.cipherSuite())
                .findFirst().orElseThrow(() -> TlsException.local(Violation.ILLEGAL_SERVER_HELLO, "RFC 5246 §7.4.1.3: the server "
                        + "selected cipher suite " + String.format("0x%04x", sh.cipherSuite()) + ", which we did not offer for TLS 1.2 "
                        + "(we offered " + config.cipherSuites(ProtocolVersion.TLS1_2) + ")"));
        // 5. RFC 5246 §7.4.1.3: the compression method must be one we offered: null (0).
        Expect.check(sh.compressionMethod() == 0, Violation.ILLEGAL_HELLO_FIELD,
                "RFC 5246 §7.4.1.3: compression_method " + sh.compressionMethod() + " was not offered");
        // 6. RFC 5077 §3.4: "If the server accepts the ticket and the Session ID is not empty, then it MUST respond
        //    with the same Session ID present in the ClientHello": the echo is how we see a resumption. Without a
        //    TLS 1.2 ticket offered, a server that "resumes" our TLS 1.3 compatibility session ID (RFC 8446
        //    Appendix D.4) is wrong (rustls#2360).
        Optional<Tls12ClientSession> offeredSession = sent.offered(Tls12ClientSession.class);
        boolean echoed = !sh.sessionId().isEmpty() && sh.sessionId().equals(sent.hello().legacySessionId());
        Expect.check(!echoed || offeredSession.isPresent(), Violation.ILLEGAL_SERVER_HELLO,
                "RFC 5246 §7.4.1.3: the server echoes our session_id, resuming a session we never had");
        // 7. RFC 5246 §7.4.1.4: "If a client receives an extension type in ServerHello that it did not request
        //    in the associated ClientHello, it MUST abort the handshake with an unsupported_extension fatal alert."
        List<Integer> offered = sent.hello().extensions().types();
        for (Tls12Extension e : sh.extensions()) {
            Expect.check(offered.contains(e.type()), Violation.UNSOLICITED_EXTENSION, "RFC 5246 §7.4.1.4: the ServerHello "
                    + "carries extension " + Tls12Extension.names(List.of(e)) + ", which we did not send");
        }
        // 8. RFC 5746 §3.4: "the client MUST check that the "renegotiated_connection" field is zero length, and if
        //    it is not, MUST abort the handshake". We also refuse a server without the extension: every TLS
        //    stack since 2010 sends it, and without it an attacker could splice renegotiations (RFC 5746 §1).
        RenegotiationInfo renegotiation = Tls12Extension.find(sh.extensions(), ExtensionType.RENEGOTIATION_INFO)
                .map(e -> Expect.decode(frame, r -> RenegotiationInfo.decode(e.data())))
                .orElseThrow(() -> TlsException.local(Violation.INSECURE_RENEGOTIATION,
                        "RFC 5746 §3.4: the server does not support secure renegotiation (no renegotiation_info)"));
        Expect.check(renegotiation.renegotiatedConnection().isEmpty(), Violation.INSECURE_RENEGOTIATION,
                "RFC 5746 §3.4: renegotiation_info in a first handshake must be empty, got "
                        + renegotiation.renegotiatedConnection().length() + " bytes");
        // 9. RFC 7627 §5.2: EMS is used when the server echoes it; a client that requires it aborts otherwise.
        boolean ems = Tls12Extension.find(sh.extensions(), ExtensionType.EXTENDED_MASTER_SECRET).isPresent();
        Expect.check(ems || !options.requireExtendedMasterSecret(), Violation.EXTENDED_MASTER_SECRET_REQUIRED,
                "RFC 7627 §5.2: the server did not negotiate extended_master_secret, which this client requires");
        // 10. RFC 8422 §5.2: a server's ec_point_formats must include uncompressed.
        Tls12Extension.find(sh.extensions(), ExtensionType.EC_POINT_FORMATS).ifPresent(e -> Expect.check(
                Expect.decode(frame, r -> EcPointFormats.decode(e.data())).allowsUncompressed(),
                Violation.ILLEGAL_SERVER_HELLO, "RFC 8422 §5.1.2: the server's ec_point_formats lacks uncompressed"));
        // 11. RFC 7301 §3.1: the server selects exactly one protocol we offered.
        Optional<String> alpn = Tls12Extension.find(sh.extensions(), ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION)
                .map(e -> (ApplicationLayerProtocolNegotiation) Expect.decode(frame,
                        r -> e.decodeShared(ExtensionContext.ENCRYPTED_EXTENSIONS)))
                .map(a -> selectedProtocol(a, config));
        // RFC 5246 §7.4.8: a client that may answer a CertificateRequest signs the handshake messages themselves.
        Transcript transcript = (config.certificates().isEmpty() ? Transcript.of(suite.hash().orElseThrow())
                : Transcript.retainingMessages(suite.hash().orElseThrow())).add(sent.wireBytes()).add(frame.wireBytes());
        // 12. RFC 5077 §3.2: an (empty) session_ticket in the ServerHello promises a NewSessionTicket.
        boolean ticketExpected = Tls12Extension.find(sh.extensions(), ExtensionType.SESSION_TICKET).isPresent();
        ClientContext context = new ClientContext(config, options, sent, sh, suite, ems, alpn, List.of(), Optional.empty(),
                ticketExpected, Optional.empty());
        if (echoed) {
            return Tls12ClientResumption.onResumingServerHello(context, offeredSession.orElseThrow(), transcript, out);
        }
        return new ExpectCertificate(context, transcript);
    }

    private static String selectedProtocol(ApplicationLayerProtocolNegotiation alpn, TlsConfig config) {
        List<String> names = alpn.protocolNames();
        Expect.check(names.size() == 1 && config.alpnProtocols().contains(names.get(0)), Violation.ILLEGAL_SERVER_HELLO,
                "RFC 7301 §3.1: the server's ALPN answer " + names + " is not one protocol of ours " + config.alpnProtocols());
        return names.get(0);
    }
}
