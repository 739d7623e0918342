package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.extension.Cookie;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.Transcript;
import java.util.Optional;

/**
 * Server, after a HelloRetryRequest (RFC 8446 §4.1.4, Appendix A.2 WAIT_CH2... as RECVD_CH): the
 * second ClientHello must be the first one with the share we asked for and our cookie. The state
 * holds nothing but the configuration: everything the second ClientHello is checked against comes
 * back inside the cookie ({@link HelloRetryCookie}), sealed by us, so a server could hand the
 * connection to another process in between.
 *
 * @since chapter04
 */
public final class ExpectSecondClientHello implements HandshakeState {
    private final TlsConfig config;

    ExpectSecondClientHello(TlsConfig config) {
        this.config = config;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        ClientHello ch = Expect.message(frame, HandshakeType.CLIENT_HELLO, name(), ClientHello::decode, out);
        // RFC 8446 §4.2.10: skipping undecryptable records applies only while the ClientHello being answered
        // offered early data; this one may not (check 4), so from here a record that fails to open is
        // bad_record_mac.
        out.skipEarlyData(false);
        // RFC 8446 §4.1.4: a HelloRetryRequest fixes TLS 1.3; the second ClientHello must still offer it.
        Expect.check(ExpectClientHello.selectVersion(config, ch) == dev.tlsworkbook.record.ProtocolVersion.TLS1_3,
                Violation.ILLEGAL_SECOND_CLIENT_HELLO, "RFC 8446 §4.1.4: the second ClientHello no longer offers TLS 1.3");
        ExpectClientHello.checkTls13Fields(ch);
        String rule = "RFC 8446 §4.1.2: the second ClientHello ";
        // 1. RFC 8446 §4.2.2: "When sending the new ClientHello, the client MUST copy the contents of the
        //    extension received in the HelloRetryRequest into a "cookie" extension"; and it must be ours, intact
        //    and fresh.
        Cookie echoed = ch.extensions().find(Cookie.class).orElseThrow(() ->
                TlsException.local(Violation.ILLEGAL_SECOND_CLIENT_HELLO, rule + "does not echo our cookie"));
        HelloRetryCookie cookie = HelloRetryCookie.open(config.sealer(), echoed, config.clock().instant()).orElseThrow(() ->
                TlsException.local(Violation.BAD_COOKIE, "RFC 8446 §4.2.2: the cookie is not one we issued, was altered or has expired"));
        // 2. The cookie belongs to this ClientHello: same random and session id (§4.1.2 "without modification"),
        //    so a cookie taken from another connection is refused.
        Expect.check(ch.random().equals(cookie.random()), Violation.BAD_COOKIE,
                "RFC 8446 §4.2.2: the cookie was issued for another ClientHello (random differs)");
        Expect.check(ch.legacySessionId().equals(cookie.legacySessionId()), Violation.ILLEGAL_SECOND_CLIENT_HELLO,
                rule + "changed legacy_session_id");
        // 3. RFC 8446 §4.1.2: the server_name is not among what may change; the certificate is chosen from it.
        Optional<String> serverName = ExpectClientHello.serverName(ch);
        Expect.check(serverName.equals(cookie.serverName()), Violation.ILLEGAL_SECOND_CLIENT_HELLO,
                rule + "changed server_name");
        serverName.ifPresent(out::serverName);
        // 4. RFC 8446 §4.2.10: "A client MUST NOT include the "early_data" extension in its followup ClientHello."
        Expect.check(!ch.extensions().contains(ExtensionType.EARLY_DATA), Violation.ILLEGAL_SECOND_CLIENT_HELLO,
                rule + "offers early_data");
        // 5. RFC 8446 §4.2.9: pre_shared_key needs psk_key_exchange_modes here too.
        ExpectClientHello.checkPskModes(ch);
        // 6. RFC 8446 §4.1.2: "If a "key_share" extension was supplied in the HelloRetryRequest, replacing the
        //    list of shares with a list containing a single KeyShareEntry from the indicated group."
        Optional<KeyShareClientHello> shares = ch.extensions().find(KeyShareClientHello.class);
        Expect.check(shares.map(s -> s.clientShares().size() == 1 && s.shareFor(cookie.group()).isPresent()).orElse(false),
                Violation.ILLEGAL_SECOND_CLIENT_HELLO, rule + "must carry exactly one key share, for " + cookie.group());
        // 7. The same suite, group and application protocol come out of it (§4.1.4: the ServerHello's suite is the
        //    HelloRetryRequest's).
        Negotiation again = Negotiation.of(config, ch);
        Expect.check(again.suite() == cookie.suite() && again.group().equals(Optional.of(cookie.group())),
                Violation.ILLEGAL_SECOND_CLIENT_HELLO, rule + "changed what was negotiated");
        Expect.check(again.applicationProtocol().equals(cookie.applicationProtocol()), Violation.ILLEGAL_SECOND_CLIENT_HELLO,
                rule + "changed application_layer_protocol_negotiation");
        // RFC 8446 §4.4.1: message_hash(Hash(ClientHello1)), then the HelloRetryRequest as we sent it.
        Transcript beforeSecond = Transcript.of(cookie.suite().hash().orElseThrow())
                .add(Transcript.messageHash(cookie.suite().hash().orElseThrow(), cookie.clientHello1Hash()))
                .add(ExpectClientHello.helloRetryRequest(cookie.legacySessionId(), cookie.suite(), cookie.group(), echoed)
                        .frame().wireBytes());
        Optional<PskAcceptance> psk = PskAcceptance.select(config, ch, frame.wireBytes(), beforeSecond, again, false);
        return ServerFlight.send(config, ch, again, beforeSecond.add(frame.wireBytes()), !ch.legacySessionId().isEmpty(),
                psk, cookie.earlyDataOffered(), out);
    }
}
