package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.extension.Cookie;
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
 * second ClientHello must be the first one with the share we asked for and our cookie.
 *
 * @since chapter04
 */
public final class ExpectSecondClientHello implements HandshakeState {
    private final TlsConfig config;
    private final ClientHello first;
    private final Negotiation negotiation;
    private final Cookie cookie;
    private final Transcript transcript;
    private final boolean changeCipherSpecSent;

    ExpectSecondClientHello(TlsConfig config, ClientHello first, Negotiation negotiation, Cookie cookie,
            Transcript transcript, boolean changeCipherSpecSent) {
        this.config = config;
        this.first = first;
        this.negotiation = negotiation;
        this.cookie = cookie;
        this.transcript = transcript;
        this.changeCipherSpecSent = changeCipherSpecSent;
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        ClientHello ch = Expect.message(frame, HandshakeType.CLIENT_HELLO, name(), ClientHello::decode, out);
        // RFC 8446 §4.1.4: a HelloRetryRequest fixes TLS 1.3; the second ClientHello must still offer it.
        Expect.check(ExpectClientHello.selectVersion(config, ch) == dev.tlsworkbook.record.ProtocolVersion.TLS1_3,
                Violation.ILLEGAL_SECOND_CLIENT_HELLO, "RFC 8446 §4.1.4: the second ClientHello no longer offers TLS 1.3");
        ExpectClientHello.checkTls13Fields(ch);
        // RFC 8446 §4.1.2: the client "MUST send the same ClientHello without modification, except" the key
        // shares, early_data, the cookie, pre_shared_key and padding. We check what we rely on.
        String rule = "RFC 8446 §4.1.2: the second ClientHello ";
        // 1. same random, session id and cipher suites
        Expect.check(ch.random().equals(first.random()), Violation.ILLEGAL_SECOND_CLIENT_HELLO, rule + "changed random");
        Expect.check(ch.legacySessionId().equals(first.legacySessionId()), Violation.ILLEGAL_SECOND_CLIENT_HELLO,
                rule + "changed legacy_session_id");
        Expect.check(ch.cipherSuites().equals(first.cipherSuites()), Violation.ILLEGAL_SECOND_CLIENT_HELLO,
                rule + "changed cipher_suites");
        // 2. RFC 8446 §4.2.2: "When sending the new ClientHello, the client MUST copy the contents of the
        //    extension received in the HelloRetryRequest into a "cookie" extension".
        Expect.check(ch.extensions().find(Cookie.class).equals(Optional.of(cookie)), Violation.ILLEGAL_SECOND_CLIENT_HELLO,
                rule + "does not echo our cookie");
        // 3. RFC 8446 §4.1.2: "If a "key_share" extension was supplied in the HelloRetryRequest, replacing the
        //    list of shares with a list containing a single KeyShareEntry from the indicated group."
        Optional<KeyShareClientHello> shares = ch.extensions().find(KeyShareClientHello.class);
        Expect.check(shares.map(s -> s.clientShares().size() == 1 && s.shareFor(negotiation.group()).isPresent()).orElse(false),
                Violation.ILLEGAL_SECOND_CLIENT_HELLO, rule + "must carry exactly one key share, for " + negotiation.group());
        // 4. RFC 8446 §4.2.10: "A client MUST NOT include the "early_data" extension in its followup ClientHello."
        Expect.check(!ch.extensions().contains(dev.tlsworkbook.handshake.extension.ExtensionType.EARLY_DATA),
                Violation.ILLEGAL_SECOND_CLIENT_HELLO, rule + "offers early_data");
        Negotiation again = Negotiation.of(config, ch);
        Expect.check(again.suite() == negotiation.suite() && again.group() == negotiation.group(),
                Violation.ILLEGAL_SECOND_CLIENT_HELLO, rule + "changed what was negotiated");
        return ServerFlight.send(config, ch, again, transcript.add(frame.wireBytes()), changeCipherSpecSent, out);
    }
}
