package dev.tlsworkbook.config;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.DhKem;
import dev.tlsworkbook.crypto.Kem;
import dev.tlsworkbook.crypto.KeyExchange;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.Kems;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.RecordSizeLimit;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeDeframer;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.handshake.resumption.ServerTickets;
import dev.tlsworkbook.handshake.resumption.SessionCache;
import dev.tlsworkbook.session.AntiReplay;
import dev.tlsworkbook.session.TicketKeys;
import dev.tlsworkbook.session.TicketSealer;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Everything a connection is configured with, immutable and built with {@link #builder()}. The
 * defaults are the safe ones: the three TLS 1.3 AEAD suites, the post-quantum hybrid groups
 * first (X25519MLKEM768 with a key share, as browsers send it, beside one for x25519), then the
 * four ECDHE groups, the signature schemes RFC 8446 §4.2.3 allows for CertificateVerify, PKIX
 * verification against the JDK's CA store, GREASE and middlebox compatibility on, key log off; a
 * server sends two stateless tickets (one day, keys rotated every 12 hours) and accepts
 * psk_dhe_ke only; 0-RTT is off until {@link Builder#maxEarlyDataSize} is set.
 *
 * @since chapter04
 */
public final class TlsConfig {
    /**
     * Default for {@link #maxEarlyDataSkip()}: 64 KiB. RFC 8446 §4.2.10 says a server that rejects
     * 0-RTT skips the client's early records "up to the configured max_early_data_size"; we never
     * advertise one (no tickets yet), so the limit only has to cover what real clients send in a
     * first flight (browsers cap 0-RTT at a few records) while bounding the work an attacker can
     * make us do with undecryptable records: four full 16 KiB records.
     */
    public static final int DEFAULT_MAX_EARLY_DATA_SKIP = 4 * 16384;
    /** Default for {@link #ticketCount()}: two tickets, so a client can open two resumed connections at once. */
    public static final int DEFAULT_TICKET_COUNT = 2;
    /** Default for {@link #ticketLifetime()}: one day (RFC 8446 §4.6.1 caps it at seven). */
    public static final Duration DEFAULT_TICKET_LIFETIME = Duration.ofDays(1);
    /** Default for {@link #ticketAgeTolerance()}: ±10 seconds (RFC 8446 §8.3 leaves the window to the server). */
    public static final Duration DEFAULT_TICKET_AGE_TOLERANCE = Duration.ofSeconds(10);

    /**
     * Default for {@link #maxClientHelloSize()}: {@link ClientHello#MAX_LENGTH}, the largest legal
     * ClientHello (131,396 bytes), so no well-formed ClientHello is refused for its size; other
     * handshake messages keep the 64 KiB limit.
     */
    public static final int DEFAULT_MAX_CLIENT_HELLO_SIZE = ClientHello.MAX_LENGTH;

    /**
     * Default for {@link #maxPeerListEntries()}: 512. Real ClientHellos offer a few dozen suites,
     * groups and schemes (browsers about 20 each, with GREASE); 512 leaves room for any honest
     * client while a 64 KB list of 32,767 codes is matched on its first 512 only.
     */
    public static final int DEFAULT_MAX_PEER_LIST_ENTRIES = 512;

    /**
     * Default for {@link #maxBufferedPlaintext()}: 64 KiB, four full records. Enough for an
     * application that reads in 8 KiB or 16 KiB steps never to wait on the engine; small enough
     * that 1,000 connections whose peers send and whose applications do not read hold 64 MiB,
     * not whatever the peers chose to send.
     */
    public static final int DEFAULT_MAX_BUFFERED_PLAINTEXT = 4 * 16384;
    /** The smallest {@link #maxBufferedPlaintext()}: one full record must fit (RFC 8446 §5.1: 2^14 bytes). */
    public static final int MIN_MAX_BUFFERED_PLAINTEXT = 16384;

    /**
     * Default for {@link #keyUpdateMargin()}: our KeyUpdate goes out when 1,024 records remain
     * under the current write key, well before the RFC 8446 §5.5 limit, so the KeyUpdate record
     * itself and any alert can still be sealed.
     */
    public static final long DEFAULT_KEY_UPDATE_MARGIN = 1024;

    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final List<NamedGroup> keyShareGroups;
    private final List<SignatureScheme> signatureSchemes;
    private final List<String> alpnProtocols;
    private final TrustPolicy configuredTrustPolicy;
    private volatile TrustPolicy defaultTrustPolicy;
    private final List<CertifiedKey> certificates;
    private final KeyLog keyLog;
    private final TraceListener traceListener;
    private final SecureRandom random;
    private final Clock clock;
    private final boolean grease;
    private final boolean middleboxCompatibility;
    private final int maxHandshakeMessageSize;
    private final int maxClientHelloSize;
    private final int maxPeerListEntries;
    private final int maxEarlyDataSkip;
    private final int maxBufferedPlaintext;
    private final BiFunction<NamedGroup, SecureRandom, KeyExchange> keyExchangeFactory;
    private final ClientAuthMode clientAuth;
    private final int recordSizeLimit;
    private final long recordsPerKey;
    private final long keyUpdateMargin;
    private final List<VersionSupport> versions;
    private final int ticketCount;
    private final Duration ticketLifetime;
    private final Duration ticketAgeTolerance;
    private final boolean allowPskKe;
    private final long maxEarlyDataSize;
    private final TicketSealer sealer;
    private final ServerTickets serverTickets;
    private final AntiReplay antiReplay;
    private final SessionCache sessionCache;
    private final List<NamedGroup> announcedGroups;
    private final UnaryOperator<List<Extension>> clientHelloLayout;
    private final List<Integer> certificateRequestSignatureAlgorithms;

    private TlsConfig(Builder b) {
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.groups = List.copyOf(b.groups);
        this.keyShareGroups = List.copyOf(b.keyShareGroups);
        this.signatureSchemes = List.copyOf(b.signatureSchemes);
        this.alpnProtocols = List.copyOf(b.alpnProtocols);
        this.configuredTrustPolicy = b.trustPolicy;
        this.certificates = List.copyOf(b.certificates);
        this.keyLog = b.keyLog;
        this.traceListener = b.traceListener;
        this.random = b.random;
        this.clock = b.clock;
        this.grease = b.grease;
        this.middleboxCompatibility = b.middleboxCompatibility;
        this.maxHandshakeMessageSize = b.maxHandshakeMessageSize;
        this.maxClientHelloSize = b.maxClientHelloSize;
        this.maxPeerListEntries = b.maxPeerListEntries;
        this.maxEarlyDataSkip = b.maxEarlyDataSkip;
        this.maxBufferedPlaintext = b.maxBufferedPlaintext;
        this.keyExchangeFactory = b.keyExchangeFactory;
        this.clientAuth = b.clientAuth;
        this.recordSizeLimit = b.recordSizeLimit;
        this.recordsPerKey = b.recordsPerKey;
        this.keyUpdateMargin = b.keyUpdateMargin;
        this.versions = List.copyOf(b.versions);
        check(!versions.isEmpty(), "at least one protocol version");
        check(versions.stream().map(VersionSupport::version).distinct().count() == versions.size(),
                "each protocol version once: " + versions);
        this.ticketCount = b.ticketCount;
        this.ticketLifetime = b.ticketLifetime;
        this.ticketAgeTolerance = b.ticketAgeTolerance;
        this.allowPskKe = b.allowPskKe;
        this.maxEarlyDataSize = b.maxEarlyDataSize;
        this.sealer = b.sealer;
        this.serverTickets = b.serverTickets;
        this.antiReplay = b.antiReplay;
        this.sessionCache = b.sessionCache;
        this.announcedGroups = List.copyOf(b.announcedGroups);
        this.clientHelloLayout = b.clientHelloLayout;
        this.certificateRequestSignatureAlgorithms = List.copyOf(b.certificateRequestSignatureAlgorithms);
        check(!cipherSuites.isEmpty(), "at least one cipher suite");
        for (CipherSuite suite : cipherSuites) {
            check(versions.stream().anyMatch(v -> v.supportsSuite(suite)),
                    suite + " is not an implemented suite of the enabled versions " + versions);
        }
        check(!groups.isEmpty(), "at least one group");
        for (NamedGroup group : groups) {
            check(Kems.supports(group), "no key exchange for " + group);
        }
        // Only a client sends key shares; a server configuration may list fewer groups than the default shares.
        check(!b.keyShareGroupsSet || groups.containsAll(keyShareGroups),
                "key share groups " + keyShareGroups + " must be among groups " + groups);
        check(!signatureSchemes.isEmpty(), "at least one signature scheme");
        for (String protocol : alpnProtocols) {
            check(!protocol.isEmpty() && protocol.length() <= 255, "ALPN protocol names are 1..255 bytes: " + protocol);
        }
        check(maxHandshakeMessageSize > 0 && maxHandshakeMessageSize <= 0xffffff, "maxHandshakeMessageSize must be a uint24");
        check(maxClientHelloSize > 0 && maxClientHelloSize <= 0xffffff, "maxClientHelloSize must be a uint24");
        check(maxPeerListEntries > 0, "maxPeerListEntries must be positive");
        check(maxEarlyDataSkip >= 0, "maxEarlyDataSkip must not be negative");
        check(recordSizeLimit >= RecordSizeLimit.MIN && recordSizeLimit <= RecordSizeLimit.TLS13_MAX,
                "RFC 8449 §4: recordSizeLimit is 64..2^14+1 in TLS 1.3");
        check(recordsPerKey > 0 || recordsPerKey == -1, "recordsPerKey must be positive (or -1: the AEAD's limit)");
        check(keyUpdateMargin >= 0, "keyUpdateMargin must not be negative");
        check(ticketCount >= 0 && ticketCount <= 16, "ticketCount must be 0..16");
        // RFC 8446 §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)."
        check(!ticketLifetime.isNegative() && ticketLifetime.getSeconds() <= NewSessionTicket.MAX_LIFETIME_SECONDS,
                "ticketLifetime must be 0..7 days");
        check(!ticketAgeTolerance.isNegative(), "ticketAgeTolerance must not be negative");
        check(maxEarlyDataSize >= 0 && maxEarlyDataSize <= 0xffffffffL, "maxEarlyDataSize must be a uint32");
        check(maxBufferedPlaintext >= MIN_MAX_BUFFERED_PLAINTEXT,
                "maxBufferedPlaintext must hold one full record (" + MIN_MAX_BUFFERED_PLAINTEXT + " bytes)");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cipherSuites = cipherSuites;
        b.groups = groups;
        b.keyShareGroups = keyShareGroups;
        b.signatureSchemes = signatureSchemes;
        b.alpnProtocols = alpnProtocols;
        b.trustPolicy = configuredTrustPolicy;
        b.certificates = certificates;
        b.keyLog = keyLog;
        b.traceListener = traceListener;
        b.random = random;
        b.clock = clock;
        b.grease = grease;
        b.middleboxCompatibility = middleboxCompatibility;
        b.maxHandshakeMessageSize = maxHandshakeMessageSize;
        b.maxClientHelloSize = maxClientHelloSize;
        b.maxPeerListEntries = maxPeerListEntries;
        b.maxEarlyDataSkip = maxEarlyDataSkip;
        b.maxBufferedPlaintext = maxBufferedPlaintext;
        b.keyExchangeFactory = keyExchangeFactory;
        b.clientAuth = clientAuth;
        b.recordSizeLimit = recordSizeLimit;
        b.recordsPerKey = recordsPerKey;
        b.keyUpdateMargin = keyUpdateMargin;
        b.versions = versions;
        b.ticketCount = ticketCount;
        b.ticketLifetime = ticketLifetime;
        b.ticketAgeTolerance = ticketAgeTolerance;
        b.allowPskKe = allowPskKe;
        b.maxEarlyDataSize = maxEarlyDataSize;
        b.sealer = sealer;
        b.serverTickets = serverTickets;
        b.antiReplay = antiReplay;
        b.sessionCache = sessionCache;
        b.announcedGroups = announcedGroups;
        b.clientHelloLayout = clientHelloLayout;
        b.certificateRequestSignatureAlgorithms = certificateRequestSignatureAlgorithms;
        return b;
    }

    /** The enabled protocol versions, highest first (default: TLS 1.3 only). */
    public List<VersionSupport> versions() {
        return versions;
    }

    /** True if {@code version} is enabled. */
    public boolean enables(ProtocolVersion version) {
        return versions.stream().anyMatch(v -> v.version() == version);
    }

    /** The hand-off registered for {@code version}, if that version is enabled and is not TLS 1.3. */
    public Optional<VersionHandoff> handoff(ProtocolVersion version) {
        return versions.stream().filter(v -> v.version() == version).filter(VersionHandoff.class::isInstance)
                .map(VersionHandoff.class::cast).findFirst();
    }

    /** The configured suites that belong to {@code version}, in preference order. */
    public List<CipherSuite> cipherSuites(ProtocolVersion version) {
        return cipherSuites.stream().filter(s -> s.version().orElse(null) == version).toList();
    }

    /** Offered (client) or accepted (server) suites, in preference order. */
    public List<CipherSuite> cipherSuites() {
        return cipherSuites;
    }

    /**
     * supported_groups, in preference order (RFC 8446 §4.2.7). A server takes the first of these
     * that the client sent a key share for, else the first the client supports (with a
     * HelloRetryRequest). The default puts the hybrids first, so a server picks X25519MLKEM768 over
     * x25519 when a client such as a browser sends shares for both.
     */
    public List<NamedGroup> groups() {
        return groups;
    }

    /**
     * Client: the groups it sends a key share for in its first ClientHello (RFC 8446 §4.2.8); only
     * those among {@link #groups()} are used, and the first of the groups when none is.
     */
    public List<NamedGroup> keyShareGroups() {
        List<NamedGroup> usable = keyShareGroups.stream().filter(groups::contains).toList();
        return usable.isEmpty() ? List.of(groups.get(0)) : usable;
    }

    /** signature_algorithms for CertificateVerify (RFC 8446 §4.2.3), in preference order. */
    public List<SignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    /** ALPN protocol names (RFC 7301), in preference order; empty: no ALPN. */
    public List<String> alpnProtocols() {
        return alpnProtocols;
    }

    /**
     * How the peer's certificate is judged: on a client the server's, on a server the client's
     * (when {@link #clientAuth()} asks for one). Default: PKIX against the JDK's CA store.
     */
    public TrustPolicy trustPolicy() {
        if (configuredTrustPolicy != null) {
            return configuredTrustPolicy;
        }
        TrustPolicy policy = defaultTrustPolicy;
        if (policy == null) {
            // Loaded on first use: a server configuration never needs the JDK's CA store.
            policy = TrustPolicy.verify(clock);
            defaultTrustPolicy = policy;
        }
        return policy;
    }

    /**
     * Our certificate chains with their keys. Server: one is picked per ClientHello. Client: one is
     * picked per CertificateRequest (RFC 8446 §4.3.2), and post_handshake_auth is offered when
     * there is any (§4.2.6).
     */
    public List<CertifiedKey> certificates() {
        return certificates;
    }

    public KeyLog keyLog() {
        return keyLog;
    }

    public TraceListener traceListener() {
        return traceListener;
    }

    public SecureRandom random() {
        return random;
    }

    public Clock clock() {
        return clock;
    }

    /** Client: send GREASE values (RFC 8701) in suites, groups, key shares, versions and extensions. */
    public boolean grease() {
        return grease;
    }

    /** Client: non-empty legacy_session_id and a dummy change_cipher_spec (RFC 8446 Appendix D.4). */
    public boolean middleboxCompatibility() {
        return middleboxCompatibility;
    }

    /** Largest handshake message body accepted (Certificate gets 4 times as much, at least 256 KiB). */
    public int maxHandshakeMessageSize() {
        return maxHandshakeMessageSize;
    }

    /** Server: largest ClientHello body accepted; by default every legal one ({@link #DEFAULT_MAX_CLIENT_HELLO_SIZE}). */
    public int maxClientHelloSize() {
        return maxClientHelloSize;
    }

    /**
     * The limit on one handshake message body by its HandshakeType code, the one place the
     * per-type limits are decided (GUIDE §11): ClientHello {@link #maxClientHelloSize()};
     * Certificate and CompressedCertificate four times {@link #maxHandshakeMessageSize()}, at
     * least 256 KiB; every other message {@link #maxHandshakeMessageSize()}.
     */
    public int maxHandshakeMessageSize(int msgType) {
        if (msgType == HandshakeType.CLIENT_HELLO.code()) {
            return maxClientHelloSize;
        }
        if (msgType == HandshakeType.CERTIFICATE.code() || msgType == HandshakeType.COMPRESSED_CERTIFICATE.code()) {
            return Math.max(HandshakeDeframer.DEFAULT_MAX_CERTIFICATE_LENGTH, Math.min(0xffffff, 4 * maxHandshakeMessageSize));
        }
        return maxHandshakeMessageSize;
    }

    /**
     * Server: how many entries of each list a ClientHello offers (cipher suites, supported_groups,
     * key shares, signature schemes, ALPN names) are looked at when matching; entries beyond it are
     * ignored, never a reason to refuse (GUIDE §11). Default {@link #DEFAULT_MAX_PEER_LIST_ENTRIES}.
     */
    public int maxPeerListEntries() {
        return maxPeerListEntries;
    }

    /** Server: bytes of undecryptable 0-RTT records skipped before failing (RFC 8446 §4.2.10). */
    public int maxEarlyDataSkip() {
        return maxEarlyDataSkip;
    }

    /** Server: whether a client certificate is requested, and whether it is required (RFC 8446 §4.3.2, §4.4.2.4). */
    public ClientAuthMode clientAuth() {
        return clientAuth;
    }

    /**
     * The record_size_limit we advertise (RFC 8449 §4): the largest TLSInnerPlaintext we accept in
     * a protected record. Default 2^14+1, the TLS 1.3 maximum: advertised so the peer can tell us
     * its own limit, and enforced (record_overflow) once the peer has acknowledged it.
     */
    public int recordSizeLimit() {
        return recordSizeLimit;
    }

    /**
     * How many records may be protected under one key in either direction; -1 (the default) means
     * the AEAD's own limit from RFC 8446 §5.5 (2^24.5 for AES-GCM). Lowered only by tests, so a
     * few hundred records show the automatic KeyUpdate and the receive-side limit.
     */
    public long recordsPerKey() {
        return recordsPerKey;
    }

    /** How many records before the write-side limit our automatic KeyUpdate is sent. */
    public long keyUpdateMargin() {
        return keyUpdateMargin;
    }

    /**
     * Most received plaintext the engine holds for the application. Once that much is waiting,
     * the engine opens no further record until the application reads, and takes no more bytes
     * from the network than the record it holds (back-pressure; see {@code TlsEngine#receive}).
     */
    public int maxBufferedPlaintext() {
        return maxBufferedPlaintext;
    }

    /** Makes our ephemeral Diffie-Hellman key pairs; replaced only to replay known traces (RFC 8448). */
    public KeyExchange newKeyExchange(NamedGroup group) {
        return keyExchangeFactory.apply(group, random);
    }

    /**
     * The TLS 1.3 key exchange of {@code group} as a KEM: the hybrids' own, or a Diffie-Hellman
     * group's whose key pairs come from {@link #newKeyExchange} (so RFC 8448 replays still work).
     */
    public Kem kem(NamedGroup group) {
        return group.kind() == NamedGroup.Kind.HYBRID_KEM ? Kems.of(group)
                : new DhKem(group, r -> keyExchangeFactory.apply(group, r));
    }

    /** Server: how many NewSessionTickets follow each full handshake (RFC 8446 §4.6.1); 0 turns resumption off. */
    public int ticketCount() {
        return ticketCount;
    }

    /** Server: ticket_lifetime of the tickets we issue (at most 7 days, RFC 8446 §4.6.1). */
    public Duration ticketLifetime() {
        return ticketLifetime;
    }

    /**
     * Server: how far the client's ticket age (RFC 8446 §4.2.11.1) may stray from ours before 0-RTT
     * is refused (§8.3); the resumption itself goes ahead.
     */
    public Duration ticketAgeTolerance() {
        return ticketAgeTolerance;
    }

    /** Server: accept psk_ke, resumption without a fresh (EC)DHE (RFC 8446 §4.2.9); off by default (no forward secrecy). */
    public boolean allowPskKe() {
        return allowPskKe;
    }

    /**
     * Server: max_early_data_size announced in our tickets and enforced on 0-RTT (RFC 8446 §4.2.10);
     * 0 (the default) means 0-RTT is never accepted.
     */
    public long maxEarlyDataSize() {
        return maxEarlyDataSize;
    }

    /** Server: seals tickets and HelloRetryRequest cookies under the rotating ticket keys. */
    public TicketSealer sealer() {
        return sealer;
    }

    /** Server: turns resumption state into tickets and back; stateless by default. */
    public ServerTickets serverTickets() {
        return serverTickets;
    }

    /** Server: the single-use store for tickets that carried 0-RTT (RFC 8446 §8.1). */
    public AntiReplay antiReplay() {
        return antiReplay;
    }

    /** Client: the tickets received, by server name and port. */
    public SessionCache sessionCache() {
        return sessionCache;
    }

    /**
     * Server: the groups named in a supported_groups extension of EncryptedExtensions (RFC 8446
     * §4.2.7: "servers are permitted to send the "supported_groups" extension to the client"),
     * sent only when the client sent supported_groups (§4.2); empty (the default) sends none. The
     * client "MUST NOT act upon" it before the handshake completes and may only use it to choose
     * its key shares next time, so the list is not checked against {@link #groups()}: a group we
     * do not compute costs that client at most a HelloRetryRequest. RFC 8448's traces announce one.
     */
    public List<NamedGroup> announcedGroups() {
        return announcedGroups;
    }

    /**
     * Client: rearranges the ClientHello's extensions before pre_shared_key is appended and bound
     * (RFC 8446 §4.2.11: it stays last); the identity by default. Only for replaying another
     * client's ClientHello byte for byte (RFC 8448 §4, whose client sends extensions we do not);
     * the later states check the server's answers against what was actually sent.
     */
    public UnaryOperator<List<Extension>> clientHelloLayout() {
        return clientHelloLayout;
    }

    /**
     * Server: the signature scheme codes the CertificateRequest lists, in order; empty (the
     * default) lists the schemes we accept. Only for replaying another server's CertificateRequest
     * byte for byte (RFC 8448 §6, whose server also lists SHA-1 and DSA schemes): what the client's
     * CertificateVerify may use stays limited to the schemes we accept (RFC 8446 §4.4.3).
     */
    public List<Integer> certificateRequestSignatureAlgorithms() {
        return certificateRequestSignatureAlgorithms;
    }

    /** Builds a {@link TlsConfig}; one setter per field. */
    public static final class Builder {
        private List<CipherSuite> cipherSuites = List.of(CipherSuite.TLS_AES_128_GCM_SHA256,
                CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
        // draft-ietf-tls-ecdhe-mlkem: the hybrids before the classical groups; a client's supported_groups lists
        // X25519MLKEM768 first, as browsers do.
        private List<NamedGroup> groups = List.of(NamedGroup.X25519MLKEM768, NamedGroup.SECP256R1MLKEM768,
                NamedGroup.SECP384R1MLKEM1024, NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.X448,
                NamedGroup.SECP384R1);
        // Two shares, as browsers send: the 1216-byte X25519MLKEM768 one and a 32-byte x25519 one, so a
        // server without the hybrid needs no HelloRetryRequest.
        private List<NamedGroup> keyShareGroups = List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519);
        private boolean keyShareGroupsSet;
        private List<SignatureScheme> signatureSchemes = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
                SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA256,
                SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
                SignatureScheme.RSA_PSS_PSS_SHA256, SignatureScheme.RSA_PSS_PSS_SHA384,
                SignatureScheme.RSA_PSS_PSS_SHA512, SignatureScheme.ED25519);
        private List<String> alpnProtocols = List.of();
        private TrustPolicy trustPolicy;
        private List<CertifiedKey> certificates = List.of();
        private KeyLog keyLog = KeyLog.NONE;
        private TraceListener traceListener = TraceListener.NONE;
        private SecureRandom random;
        private Clock clock = Clock.systemUTC();
        private boolean grease = true;
        private boolean middleboxCompatibility = true;
        private int maxHandshakeMessageSize = HandshakeDeframer.DEFAULT_MAX_MESSAGE_LENGTH;
        private int maxClientHelloSize = DEFAULT_MAX_CLIENT_HELLO_SIZE;
        private int maxPeerListEntries = DEFAULT_MAX_PEER_LIST_ENTRIES;
        private int maxEarlyDataSkip = DEFAULT_MAX_EARLY_DATA_SKIP;
        private int maxBufferedPlaintext = DEFAULT_MAX_BUFFERED_PLAINTEXT;
        private BiFunction<NamedGroup, SecureRandom, KeyExchange> keyExchangeFactory = KeyExchanges::generate;
        private ClientAuthMode clientAuth = ClientAuthMode.NONE;
        private int recordSizeLimit = RecordSizeLimit.TLS13_MAX;
        private long recordsPerKey = -1;
        private long keyUpdateMargin = DEFAULT_KEY_UPDATE_MARGIN;
        private List<VersionSupport> versions = List.of(Tls13.support());
        private int ticketCount = DEFAULT_TICKET_COUNT;
        private Duration ticketLifetime = DEFAULT_TICKET_LIFETIME;
        private Duration ticketAgeTolerance = DEFAULT_TICKET_AGE_TOLERANCE;
        private Duration ticketKeyRotation = TicketKeys.DEFAULT_ROTATION;
        private boolean allowPskKe;
        private long maxEarlyDataSize;
        private TicketKeys ticketKeys;
        private TicketSealer sealer;
        private ServerTickets serverTickets;
        private AntiReplay antiReplay;
        private SessionCache sessionCache;
        private List<NamedGroup> announcedGroups = List.of();
        private UnaryOperator<List<Extension>> clientHelloLayout = UnaryOperator.identity();
        private List<Integer> certificateRequestSignatureAlgorithms = List.of();

        private Builder() {
        }

        /**
         * The enabled protocol versions (default: {@link Tls13#support()} only), e.g.
         * {@code versions(Tls13.support(), Tls12.support())}; kept highest version first.
         */
        public Builder versions(VersionSupport... v) {
            List<VersionSupport> sorted = new java.util.ArrayList<>(List.of(v));
            sorted.sort(java.util.Comparator.comparingInt((VersionSupport s) -> s.version().code()).reversed());
            this.versions = List.copyOf(sorted);
            return this;
        }

        public Builder cipherSuites(List<CipherSuite> v) {
            this.cipherSuites = List.copyOf(v);
            return this;
        }

        public Builder cipherSuites(CipherSuite... v) {
            return cipherSuites(List.of(v));
        }

        public Builder groups(List<NamedGroup> v) {
            this.groups = List.copyOf(v);
            return this;
        }

        public Builder groups(NamedGroup... v) {
            return groups(List.of(v));
        }

        public Builder keyShareGroups(List<NamedGroup> v) {
            this.keyShareGroups = List.copyOf(v);
            this.keyShareGroupsSet = true;
            return this;
        }

        public Builder keyShareGroups(NamedGroup... v) {
            return keyShareGroups(List.of(v));
        }

        public Builder signatureSchemes(List<SignatureScheme> v) {
            this.signatureSchemes = List.copyOf(v);
            return this;
        }

        public Builder signatureSchemes(SignatureScheme... v) {
            return signatureSchemes(List.of(v));
        }

        public Builder alpnProtocols(List<String> v) {
            this.alpnProtocols = List.copyOf(v);
            return this;
        }

        public Builder alpnProtocols(String... v) {
            return alpnProtocols(List.of(v));
        }

        public Builder trustPolicy(TrustPolicy v) {
            this.trustPolicy = Objects.requireNonNull(v);
            return this;
        }

        public Builder certificates(List<CertifiedKey> v) {
            this.certificates = List.copyOf(v);
            return this;
        }

        public Builder certificates(CertifiedKey... v) {
            return certificates(List.of(v));
        }

        public Builder keyLog(KeyLog v) {
            this.keyLog = Objects.requireNonNull(v);
            return this;
        }

        public Builder traceListener(TraceListener v) {
            this.traceListener = Objects.requireNonNull(v);
            return this;
        }

        public Builder random(SecureRandom v) {
            this.random = Objects.requireNonNull(v);
            return this;
        }

        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v);
            return this;
        }

        public Builder grease(boolean v) {
            this.grease = v;
            return this;
        }

        public Builder middleboxCompatibility(boolean v) {
            this.middleboxCompatibility = v;
            return this;
        }

        public Builder maxHandshakeMessageSize(int v) {
            this.maxHandshakeMessageSize = v;
            return this;
        }

        public Builder maxClientHelloSize(int v) {
            this.maxClientHelloSize = v;
            return this;
        }

        public Builder maxPeerListEntries(int v) {
            this.maxPeerListEntries = v;
            return this;
        }

        public Builder maxEarlyDataSkip(int v) {
            this.maxEarlyDataSkip = v;
            return this;
        }

        /** The most received plaintext held for the application before back-pressure stops opening records. */
        public Builder maxBufferedPlaintext(int v) {
            this.maxBufferedPlaintext = v;
            return this;
        }

        /** Replaces how ephemeral key pairs are made; for replaying RFC 8448 with its private keys. */
        public Builder keyExchangeFactory(BiFunction<NamedGroup, SecureRandom, KeyExchange> v) {
            this.keyExchangeFactory = Objects.requireNonNull(v);
            return this;
        }

        public Builder clientAuth(ClientAuthMode v) {
            this.clientAuth = Objects.requireNonNull(v);
            return this;
        }

        public Builder recordSizeLimit(int v) {
            this.recordSizeLimit = v;
            return this;
        }

        /** Lowers the per-key record limit below the AEAD's (RFC 8446 §5.5); -1 restores it. */
        public Builder recordsPerKey(long v) {
            this.recordsPerKey = v;
            return this;
        }

        public Builder keyUpdateMargin(long v) {
            this.keyUpdateMargin = v;
            return this;
        }

        public Builder ticketCount(int v) {
            this.ticketCount = v;
            return this;
        }

        public Builder ticketLifetime(Duration v) {
            this.ticketLifetime = Objects.requireNonNull(v);
            return this;
        }

        public Builder ticketAgeTolerance(Duration v) {
            this.ticketAgeTolerance = Objects.requireNonNull(v);
            return this;
        }

        /** How often the ticket key rotates (default 12 hours); a new key set is made at build. */
        public Builder ticketKeyRotation(Duration v) {
            this.ticketKeyRotation = Objects.requireNonNull(v);
            this.ticketKeys = null;
            this.sealer = null;
            this.serverTickets = null;
            return this;
        }

        /** Shares a key set between configurations (servers that must accept each other's tickets). */
        public Builder ticketKeys(TicketKeys v) {
            this.ticketKeys = Objects.requireNonNull(v);
            this.sealer = null;
            this.serverTickets = null;
            return this;
        }

        public Builder allowPskKe(boolean v) {
            this.allowPskKe = v;
            return this;
        }

        public Builder maxEarlyDataSize(long v) {
            this.maxEarlyDataSize = v;
            return this;
        }

        /** Replaces how tickets are made and redeemed; for replaying RFC 8448 §4 with its ticket. */
        public Builder serverTickets(ServerTickets v) {
            this.serverTickets = Objects.requireNonNull(v);
            return this;
        }

        public Builder antiReplay(AntiReplay v) {
            this.antiReplay = Objects.requireNonNull(v);
            return this;
        }

        public Builder sessionCache(SessionCache v) {
            this.sessionCache = Objects.requireNonNull(v);
            return this;
        }

        /** Server: supported_groups for EncryptedExtensions ({@link TlsConfig#announcedGroups()}). */
        public Builder announcedGroups(NamedGroup... v) {
            this.announcedGroups = List.of(v);
            return this;
        }

        /** Replaces the client's extension layout; for replaying RFC 8448 §4's ClientHello ({@link TlsConfig#clientHelloLayout()}). */
        public Builder clientHelloLayout(UnaryOperator<List<Extension>> v) {
            this.clientHelloLayout = Objects.requireNonNull(v);
            return this;
        }

        /** The CertificateRequest's listed scheme codes; for replaying RFC 8448 §6 ({@link TlsConfig#certificateRequestSignatureAlgorithms()}). */
        public Builder certificateRequestSignatureAlgorithms(List<Integer> v) {
            this.certificateRequestSignatureAlgorithms = List.copyOf(v);
            return this;
        }

        public TlsConfig build() {
            if (random == null) {
                random = new SecureRandom();
            }
            if (ticketKeys == null) {
                ticketKeys = TicketKeys.rotating(random, clock, ticketKeyRotation);
            }
            if (sealer == null) {
                sealer = new TicketSealer(ticketKeys, random);
            }
            if (serverTickets == null) {
                serverTickets = ServerTickets.stateless(sealer);
            }
            if (antiReplay == null) {
                antiReplay = new AntiReplay(clock, AntiReplay.DEFAULT_CAPACITY);
            }
            if (sessionCache == null) {
                sessionCache = new SessionCache(SessionCache.DEFAULT_CAPACITY);
            }
            return new TlsConfig(this);
        }
    }
}
