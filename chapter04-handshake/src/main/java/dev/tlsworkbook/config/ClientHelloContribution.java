package dev.tlsworkbook.config;

import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.resumption.CachedSession;
import java.util.List;
import java.util.Optional;

/**
 * What a version adds to the client's single ClientHello beside TLS 1.3's fields: extra cipher
 * suite codes (signalling values such as RFC 5746's TLS_EMPTY_RENEGOTIATION_INFO_SCSV) and
 * extensions (RFC 7627's extended_master_secret, RFC 8422's ec_point_formats, a TLS 1.2 session
 * ticket, ...).
 *
 * @param session the cached session this version offers to resume (taken out of the session
 *     cache), handed back to the version in {@link SentClientHello#offeredSessions()}; a ClientHello
 *     offering one carries a non-empty session_id, so the server's echo shows the resumption
 *     (RFC 5077 §3.4)
 * @since chapter04
 */
public record ClientHelloContribution(List<Integer> cipherSuiteCodes, List<Extension> extensions,
        Optional<CachedSession> session) {
    /** Adds nothing. */
    public static final ClientHelloContribution NONE = new ClientHelloContribution(List.of(), List.of());

    public ClientHelloContribution {
        cipherSuiteCodes = List.copyOf(cipherSuiteCodes);
        extensions = List.copyOf(extensions);
        java.util.Objects.requireNonNull(session, "session");
    }

    /** A contribution that offers no session. */
    public ClientHelloContribution(List<Integer> cipherSuiteCodes, List<Extension> extensions) {
        this(cipherSuiteCodes, extensions, Optional.empty());
    }
}
