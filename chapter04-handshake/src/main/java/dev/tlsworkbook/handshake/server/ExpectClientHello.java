package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.config.VersionSupport;
import dev.tlsworkbook.handshake.extension.Fields;
import java.util.Optional;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.extension.Cookie;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeMode;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeModes;
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
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.extension.ServerName;
import java.util.Optional;
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
    /** The lowest legacy_version answered with anything but protocol_version: TLS 1.0 (RFC 8446 Appendix D.2). */
    static final int MIN_LEGACY_VERSION = 0x0301;

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
        ProtocolVersion version = selectVersion(config, ch);
        if (version != ProtocolVersion.TLS1_3) {
            // The hand-off (GUIDE §6): the ClientHello, parsed once, and its exact bytes go to the chosen version.
            return config.handoff(version).orElseThrow().serverHandshake(config, ch, frame, out);
        }
        checkTls13Fields(ch);
        serverName(ch).ifPresent(out::serverName);
        checkPskModes(ch);
        // RFC 8446 §4.2.10: records the client protected with 0-RTT keys are skipped while we answer this
        // ClientHello, unless we accept its early data (then they are read).
        boolean earlyData = ch.extensions().contains(ExtensionType.EARLY_DATA);
        out.skipEarlyData(earlyData);
        // RFC 8449 §4: the client's record_size_limit bounds our protected records from the first one on.
        ch.extensions().find(RecordSizeLimit.class).ifPresent(l -> out.peerRecordSizeLimit(l.recordSizeLimit()));
        Negotiation negotiation = Negotiation.of(config, ch);
        // RFC 8446 §4.2.9 psk_ke: "the server MUST NOT supply a "key_share" value", so a client that allows only
        // psk_ke needs to send no share (nor, §9.2, supported_groups): when we accept psk_ke, its PSK is tried
        // before asking for a share.
        boolean pskOnly = negotiation.group().isEmpty();
        boolean pskKeOnly = pskOnly || config.allowPskKe() && ch.extensions().find(PskKeyExchangeModes.class)
                .map(m -> !m.knownModes().contains(PskKeyExchangeMode.PSK_DHE_KE)).orElse(false);
        if (negotiation.clientShare().isPresent() || pskKeOnly) {
            Transcript empty = Transcript.of(hash(negotiation));
            Optional<PskAcceptance> psk = PskAcceptance.select(config, ch, frame.wireBytes(), empty, negotiation, true);
            if (negotiation.clientShare().isPresent() || psk.isPresent()) {
                if (psk.map(PskAcceptance::earlyData).orElse(false)) {
                    out.skipEarlyData(false);
                }
                return ServerFlight.send(config, ch, negotiation, empty.add(frame.wireBytes()), false, psk, earlyData, out);
            }
        }
        // RFC 8446 §4.1.1: a PSK-only ClientHello whose PSK we cannot use leaves no group to ask for in a
        // HelloRetryRequest: nothing in common, handshake_failure.
        if (pskOnly) {
            throw TlsException.local(Violation.NO_COMMON_GROUP, "RFC 8446 §4.1.1: the PSK-only ClientHello's PSK is not "
                    + "accepted, and without supported_groups no full handshake is possible");
        }
        return helloRetryRequest(ch, frame, negotiation, out);
    }

    /**
     * RFC 8446 §4.1.4: "the server ... responds with a HelloRetryRequest" naming the group it wants
     * (key_share selected_group) and a cookie (§4.2.2) that carries everything the second
     * ClientHello is checked against, so the server keeps no state in between.
     */
    private HandshakeState helloRetryRequest(ClientHello ch, HandshakeFrame frame, Negotiation negotiation, HandshakeOutput out) {
        Opaque clientHello1Hash = Transcript.of(hash(negotiation)).add(frame.wireBytes()).currentHash();
        Cookie cookie = new HelloRetryCookie(clientHello1Hash, ch.random(), ch.legacySessionId(), negotiation.suite(),
                negotiation.group().orElseThrow(), negotiation.serverName(), negotiation.applicationProtocol(), config.clock().instant(),
                ch.extensions().contains(ExtensionType.EARLY_DATA)).seal(config.sealer());
        out.send(helloRetryRequest(ch.legacySessionId(), negotiation.suite(), negotiation.group().orElseThrow(), cookie));
        // RFC 8446 Appendix D.4: the server sends its dummy change_cipher_spec right after its first handshake
        // message when the client sent a non-empty session id.
        if (!ch.legacySessionId().isEmpty()) {
            out.sendChangeCipherSpec();
        }
        return new ExpectSecondClientHello(config);
    }

    /** The HelloRetryRequest for these values: rebuilt byte for byte from the cookie when ClientHello2 arrives. */
    static HelloRetryRequest helloRetryRequest(Opaque sessionId, CipherSuite suite, NamedGroup group, Cookie cookie) {
        return new HelloRetryRequest(ClientHello.LEGACY_VERSION, sessionId, suite.code(), 0,
                ExtensionBlock.of(ExtensionContext.HELLO_RETRY_REQUEST, SupportedVersionsServerHello.of(ProtocolVersion.TLS1_3),
                        KeyShareHelloRetryRequest.of(group), cookie));
    }

    /**
     * The server_name's host_name, checked as RFC 6066 §3 defines it (ASCII letters, digits and
     * hyphens in labels, no trailing dot, no IP literal); anything else is illegal_parameter. The
     * name is only compared and matched against certificates, never resolved.
     */
    static Optional<String> serverName(ClientHello ch) {
        Optional<String> name = ch.extensions().find(ServerName.class).flatMap(ServerName::hostName);
        name.ifPresent(n -> Expect.check(ServerName.isValidHostName(n), Violation.INVALID_SERVER_NAME,
                "RFC 6066 §3: server_name host_name is not an ASCII DNS host name (" + n.length() + " bytes)"));
        return name;
    }

    /**
     * RFC 8446 §4.2.9: "If clients offer "pre_shared_key" without a "psk_key_exchange_modes"
     * extension, servers MUST abort the handshake."
     */
    static void checkPskModes(ClientHello ch) {
        Expect.check(!ch.extensions().contains(ExtensionType.PRE_SHARED_KEY)
                        || ch.extensions().contains(ExtensionType.PSK_KEY_EXCHANGE_MODES),
                Violation.PSK_WITHOUT_KEY_EXCHANGE_MODES, "RFC 8446 §4.2.9: pre_shared_key without psk_key_exchange_modes");
    }

    /**
     * The version hand-off (RFC 8446 §4.2.1, Appendix D.2): with supported_versions, the highest
     * version listed there that we enable ("servers MUST only select a version of TLS present in that
     * extension"); without it, the client's legacy_version names its highest version, so 0x0303 or
     * above means TLS 1.2 at most. Nothing we enable in common → protocol_version; TLS 1.0 and 1.1
     * are never enabled (RFC 8996 §5: "MUST NOT negotiate TLS version 1.1"... "MUST abort").
     */
    static ProtocolVersion selectVersion(TlsConfig config, ClientHello ch) {
        // a. RFC 8446 Appendix D.2: "servers MUST abort the handshake with a "protocol_version" alert" for
        //    versions they do not support; no TLS stack speaks anything below TLS 1.0 (0x0301), and SSL 3.0 is
        //    forbidden (RFC 7568), so a legacy_version below 0x0301 names no version we could ever answer.
        if (ch.legacyVersion() < MIN_LEGACY_VERSION) {
            throw TlsException.local(Violation.UNSUPPORTED_VERSION, "RFC 8446 Appendix D.2: ClientHello legacy_version "
                    + String.format("0x%04x", ch.legacyVersion()) + " is below TLS 1.0 (0x0301)");
        }
        // b. RFC 8446 §4.2.1: "If this extension is present in the ClientHello, servers MUST NOT use the
        //    ClientHello.legacy_version value for version negotiation and MUST use only the "supported_versions"
        //    extension to determine client preferences."
        Optional<SupportedVersionsClientHello> listed = ch.extensions().find(SupportedVersionsClientHello.class);
        Optional<ProtocolVersion> chosen;
        if (listed.isPresent()) {
            chosen = config.versions().stream().map(VersionSupport::version)
                    .filter(v -> listed.get().versions().contains(v.code())).findFirst();
        } else {
            chosen = ch.legacyVersion() >= ProtocolVersion.TLS1_2.code() && config.enables(ProtocolVersion.TLS1_2)
                    ? Optional.of(ProtocolVersion.TLS1_2) : Optional.empty();
        }
        return chosen.orElseThrow(() -> TlsException.local(Violation.UNSUPPORTED_VERSION, "RFC 8446 §4.2.1: the ClientHello "
                + (listed.isPresent() ? "supported_versions lists " + Fields.hex16(listed.get().versions())
                        : "has no supported_versions and legacy_version " + String.format("0x%04x", ch.legacyVersion()))
                + "; this server speaks " + config.versions()));
    }

    /**
     * Fields TLS 1.3 fixes (RFC 8446 §4.1.2). legacy_version is not among them on the server side:
     * a client "MUST" send 0x0303, but once supported_versions lists TLS 1.3 the server uses only
     * that extension (§4.2.1), so 0x0301 or 0x0302 from an old-fashioned client still negotiates
     * TLS 1.3, as OpenSSL, JSSE and the conformance suites expect.
     */
    static void checkTls13Fields(ClientHello ch) {
        // RFC 8446 §4.1.2: "For every TLS 1.3 ClientHello, this vector MUST contain exactly one byte, set to
        //    zero ... If a TLS 1.3 ClientHello is received with any other value in this field, the server MUST
        //    abort the handshake with an "illegal_parameter" alert."
        Expect.check(ch.legacyCompressionMethods().equals(ClientHello.NULL_COMPRESSION), Violation.ILLEGAL_HELLO_FIELD,
                "RFC 8446 §4.1.2: legacy_compression_methods must be exactly [0], got " + ch.legacyCompressionMethods());
    }

    static dev.tlsworkbook.crypto.HashAlgorithm hash(Negotiation negotiation) {
        return negotiation.suite().hash().orElseThrow();
    }
}
