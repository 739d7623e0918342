package dev.tlsworkbook.handshake.extension;

import static dev.tlsworkbook.handshake.extension.ExtensionContext.CERTIFICATE;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.CERTIFICATE_REQUEST;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.CLIENT_HELLO;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.ENCRYPTED_EXTENSIONS;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.HELLO_RETRY_REQUEST;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.NEW_SESSION_TICKET;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.SERVER_HELLO;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The IANA TLS ExtensionType Values registry (RFC 8446 §4.2, RFC 8447), with every entry the
 * workbook meets in real ClientHellos, TLS 1.2-only ones included. Each constant carries the
 * messages it may appear in under TLS 1.3: the RFC 8446 §4.2 table, or the "TLS 1.3" column of
 * the IANA registry for later extensions. Codes not listed decode as {@link UnknownExtension}.
 *
 * <p>An extension with no TLS 1.3 message (IANA column "-", e.g. {@code extended_master_secret})
 * is still allowed in a ClientHello: a client offering TLS 1.2 as well sends it there, and a
 * TLS 1.3 server ignores it. Anywhere else in TLS 1.3 it is {@code illegal_parameter}.
 *
 * @since chapter04
 */
public enum ExtensionType {
    /** RFC 6066 §3. */
    SERVER_NAME(0, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 6066 §4. */
    MAX_FRAGMENT_LENGTH(1, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 6066 §5: TLS 1.2 only. */
    CLIENT_CERTIFICATE_URL(2),
    /** RFC 6066 §6: TLS 1.2 only. */
    TRUSTED_CA_KEYS(3),
    /** RFC 6066 §7: TLS 1.2 only. */
    TRUNCATED_HMAC(4),
    /** RFC 6066 §8 (OCSP stapling); in TLS 1.3 the response rides in a CertificateEntry. */
    STATUS_REQUEST(5, CLIENT_HELLO, CERTIFICATE_REQUEST, CERTIFICATE),
    /** RFC 8422 §5.1.1 / RFC 7919 (was elliptic_curves). */
    SUPPORTED_GROUPS(10, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 8422 §5.1.2: TLS 1.2 only. */
    EC_POINT_FORMATS(11),
    /** RFC 8446 §4.2.3. */
    SIGNATURE_ALGORITHMS(13, CLIENT_HELLO, CERTIFICATE_REQUEST),
    /** RFC 5764. */
    USE_SRTP(14, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 6520. */
    HEARTBEAT(15, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 7301 §3.1. */
    APPLICATION_LAYER_PROTOCOL_NEGOTIATION(16, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 6961: TLS 1.2 only. */
    STATUS_REQUEST_V2(17),
    /** RFC 6962 §3.3.1. */
    SIGNED_CERTIFICATE_TIMESTAMP(18, CLIENT_HELLO, CERTIFICATE_REQUEST, CERTIFICATE),
    /** RFC 7250 §3. */
    CLIENT_CERTIFICATE_TYPE(19, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 7250 §3. */
    SERVER_CERTIFICATE_TYPE(20, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 7685. */
    PADDING(21, CLIENT_HELLO),
    /** RFC 7366: TLS 1.2 only. */
    ENCRYPT_THEN_MAC(22),
    /** RFC 7627: TLS 1.2 only. */
    EXTENDED_MASTER_SECRET(23),
    /** RFC 8472: TLS 1.2 only. */
    TOKEN_BINDING(24),
    /** RFC 7924: TLS 1.2 only. */
    CACHED_INFO(25),
    /** RFC 8879 §3. */
    COMPRESS_CERTIFICATE(27, CLIENT_HELLO, CERTIFICATE_REQUEST),
    /** RFC 8449 §4. */
    RECORD_SIZE_LIMIT(28, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 9345 §4. */
    DELEGATED_CREDENTIAL(34, CLIENT_HELLO, CERTIFICATE_REQUEST, CERTIFICATE),
    /** RFC 5077 §3.2 (was SessionTicket TLS): TLS 1.2 only. */
    SESSION_TICKET(35),
    /** RFC 8446 §4.2.11. */
    PRE_SHARED_KEY(41, CLIENT_HELLO, SERVER_HELLO),
    /** RFC 8446 §4.2.10. */
    EARLY_DATA(42, CLIENT_HELLO, ENCRYPTED_EXTENSIONS, NEW_SESSION_TICKET),
    /** RFC 8446 §4.2.1. */
    SUPPORTED_VERSIONS(43, CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST),
    /** RFC 8446 §4.2.2. */
    COOKIE(44, CLIENT_HELLO, HELLO_RETRY_REQUEST),
    /** RFC 8446 §4.2.9. */
    PSK_KEY_EXCHANGE_MODES(45, CLIENT_HELLO),
    /** RFC 8446 §4.2.4. */
    CERTIFICATE_AUTHORITIES(47, CLIENT_HELLO, CERTIFICATE_REQUEST),
    /** RFC 8446 §4.2.5. */
    OID_FILTERS(48, CERTIFICATE_REQUEST),
    /** RFC 8446 §4.2.6. */
    POST_HANDSHAKE_AUTH(49, CLIENT_HELLO),
    /** RFC 8446 §4.2.3. */
    SIGNATURE_ALGORITHMS_CERT(50, CLIENT_HELLO, CERTIFICATE_REQUEST),
    /** RFC 8446 §4.2.8. */
    KEY_SHARE(51, CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST),
    /** RFC 9001 §8.2 (QUIC). */
    QUIC_TRANSPORT_PARAMETERS(57, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 9149 §3. */
    TICKET_REQUEST(58, CLIENT_HELLO, ENCRYPTED_EXTENSIONS),
    /** RFC 9849 (Encrypted Client Hello). */
    ENCRYPTED_CLIENT_HELLO(0xfe0d, CLIENT_HELLO, HELLO_RETRY_REQUEST, ENCRYPTED_EXTENSIONS),
    /** RFC 5746 §3.2: TLS 1.2 only (secure renegotiation). */
    RENEGOTIATION_INFO(0xff01);

    private final int code;
    private final Set<ExtensionContext> tls13Contexts;

    ExtensionType(int code, ExtensionContext... tls13Contexts) {
        this.code = code;
        EnumSet<ExtensionContext> set = EnumSet.noneOf(ExtensionContext.class);
        Collections.addAll(set, tls13Contexts);
        this.tls13Contexts = Collections.unmodifiableSet(set);
    }

    /** The wire code. */
    public int code() {
        return code;
    }

    /** The TLS 1.3 messages this extension is defined for (empty: not used in TLS 1.3). */
    public Set<ExtensionContext> tls13Contexts() {
        return tls13Contexts;
    }

    /**
     * Whether this extension may appear in {@code context} (RFC 8446 §4.2 table). TLS 1.2-only
     * extensions are allowed in a ClientHello, which may offer TLS 1.2 too.
     */
    public boolean allowedIn(ExtensionContext context) {
        if (tls13Contexts.isEmpty()) {
            return context == CLIENT_HELLO;
        }
        return tls13Contexts.contains(context);
    }

    /** The type with wire code {@code code}, if listed. */
    public static Optional<ExtensionType> fromCode(int code) {
        for (ExtensionType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** {@code KEY_SHARE(0x0033)}. */
    @Override
    public String toString() {
        return name() + String.format("(0x%04x)", code);
    }

    /** How a raw extension code prints: the name when known, GREASE, or hex. */
    public static String describe(int code) {
        return fromCode(code).map(ExtensionType::toString)
                .orElse(Grease.isGrease(code) ? String.format("GREASE(0x%04x)", code) : String.format("unknown(0x%04x)", code));
    }
}
