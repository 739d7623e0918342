package dev.tlsworkbook.handshake.client;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.KeyExchange;
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
 * @param shares our key pairs by group, in the order sent
 * @param serverName the host name sent in server_name, or the reference (an IP literal) for the
 *     certificate check; empty when the caller gave none
 * @param grease the GREASE values used (suite, group, first extension, last extension, version),
 *     kept so a second ClientHello reuses them; empty when GREASE is off
 * @since chapter04
 */
public record ClientOffer(ClientHello hello, Map<NamedGroup, KeyExchange> shares, Optional<String> serverName,
        List<Integer> grease) {
    /** An IPv4 or IPv6 literal: never sent as server_name (RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted"). */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    public ClientOffer {
        shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
        grease = List.copyOf(grease);
    }

    /** The first ClientHello for {@code config}, connecting to {@code serverName} (may be null). */
    public static ClientOffer first(TlsConfig config, String serverName) {
        Opaque random = randomBytes(config, 32);
        // RFC 8446 Appendix D.4: in compatibility mode "the client MUST send a non-empty legacy_session_id"
        Opaque sessionId = config.middleboxCompatibility() ? randomBytes(config, 32) : Opaque.EMPTY;
        List<Integer> grease = config.grease() ? new Grease(config.random()).distinctValues(5) : List.of();
        Map<NamedGroup, KeyExchange> shares = new LinkedHashMap<>();
        for (NamedGroup group : config.keyShareGroups()) {
            shares.put(group, config.newKeyExchange(group));
        }
        Optional<String> name = Optional.ofNullable(serverName).map(ClientOffer::withoutTrailingDot);
        return new ClientOffer(build(config, random, sessionId, name, shares, grease, Optional.empty(), false), shares, name, grease);
    }

    /**
     * The second ClientHello after a HelloRetryRequest (RFC 8446 §4.1.2): the same message except
     * that the key_share list is replaced by one share for {@code retryGroup} (if the server asked
     * for one) and the cookie is echoed.
     */
    public ClientOffer retry(TlsConfig config, Optional<NamedGroup> retryGroup, Optional<Cookie> cookie) {
        Map<NamedGroup, KeyExchange> newShares = new LinkedHashMap<>(shares);
        if (retryGroup.isPresent()) {
            newShares.clear();
            newShares.put(retryGroup.get(), config.newKeyExchange(retryGroup.get()));
        }
        ClientHello second = build(config, hello.random(), hello.legacySessionId(), serverName, newShares, grease, cookie,
                retryGroup.isPresent());
        return new ClientOffer(second, newShares, serverName, grease);
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
            Map<NamedGroup, KeyExchange> shares, List<Integer> grease, Optional<Cookie> cookie, boolean singleShare) {
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
        config.cipherSuites().forEach(s -> suites.add(s.code()));
        config.groups().forEach(n -> groups.add(n.code()));
        shares.forEach((group, kx) -> keyShares.add(KeyShareEntry.of(group, kx.publicKey())));
        versions.add(ProtocolVersion.TLS1_3.code());

        List<Extension> extensions = new ArrayList<>();
        if (g) {
            extensions.add(new UnknownExtension(grease.get(2), Opaque.EMPTY));
        }
        serverName.filter(n -> !isIpLiteral(n)).ifPresent(n -> extensions.add(ServerName.of(n)));
        extensions.add(new SupportedGroups(groups));
        extensions.add(new KeyShareClientHello(keyShares));
        extensions.add(new SupportedVersionsClientHello(versions));
        extensions.add(new SignatureAlgorithms(signatureAlgorithms(config)));
        // RFC 8446 §4.2.3: the schemes we accept in certificates, rsa_pkcs1 included, as their own list.
        extensions.add(new SignatureAlgorithmsCert(signatureAlgorithms(config)));
        // Offered so a server may send tickets; we accept and drop them until resumption is built (RFC 8446 §4.2.9).
        extensions.add(PskKeyExchangeModes.of(PskKeyExchangeMode.PSK_DHE_KE));
        if (!config.alpnProtocols().isEmpty()) {
            extensions.add(ApplicationLayerProtocolNegotiation.of(config.alpnProtocols().toArray(String[]::new)));
        }
        // RFC 8449 §4: "Endpoints SHOULD advertise the "record_size_limit" extension, even if they have no need to
        // limit the size of records" (so the server may state its own).
        extensions.add(new RecordSizeLimit(config.recordSizeLimit()));
        // RFC 8446 §4.2.6: a client with a certificate is willing to authenticate after the handshake.
        if (!config.certificates().isEmpty()) {
            extensions.add(new PostHandshakeAuth());
        }
        cookie.ifPresent(extensions::add);
        if (g) {
            extensions.add(new UnknownExtension(grease.get(3), Opaque.of(new byte[] {0})));
        }
        return new ClientHello(ClientHello.LEGACY_VERSION, random, sessionId, suites, ClientHello.NULL_COMPRESSION,
                new ExtensionBlock(ExtensionContext.CLIENT_HELLO, extensions));
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
        return config.cipherSuites().stream().filter(s -> s.code() == code).findFirst();
    }
}
