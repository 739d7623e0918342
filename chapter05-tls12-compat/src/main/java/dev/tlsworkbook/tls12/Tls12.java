package dev.tlsworkbook.tls12;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.ClientHelloContribution;
import dev.tlsworkbook.config.SentClientHello;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.config.VersionHandoff;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.negotiation.FallbackScsv;
import dev.tlsworkbook.negotiation.Tls12Options;
import dev.tlsworkbook.negotiation.Tls12Suites;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.client.Tls12ClientStart;
import dev.tlsworkbook.tls12.message.EcPointFormats;
import dev.tlsworkbook.tls12.message.RenegotiationInfo;
import dev.tlsworkbook.tls12.message.SessionTicket;
import dev.tlsworkbook.tls12.message.Tls12Extension;
import dev.tlsworkbook.tls12.resumption.Tls12ClientSession;
import dev.tlsworkbook.tls12.server.Tls12ServerStart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TLS 1.2 (RFC 5246) as a registered version: {@code TlsConfig.builder().versions(Tls13.support(),
 * Tls12.support())}. Plugs chapter05's states into chapter04's version hand-off (GUIDE §6) and adds
 * TLS 1.2's fields to the one ClientHello: renegotiation_info (RFC 5746), extended_master_secret
 * (RFC 7627), ec_point_formats (RFC 8422) and, on request, TLS_FALLBACK_SCSV (RFC 7507).
 *
 * @since chapter05
 */
public final class Tls12 implements VersionHandoff {
    private static final Tls12 DEFAULT = new Tls12(Tls12Options.DEFAULTS);

    private final Tls12Options options;

    private Tls12(Tls12Options options) {
        this.options = options;
    }

    /** TLS 1.2 with the defaults: EMS offered and used, not required. */
    public static Tls12 support() {
        return DEFAULT;
    }

    /** TLS 1.2 with {@code options}. */
    public static Tls12 support(Tls12Options options) {
        return new Tls12(options);
    }

    /** The suites and versions a configuration needs for both versions: TLS 1.3's three, then our six TLS 1.2 suites. */
    public static List<CipherSuite> allSuites() {
        List<CipherSuite> all = new ArrayList<>(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256));
        all.addAll(Tls12Suites.DEFAULT);
        return List.copyOf(all);
    }

    /**
     * Chapter 5's defaults on {@code config}: TLS 1.3 and TLS 1.2 enabled, every suite of both we
     * implement ({@link #allSuites()}); the rest of chapter 4's defaults stay.
     */
    public static TlsConfig.Builder bothVersions(TlsConfig.Builder config) {
        return config.versions(dev.tlsworkbook.config.Tls13.support(), support()).cipherSuites(allSuites());
    }

    public Tls12Options options() {
        return options;
    }

    @Override
    public ProtocolVersion version() {
        return ProtocolVersion.TLS1_2;
    }

    @Override
    public boolean supportsSuite(CipherSuite suite) {
        return Tls12Suites.isSupported(suite);
    }

    @Override
    public ClientHelloContribution contribution(TlsConfig config) {
        List<Extension> extensions = List.of(
                // RFC 5746 §3.4: the empty extension signals secure renegotiation (instead of the SCSV).
                RenegotiationInfo.INITIAL.toExtension().toClientHelloExtension(),
                // RFC 7627 §5.1: "clients SHOULD send" it in every ClientHello.
                Tls12Extension.of(ExtensionType.EXTENDED_MASTER_SECRET, Opaque.EMPTY).toClientHelloExtension(),
                // RFC 8422 §5.1: uncompressed points only.
                EcPointFormats.OURS.toExtension().toClientHelloExtension());
        return new ClientHelloContribution(options.fallback() ? List.of(FallbackScsv.CODE) : List.of(), extensions);
    }

    /**
     * The contribution plus RFC 5077's session_ticket extension when the client keeps sessions for
     * this server: empty ("prepared to receive" a ticket, §3.2), or the ticket of the newest TLS 1.2
     * session cached for exactly this server name and port, taken out of the cache. Only a session
     * with RFC 7627's extended master secret is offered (§5.3: the client "SHOULD NOT offer an
     * abbreviated handshake to resume a session that does not use an extended master secret"),
     * and only while we still enable its suite (RFC 5246 §7.4.1.2).
     */
    @Override
    public ClientHelloContribution contribution(TlsConfig config, Optional<String> cacheKey) {
        ClientHelloContribution base = contribution(config);
        if (cacheKey.isEmpty() || config.sessionCache().capacity() == 0) {
            return base;
        }
        Optional<Tls12ClientSession> session = config.sessionCache()
                .take(cacheKey.get(), config.clock().instant(), Tls12ClientSession.class)
                .filter(s -> s.extendedMasterSecret() && config.cipherSuites(ProtocolVersion.TLS1_2).contains(s.suite()));
        SessionTicket ticket = session.map(s -> new SessionTicket(s.ticket())).orElse(SessionTicket.EMPTY);
        List<Extension> extensions = new ArrayList<>(base.extensions());
        extensions.add(ticket.toExtension().toClientHelloExtension());
        return new ClientHelloContribution(base.cipherSuiteCodes(), extensions, session.map(s -> s));
    }

    @Override
    public HandshakeState serverHandshake(TlsConfig config, ClientHello hello, HandshakeFrame frame, HandshakeOutput out) {
        return Tls12ServerStart.onClientHello(config, options, hello, frame, out);
    }

    @Override
    public HandshakeState clientHandshake(TlsConfig config, SentClientHello sent, HandshakeFrame serverHello,
            HandshakeOutput out) {
        return Tls12ClientStart.onServerHello(config, options, sent, serverHello, out);
    }

    @Override
    public String toString() {
        return "TLS 1.2";
    }
}
