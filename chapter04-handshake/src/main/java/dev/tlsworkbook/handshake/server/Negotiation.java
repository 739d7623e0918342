package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.CertificateSelector;
import dev.tlsworkbook.handshake.auth.SelectedCertificate;
import dev.tlsworkbook.handshake.extension.ApplicationLayerProtocolNegotiation;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.KeyShareClientHello;
import dev.tlsworkbook.handshake.extension.KeyShareEntry;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeMode;
import dev.tlsworkbook.handshake.extension.PskKeyExchangeModes;
import dev.tlsworkbook.handshake.extension.ServerName;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithmsCert;
import dev.tlsworkbook.handshake.extension.SupportedGroups;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.extension.Fields;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server chooses from a TLS 1.3 ClientHello (RFC 8446 §4.1.1): suite and group in the
 * server's order of preference, the key share to use (or none: then a HelloRetryRequest asks for
 * one), the certificate and signature scheme, and the ALPN protocol.
 *
 * @param group the group for the key exchange; empty for a PSK-only ClientHello (no supported_groups or
 *     key_share), which only a psk_ke resumption can complete (RFC 8446 §4.2.9)
 * @param clientShare the client's share for {@code group}; empty when a HelloRetryRequest is needed
 * @since chapter04
 */
public record Negotiation(CipherSuite suite, Optional<NamedGroup> group, Optional<KeyShareEntry> clientShare,
        SelectedCertificate certificate, Optional<String> applicationProtocol, Optional<String> serverName) {
    private static final Logger LOG = LoggerFactory.getLogger(Negotiation.class);

    /**
     * Negotiates from {@code ch}, already known to offer TLS 1.3. Every step is linear in the
     * ClientHello's size (GUIDE §11): the peer's lists are read once into bit sets over the 16-bit
     * code space, and only their first {@link TlsConfig#maxPeerListEntries()} entries take part in
     * matching; later entries are ignored, never a reason to refuse.
     */
    public static Negotiation of(TlsConfig config, ClientHello ch) {
        int cap = config.maxPeerListEntries();
        // 1. RFC 8446 §4.1.1: "If there is no overlap between the received "supported_groups" and the groups
        //    supported by the server, then the server MUST abort the handshake with a "handshake_failure" or an
        //    "insufficient_security" alert." The same holds for cipher suites.
        BitSet offeredSuites = codes(capped(ch.cipherSuites(), cap, "cipher_suites"));
        CipherSuite suite = config.cipherSuites(ProtocolVersion.TLS1_3).stream().filter(s -> offeredSuites.get(s.code())).findFirst()
                .orElseThrow(() -> TlsException.local(Violation.NO_COMMON_CIPHER_SUITE,
                        "RFC 8446 §4.1.1: no cipher suite in common; client offered " + Fields.describe(ch.cipherSuites(),
                                c -> CipherSuite.fromCode(c).map(Object::toString).orElse(Fields.hex16(c)))
                                + ", server accepts " + config.cipherSuites(ProtocolVersion.TLS1_3)));
        // 2. RFC 8446 §9.2: "If containing a "supported_groups" extension, it MUST also contain a "key_share"
        //    extension, and vice versa", else missing_extension. A ClientHello with neither is legal only with a
        //    pre_shared_key ("supported_groups": "REQUIRED for ... key exchange"; a PSK-only ClientHello has none),
        //    for PSK-only key establishment (psk_ke, §4.2.9). We complete it only when configured for psk_ke and the
        //    client allows psk_ke; otherwise there is no group in common: handshake_failure (§4.1.1).
        boolean hasGroups = ch.extensions().contains(ExtensionType.SUPPORTED_GROUPS);
        Expect.check(hasGroups == ch.extensions().contains(ExtensionType.KEY_SHARE), Violation.MISSING_EXTENSION,
                "RFC 8446 §9.2: the ClientHello has " + (hasGroups ? "supported_groups without key_share"
                        : "key_share without supported_groups"));
        boolean pskOnly = !hasGroups && ch.extensions().contains(ExtensionType.PRE_SHARED_KEY);
        if (pskOnly && !(config.allowPskKe() && ch.extensions().find(PskKeyExchangeModes.class)
                .map(m -> m.knownModes().contains(PskKeyExchangeMode.PSK_KE)).orElse(false))) {
            throw TlsException.local(Violation.NO_COMMON_GROUP, "RFC 8446 §4.1.1: the ClientHello offers PSK-only key "
                    + "establishment (no supported_groups or key_share), which this server completes only with psk_ke"
                    + (config.allowPskKe() ? ", not among the client's modes" : ", not enabled"));
        }
        // Without a PSK, a ClientHello must carry supported_groups, key_share and signature_algorithms (§9.2).
        SignatureAlgorithms signatureAlgorithms = require(ch, SignatureAlgorithms.class, ExtensionType.SIGNATURE_ALGORITHMS);
        Optional<NamedGroup> group = Optional.empty();
        Optional<KeyShareEntry> clientShare = Optional.empty();
        if (!pskOnly) {
            SupportedGroups groups = require(ch, SupportedGroups.class, ExtensionType.SUPPORTED_GROUPS);
            KeyShareClientHello shares = require(ch, KeyShareClientHello.class, ExtensionType.KEY_SHARE);
            GroupChoice choice = selectGroup(config, groups, shares, cap);
            group = Optional.of(choice.group());
            clientShare = choice.share();
        }
        // 5. RFC 8446 §4.4.2.2: a certificate whose key can sign with a scheme the client offered, chosen by
        //    server_name too (RFC 6066 §3); none -> handshake_failure listing both sides.
        Optional<String> serverName = ch.extensions().find(ServerName.class).flatMap(ServerName::hostName);
        SelectedCertificate certificate = CertificateSelector.of(config.certificates()).select(serverName,
                capped(signatureAlgorithms.supportedSignatureAlgorithms(), cap, "signature_algorithms"),
                ch.extensions().find(SignatureAlgorithmsCert.class)
                        .map(c -> capped(c.supportedSignatureAlgorithms(), cap, "signature_algorithms_cert")));
        // 6. RFC 7301 §3.2: the first of our protocols the client offered; none in common -> no_application_protocol.
        Optional<String> protocol = Optional.empty();
        Optional<ApplicationLayerProtocolNegotiation> alpn = ch.extensions().find(ApplicationLayerProtocolNegotiation.class);
        if (alpn.isPresent() && !config.alpnProtocols().isEmpty()) {
            List<String> offeredNames = alpn.get().protocolNames();
            Set<String> offered = new HashSet<>(capped(offeredNames, cap, "application_layer_protocol_negotiation"));
            protocol = Optional.of(config.alpnProtocols().stream().filter(offered::contains).findFirst()
                    .orElseThrow(() -> TlsException.local(Violation.NO_APPLICATION_PROTOCOL,
                            "RFC 7301 §3.2: no application protocol in common; client offered "
                                    + Fields.describe(offeredNames, n -> n) + ", server supports " + config.alpnProtocols())));
        }
        return new Negotiation(suite, group, clientShare, certificate, protocol, serverName);
    }

    /** The same choices for a psk_ke resumption (RFC 8446 §4.2.9): no key exchange runs, so no group is used. */
    Negotiation withoutKeyExchange() {
        return new Negotiation(suite, Optional.empty(), Optional.empty(), certificate, applicationProtocol, serverName);
    }

    /** The group chosen, with the client's share for it; no share: a HelloRetryRequest asks for one. */
    private record GroupChoice(NamedGroup group, Optional<KeyShareEntry> share) {
    }

    /** Steps 3 and 4 of {@link #of}. */
    private static GroupChoice selectGroup(TlsConfig config, SupportedGroups groups, KeyShareClientHello shares, int cap) {
        // 3. RFC 8446 §4.2.8: "Clients MUST NOT offer any KeyShareEntry values for groups not listed in the
        //    client's "supported_groups" extension. Servers MAY check for violations ... illegal_parameter."
        //    Checked against the whole list, so the cap below never turns a legal ClientHello into a violation.
        BitSet allGroups = codes(groups.namedGroupList());
        for (KeyShareEntry share : shares.clientShares()) {
            Expect.check(allGroups.get(share.group()), Violation.ILLEGAL_HELLO_FIELD,
                    "RFC 8446 §4.2.8: key share for " + Fields.hex16(share.group()) + " is not in supported_groups");
        }
        // 4. Group: our preference among the groups the client sent a share for; failing that, our preference
        //    among its supported_groups, asked for with a HelloRetryRequest (RFC 8446 §4.1.4).
        BitSet offeredGroups = codes(capped(groups.namedGroupList(), cap, "supported_groups"));
        Map<Integer, KeyShareEntry> shareByGroup = new HashMap<>();
        for (KeyShareEntry share : capped(shares.clientShares(), cap, "key_share")) {
            shareByGroup.putIfAbsent(share.group(), share);
        }
        Optional<NamedGroup> withShare = config.groups().stream()
                .filter(g -> offeredGroups.get(g.code()) && shareByGroup.containsKey(g.code())).findFirst();
        NamedGroup group = withShare.or(() -> config.groups().stream()
                        .filter(g -> offeredGroups.get(g.code())).findFirst())
                .orElseThrow(() -> TlsException.local(Violation.NO_COMMON_GROUP,
                        "RFC 8446 §4.1.1: no group in common; client offered " + Fields.describe(groups.namedGroupList(),
                                c -> NamedGroup.fromCode(c).map(NamedGroup::ianaName).orElse(Fields.hex16(c)))
                                + ", server accepts " + config.groups()));
        return new GroupChoice(group, withShare.map(g -> shareByGroup.get(g.code())));
    }

    /** One pass over a list of uint16 codes into a set with constant-time lookup and 8 KiB at most. */
    private static BitSet codes(List<Integer> list) {
        BitSet set = new BitSet();
        for (int code : list) {
            set.set(code);
        }
        return set;
    }

    /** The first {@code cap} entries; the limit is logged when it fires (GUIDE §11). */
    private static <T> List<T> capped(List<T> list, int cap, String what) {
        if (list.size() > cap) {
            LOG.info("limit maxPeerListEntries: the ClientHello's {} has {} entries; only the first {} are matched",
                    what, list.size(), cap);
        }
        return Fields.capped(list, cap);
    }

    private static <T extends dev.tlsworkbook.handshake.extension.Extension> T require(ClientHello ch, Class<T> type,
            ExtensionType name) {
        return ch.extensions().find(type).orElseThrow(() -> TlsException.local(Violation.MISSING_EXTENSION,
                "RFC 8446 §9.2: the ClientHello has no " + name.name().toLowerCase(java.util.Locale.ROOT) + " extension"));
    }

}
