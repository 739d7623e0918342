package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.extension.Cookie;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.KeyShareHelloRetryRequest;
import dev.tlsworkbook.handshake.extension.RecordSizeLimit;
import dev.tlsworkbook.handshake.extension.SupportedVersionsClientHello;
import dev.tlsworkbook.handshake.extension.SupportedVersionsServerHello;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.message.HelloRetryRequest;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import dev.tlsworkbook.record.ProtocolVersion;

/**
 * Server, START/RECVD_CH (RFC 8446 Appendix A.2): the ClientHello is parsed once, the version
 * chosen (the hand-off point where chapter05 adds TLS 1.2), the parameters negotiated; then either
 * the server's flight or a HelloRetryRequest goes out.
 *
 * @since chapter04
 */
public final class ExpectClientHello implements HandshakeState {
    private final TlsConfig config;

    public ExpectClientHello(TlsConfig config) {
        this.config = config;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        ClientHello ch = Expect.message(frame, HandshakeType.CLIENT_HELLO, name(), ClientHello::decode, out);
        // RFC 8446 §5: from now until the client's Finished, a compatibility change_cipher_spec is dropped.
        out.changeCipherSpecMode(ChangeCipherSpecMode.DROP_COMPATIBILITY);
        // 1. Version hand-off (RFC 8446 §4.2.1): "If the "supported_versions" extension in the ClientHello
        //    ... [does not contain] a version the server supports, the server MUST abort with "protocol_version".
        ProtocolVersion version = selectVersion(ch);
        assert version == ProtocolVersion.TLS1_3;
        checkTls13Fields(ch);
        ch.extensions().find(dev.tlsworkbook.handshake.extension.ServerName.class)
                .flatMap(dev.tlsworkbook.handshake.extension.ServerName::hostName).ifPresent(out::serverName);
        // RFC 8446 §4.2.10: we never accept 0-RTT; its records are skipped while we wait for the client's flight.
        boolean earlyData = ch.extensions().contains(ExtensionType.EARLY_DATA);
        out.skipEarlyData(earlyData);
        // RFC 8449 §4: the client's record_size_limit bounds our protected records from the first one on.
        ch.extensions().find(RecordSizeLimit.class).ifPresent(l -> out.peerRecordSizeLimit(l.recordSizeLimit()));
        Negotiation negotiation = Negotiation.of(config, ch);
        if (negotiation.clientShare().isPresent()) {
            return ServerFlight.send(config, ch, negotiation, Transcript.of(hash(negotiation)).add(frame.wireBytes()), false, out);
        }
        return helloRetryRequest(ch, frame, negotiation, out);
    }

    /**
     * RFC 8446 §4.1.4: "the server ... responds with a HelloRetryRequest" naming the group it wants
     * (key_share selected_group) and a cookie the client must echo.
     */
    private HandshakeState helloRetryRequest(ClientHello ch, HandshakeFrame frame, Negotiation negotiation, HandshakeOutput out) {
        byte[] cookieBytes = new byte[32];
        config.random().nextBytes(cookieBytes);
        Cookie cookie = new Cookie(Opaque.of(cookieBytes));
        HelloRetryRequest hrr = new HelloRetryRequest(ClientHello.LEGACY_VERSION, ch.legacySessionId(),
                negotiation.suite().code(), 0, ExtensionBlock.of(ExtensionContext.HELLO_RETRY_REQUEST,
                        SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3),
                        KeyShareHelloRetryRequest.of(negotiation.group()), cookie));
        Opaque hrrBytes = out.send(hrr);
        // RFC 8446 Appendix D.4: the server sends its dummy change_cipher_spec right after its first handshake
        // message when the client sent a non-empty session id.
        boolean ccs = !ch.legacySessionId().isEmpty();
        if (ccs) {
            out.sendChangeCipherSpec();
        }
        // RFC 8446 §4.4.1: ClientHello1 is replaced by message_hash.
        Transcript transcript = Transcript.of(hash(negotiation)).add(frame.wireBytes())
                .replaceClientHelloWithMessageHash().add(hrrBytes);
        return new ExpectSecondClientHello(config, ch, negotiation, cookie, transcript, ccs);
    }

    /**
     * The version hand-off: TLS 1.3 when supported_versions lists 0x0304. chapter05 extends this to
     * TLS 1.2 and its downgrade protection (RFC 8446 §4.1.3).
     */
    static ProtocolVersion selectVersion(ClientHello ch) {
        boolean tls13 = ch.extensions().find(SupportedVersionsClientHello.class)
                .map(v -> v.versions().contains(ProtocolVersion.TLS1_3.code())).orElse(false);
        if (!tls13) {
            throw TlsException.local(Violation.UNSUPPORTED_VERSION, "RFC 8446 §4.2.1: the ClientHello "
                    + (ch.extensions().contains(ExtensionType.SUPPORTED_VERSIONS)
                            ? "supported_versions does not list TLS 1.3" : "has no supported_versions (a TLS 1.2 or older client)")
                    + "; this server speaks TLS 1.3 only");
        }
        return ProtocolVersion.TLS1_3;
    }

    /** Fields TLS 1.3 fixes (RFC 8446 §4.1.2). */
    static void checkTls13Fields(ClientHello ch) {
        // a. RFC 8446 §4.1.2: "In TLS 1.3, ... the legacy_version field MUST be set to 0x0303".
        Expect.check(ch.legacyVersion() == ClientHello.LEGACY_VERSION, Violation.ILLEGAL_HELLO_FIELD,
                "RFC 8446 §4.1.2: ClientHello legacy_version is " + String.format("0x%04x", ch.legacyVersion()) + ", not 0x0303");
        // b. RFC 8446 §4.1.2: "For every TLS 1.3 ClientHello, this vector MUST contain exactly one byte, set to
        //    zero ... If a TLS 1.3 ClientHello is received with any other value in this field, the server MUST
        //    abort the handshake with an "illegal_parameter" alert."
        Expect.check(ch.legacyCompressionMethods().equals(ClientHello.NULL_COMPRESSION), Violation.ILLEGAL_HELLO_FIELD,
                "RFC 8446 §4.1.2: legacy_compression_methods must be exactly [0], got " + ch.legacyCompressionMethods());
    }

    static dev.tlsworkbook.crypto.HashAlgorithm hash(Negotiation negotiation) {
        return negotiation.suite().hash().orElseThrow();
    }
}
