package dev.tlsworkbook.handshake.client;

import dev.tlsworkbook.config.ClientHelloContribution;
import dev.tlsworkbook.config.VersionSupport;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.DecapsulationKey;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.Cookie;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.Grease;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.KeyShareEntry;
import dev.tlsworkbook.handshake.extension.PostHandshakeAuth;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeMode;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeModes;
import dev.tlsworkbook.handshake.extension.RecordSizeLimit;
import dev.tlsworkbook.handshake.extension.ServerName;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithmsCert;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.extension.SupportedVersionsClientHello;
import dev.tlsworkbook.handshake.extension.UnknownExtension;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.handshake.extension.EarlyData;
import dev.tlsworkbook.handshake.extension.PreSharedKeyClientHello;
import dev.tlsworkbook.handshake.extension.PskIdentity;
import dev.tlsworkbook.handshake.resumption.CachedSession;
import dev.tlsworkbook.handshake.resumption.ClientSession;
import dev.tlsworkbook.handshake.resumption.SessionCache;
import dev.tlsworkbook.keyschedule.EarlySecret;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the client offered in its ClientHello (RFC 8446 §4.1.2) and the private halves of its key
 * shares: everything the later states check the server's choices against.
 *
 * @param hello the ClientHello as sent (the second one after a HelloRetryRequest)
 * @param shares our key pairs by group, in the order sent (Diffie-Hellman or KEM, see {@link dev.tlsworkbook.crypto.Kem})
 * @param serverName the host name sent in server_name, or the reference (an IP literal) for the
 *     certificate check; empty when the caller gave none
 * @param grease the GREASE values used (suite, group, first extension, last extension, version),
 *     kept so a second ClientHello reuses them; empty when GREASE is off
 * @param session the ticket offered in pre_shared_key (RFC 8446 §4.2.11), if any
 * @param earlyData whether this ClientHello offers early_data (RFC 8446 §4.2.10)
 * @param cacheKey where tickets from this server are filed ({@link SessionCache#key}); empty without a
 *     server name
 * @param contributions what the other enabled versions added to the ClientHello (GUIDE §6), with the
 *     sessions they offered
 * @since chapter04
 */
public record ClientOffer(ClientHello hello, Map<NamedGroup, DecapsulationKey> shares, Optional<String> serverName,
        List<Integer> grease, Optional<ClientSession> session, boolean earlyData, Optional<String> cacheKey,
        List<ClientHelloContribution> contributions) {
    /** An IPv4 or IPv6 literal: never sent as server_name (RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted"). */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    public ClientOffer {
        shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
        grease = List.copyOf(grease);
        contributions = List.copyOf(contributions);
    }

    /** The first ClientHello for {@code config}, connecting to {@code serverName} (may be null), without a ticket. */
    public static ClientOffer first(TlsConfig config, String serverName) {
        return first(config, serverName, -1, false);
    }

    /**
     * The first ClientHello to {@code serverName} on {@code port}, offering the newest ticket the
     * session cache holds for exactly that name and port (RFC 8446 §4.2.11, §4.6.1: never another
     * server's), and early_data when {@code wantEarlyData} and the ticket allows it (§4.2.10). The
     * ticket is taken out of the cache: each is used once (Appendix C.4).
     */
    public static ClientOffer first(TlsConfig config, String serverName, int port, boolean wantEarlyData) {
        Optional<String> cacheKey = Optional.ofNullable(serverName).map(n -> SessionCache.key(withoutTrailingDot(n), port));
        Optional<ClientSession> session = cacheKey.flatMap(k -> config.sessionCache().take(k, config.clock().instant()));
        Opaque random = randomBytes(config, 32);
        // What the older versions add (GUIDE §6, the version hand-off), computed once: a retry keeps it.
        List<ClientHelloContribution> contributions = new ArrayList<>();
        for (VersionSupport version : config.versions()) {
            contributions.add(version.contribution(config, cacheKey));
        }
        // RFC 8446 Appendix D.4: in compatibility mode "the client MUST send a non-empty legacy_session_id";
        // RFC 5077 §3.4: a client presenting a TLS 1.2 ticket "MAY generate and include a Session ID", whose echo
        // then shows the resumption.
        boolean offersOlderSession = contributions.stream().anyMatch(c -> c.session().isPresent());
        Opaque sessionId = config.middleboxCompatibility() || offersOlderSession ? randomBytes(config, 32) : Opaque.EMPTY;
        List<Integer> grease = config.grease() ? new Grease(config.random()).distinctValues(5) : List.of();
        Map<NamedGroup, DecapsulationKey> shares = new LinkedHashMap<>();
        // Key shares are TLS 1.3's (RFC 8446 §4.2.8); a client that offers only older versions sends none.
        if (config.enables(ProtocolVersion.TLS1_3)) {
            for (NamedGroup group : config.keyShareGroups()) {
                shares.put(group, config.kem(group).generate(config.random()));
            }
        }
        Optional<String> name = Optional.ofNullable(serverName).map(ClientOffer::withoutTrailingDot);
        // RFC 8446 §4.6.1: only a ticket whose suite we still offer can be used (its hash must match).
        Optional<ClientSession> usable = session.filter(s -> config.cipherSuites().contains(s.suite()));
        // RFC 8446 §4.2.10: 0-RTT needs a ticket that allows it.
        boolean earlyData = wantEarlyData && usable.map(s -> s.maxEarlyDataSize() > 0).orElse(false);
        ClientHello hello = build(config, random, sessionId, name, shares, grease, Optional.empty(), false, usable, earlyData,
                contributions);
        hello = bind(config, hello, usable, Optional.empty());
        return new ClientOffer(hello, shares, name, grease, usable, earlyData, cacheKey, contributions);
    }

    /**
     * RFC 8446 §4.2.11.2: the binder is an HMAC, keyed from the PSK, over the transcript up to this
     * ClientHello truncated before the binders list; {@code before} is message_hash and the
     * HelloRetryRequest after a retry.
     */
    static ClientHello bind(TlsConfig config, ClientHello hello, Optional<ClientSession> session,
            Optional<dev.tlsworkbook.keyschedule.Transcript> before) {
        if (session.isEmpty()) {
            return hello;
        }
        dev.tlsworkbook.crypto.HashAlgorithm hash = session.get().suite().hash().orElseThrow();
        Opaque truncated = hello.truncateForBinders(hello.frame().wireBytes());
        Opaque transcriptHash = before.orElse(dev.tlsworkbook.keyschedule.Transcript.of(hash)).hashWithTruncatedClientHello(truncated);
        Opaque binder = EarlySecret.fromPsk(hash, session.get().psk()).binder(EarlySecret.PskKind.RESUMPTION, transcriptHash);
        return hello.withBinders(List.of(binder));
    }

    /** The client_early_traffic_secret for this offer's 0-RTT data (RFC 8446 §7.1), over Hash(ClientHello). */
    public Optional<TrafficSecret> clientEarlyTrafficSecret() {
        if (!earlyData) {
            return Optional.empty();
        }
        dev.tlsworkbook.crypto.HashAlgorithm hash = session.orElseThrow().suite().hash().orElseThrow();
        Opaque helloHash = dev.tlsworkbook.keyschedule.Transcript.of(hash).add(hello.frame().wireBytes()).currentHash();
        return Optional.of(EarlySecret.fromPsk(hash, session.get().psk()).clientEarlyTrafficSecret(helloHash));
    }

    /**
     * The second ClientHello after a HelloRetryRequest (RFC 8446 §4.1.2): the same message except
     * that the key_share list is replaced by one share for {@code retryGroup} (if the server asked
     * for one) and the cookie is echoed.
     */
    public ClientOffer retry(TlsConfig config, Optional<NamedGroup> retryGroup, Optional<Cookie> cookie,
            CipherSuite retrySuite, dev.tlsworkbook.keyschedule.Transcript beforeSecond) {
        Map<NamedGroup, DecapsulationKey> newShares = new LinkedHashMap<>(shares);
        if (retryGroup.isPresent()) {
            newShares.clear();
            newShares.put(retryGroup.get(), config.kem(retryGroup.get()).generate(config.random()));
        }
        // RFC 8446 §4.1.2: the second ClientHello updates pre_shared_key (a new obfuscated_ticket_age and binder)
        // and "(optionally) remov[es] any PSKs which are incompatible with the server's indicated cipher suite";
        // early_data is removed (§4.2.10).
        Optional<ClientSession> kept = session.filter(s -> s.suite().hash().equals(retrySuite.hash()));
        ClientHello second = build(config, hello.random(), hello.legacySessionId(), serverName, newShares, grease, cookie,
                retryGroup.isPresent(), kept, false, contributions);
        second = bind(config, second, kept, Optional.of(beforeSecond));
        return new ClientOffer(second, newShares, serverName, grease, kept, false, cacheKey, contributions);
    }

    /** The sessions the other versions' contributions offered to resume. */
    public List<CachedSession> offeredOlderSessions() {
        return contributions.stream().flatMap(c -> c.session().stream()).toList();
    }

    /** The extension types we sent: the only ones a server may answer (RFC 8446 §4.2). */
    public List<Integer> offeredExtensions() {
        return hello.extensions().types();
    }

    /** The schemes we accept in CertificateVerify: those of signature_algorithms TLS 1.3 allows there (RFC 8446 §4.4.3). */
    public static List<SignatureScheme> certificateVerifySchemes(TlsConfig config) {
        return config.signatureSchemes().stream().filter(SignatureScheme::allowedInTls13CertificateVerify).toList();
    }

    /** True when the host name is an IP literal, which server_name must not carry. */
    public static boolean isIpLiteral(String host) {
        return IP_LITERAL.matcher(host).matches();
    }

    private static ClientHello build(TlsConfig config, Opaque random, Opaque sessionId, Optional<String> serverName,
            Map<NamedGroup, DecapsulationKey> shares, List<Integer> grease, Optional<Cookie> cookie, boolean singleShare,
            Optional<ClientSession> session, boolean earlyData, List<ClientHelloContribution> contributions) {
        boolean g = !grease.isEmpty();
        List<Integer> suites = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        List<KeyShareEntry> keyShares = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        if (g) {
            // RFC 8701 §3.1: GREASE values in cipher_suites, supported_groups, key_share (one byte of key
            // exchange) and supported_versions, so servers that fail on unknown values are found.
            suites.add(grease.get(0));
            groups.add(grease.get(1));
            if (!singleShare) {
                // RFC 8446 §4.1.2: after a HelloRetryRequest naming a group, the list holds that one share only.
                keyShares.add(new KeyShareEntry(grease.get(1), Opaque.of(new byte[] {0})));
            }
            versions.add(grease.get(4));
        }
        boolean tls13 = config.enables(ProtocolVersion.TLS1_3);
        config.cipherSuites().forEach(s -> suites.add(s.code()));
        // The hybrid groups exist only in TLS 1.3 (draft-ietf-tls-hybrid-design §1: "hybrid key exchange in TLS 1.3"):
        // a client without TLS 1.3 does not offer them, or a TLS 1.2 server could pick one its ECDHE cannot use.
        config.groups().stream().filter(n -> tls13 || n.kind() != NamedGroup.Kind.HYBRID_KEM)
                .forEach(n -> groups.add(n.code()));
        shares.forEach((group, kx) -> keyShares.add(KeyShareEntry.of(group, kx.publicKey())));
        // RFC 8446 §4.2.1: every enabled version, highest first (the config keeps them in that order).
        config.versions().forEach(v -> versions.add(v.version().code()));
        // What the older versions add: their signalling suites and extensions (GUIDE §6, the version hand-off).
        List<Extension> contributed = new ArrayList<>();
        for (ClientHelloContribution contribution : contributions) {
            suites.addAll(contribution.cipherSuiteCodes());
            contributed.addAll(contribution.extensions());
        }

        List<Extension> extensions = new ArrayList<>();
        if (g) {
            extensions.add(new UnknownExtension(grease.get(2), Opaque.EMPTY));
        }
        serverName.filter(n -> !isIpLiteral(n)).ifPresent(n -> extensions.add(ServerName.of(n)));
        extensions.add(new SupportedGroups(groups));
        if (tls13) {
            extensions.add(new KeyShareClientHello(keyShares));
        }
        // RFC 8446 §4.2.1: "Implementations of this specification MUST send this extension in the ClientHello
        // containing all versions of TLS which they are prepared to negotiate": a client that does not offer
        // TLS 1.3 sends the plain TLS 1.2 ClientHello, its version in legacy_version alone.
        if (tls13) {
            extensions.add(new SupportedVersionsClientHello(versions));
        }
        extensions.add(new SignatureAlgorithms(signatureAlgorithms(config)));
        // RFC 8446 §4.2.3: the schemes we accept in certificates, rsa_pkcs1 included, as their own list.
        extensions.add(new SignatureAlgorithmsCert(signatureAlgorithms(config)));
        // RFC 8446 §4.2.9: offered always with TLS 1.3, so a server may send tickets; psk_dhe_ke only, so a resumed
        // connection keeps forward secrecy. TLS 1.2 has no PSK modes.
        if (tls13) {
            extensions.add(PskKeyExchangeModes.of(PskKeyExchangeMode.PSK_DHE_KE));
        }
        extensions.addAll(contributed);
        if (!config.alpnProtocols().isEmpty()) {
            extensions.add(ApplicationLayerProtocolNegotiation.of(config.alpnProtocols().toArray(String[]::new)));
        }
        // RFC 8449 §4: "Endpoints SHOULD advertise the "record_size_limit" extension, even if they have no need to
        // limit the size of records" (so the server may state its own).
        extensions.add(new RecordSizeLimit(config.recordSizeLimit()));
        // RFC 8446 §4.2.6: a client with a certificate is willing to authenticate after the handshake (TLS 1.3 only).
        if (tls13 && !config.certificates().isEmpty()) {
            extensions.add(new PostHandshakeAuth());
        }
        cookie.ifPresent(extensions::add);
        if (g) {
            extensions.add(new UnknownExtension(grease.get(3), Opaque.of(new byte[] {0})));
        }
        if (earlyData) {
            extensions.add(new EarlyData());
        }
        List<Extension> laidOut = new ArrayList<>(config.clientHelloLayout().apply(List.copyOf(extensions)));
        session.ifPresent(s -> {
            // RFC 8446 §4.2.11: last of all; the binder is a placeholder of the right length until bind().
            Instant now = config.clock().instant();
            laidOut.add(new PreSharedKeyClientHello(List.of(new PskIdentity(s.ticket(), s.obfuscatedTicketAge(now))),
                    List.of(Opaque.filled(s.suite().hash().orElseThrow().length(), 0))));
        });
        return new ClientHello(ClientHello.LEGACY_VERSION, random, sessionId, suites, ClientHello.NULL_COMPRESSION,
                new ExtensionBlock(ExtensionContext.CLIENT_HELLO, laidOut));
    }

    /**
     * signature_algorithms: our CertificateVerify schemes, then rsa_pkcs1_* which RFC 8446 §4.2.3
     * allows "solely to signatures which appear in certificates" (most CA-issued RSA chains).
     */
    private static List<Integer> signatureAlgorithms(TlsConfig config) {
        List<Integer> codes = new ArrayList<>();
        config.signatureSchemes().forEach(s -> codes.add(s.code()));
        for (SignatureScheme pkcs1 : List.of(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
                SignatureScheme.RSA_PKCS1_SHA512)) {
            if (!codes.contains(pkcs1.code())) {
                codes.add(pkcs1.code());
            }
        }
        return codes;
    }

    private static Opaque randomBytes(TlsConfig config, int n) {
        byte[] bytes = new byte[n];
        config.random().nextBytes(bytes);
        return Opaque.of(bytes);
    }

    private static String withoutTrailingDot(String host) {
        // RFC 6066 §3: "The hostname is represented as a byte string ... without a trailing dot."
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** The suite with this code, if we offered it. */
    public Optional<CipherSuite> offeredSuite(TlsConfig config, int code) {
        return config.cipherSuites(ProtocolVersion.TLS1_3).stream().filter(s -> s.code() == code).findFirst();
    }
}
