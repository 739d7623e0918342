package dev.tlsworkbook.handshake.extension;

import static dev.tlsworkbook.handshake.extension.ExtensionContext.CLIENT_HELLO;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.HELLO_RETRY_REQUEST;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.NEW_SESSION_TICKET;
import static dev.tlsworkbook.handshake.extension.ExtensionContext.SERVER_HELLO;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code extensions} vector of one message, in wire order, with the message it belongs to.
 * {@link #decode} enforces the RFC 8446 §4.2 rules that need only the block itself:
 *
 * <ol>
 *   <li>no two extensions of one type ({@code illegal_parameter});</li>
 *   <li>a recognized extension only in the messages the §4.2 table lists ({@code illegal_parameter});</li>
 *   <li>{@code pre_shared_key} last in a ClientHello (§4.2.11, {@code illegal_parameter}).</li>
 * </ol>
 *
 * The rule that needs what we sent, "no response to a request we did not make", is
 * {@link #checkSolicited}. The message's own vector bounds (e.g. {@code <8..2^16-1>} in a
 * ClientHello) are read by the message, which passes the child reader here.
 *
 * @since chapter04
 */
public record ExtensionBlock(ExtensionContext context, List<Extension> extensions) {

    public ExtensionBlock {
        Objects.requireNonNull(context, "context");
        extensions = List.copyOf(extensions);
    }

    public static ExtensionBlock of(ExtensionContext context, Extension... extensions) {
        return new ExtensionBlock(context, Arrays.asList(extensions));
    }

    public static ExtensionBlock empty(ExtensionContext context) {
        return new ExtensionBlock(context, List.of());
    }

    /** Decodes every extension in {@code list} (the content of the extensions vector). */
    public static ExtensionBlock decode(WireReader list, ExtensionContext context) {
        List<Extension> decoded = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (list.hasRemaining()) {
            int type = list.u16();
            WireReader data = list.sub16(0, 0xffff);
            // RFC 8446 §4.2: "There MUST NOT be more than one extension of the same type in a given extension block."
            if (!seen.add(type)) {
                throw TlsException.local(Violation.DUPLICATE_EXTENSION, "RFC 8446 §4.2: more than one "
                        + ExtensionType.describe(type) + " extension in a " + context.abbreviation() + " extension block");
            }
            Optional<ExtensionType> known = ExtensionType.fromCode(type);
            // RFC 8446 §4.2: a recognized extension "not specified for the message in which it appears" -> illegal_parameter
            if (known.isPresent() && !known.get().allowedIn(context)) {
                throw TlsException.local(Violation.EXTENSION_NOT_ALLOWED_HERE, "RFC 8446 §4.2: " + known.get()
                        + " is not allowed in " + context.abbreviation() + " (allowed in " + allowedList(known.get()) + ")");
            }
            // RFC 8446 §4.2.11: pre_shared_key "MUST be the last extension in the ClientHello"
            if (context == CLIENT_HELLO && type == ExtensionType.PRE_SHARED_KEY.code() && list.hasRemaining()) {
                throw TlsException.local(Violation.PRE_SHARED_KEY_NOT_LAST,
                        "RFC 8446 §4.2.11: pre_shared_key is not the last extension in the ClientHello");
            }
            decoded.add(known.isPresent() ? decodeData(known.get(), data, context) : UnknownExtension.decode(type, data));
        }
        return new ExtensionBlock(context, decoded);
    }

    /** Writes every extension as type, length, data (the content of the extensions vector). */
    public void encode(WireWriter out) {
        for (Extension e : extensions) {
            out.u16(e.extensionType()).prefixed16(e::encode);
        }
    }

    /** The extension of class {@code type} (e.g. {@code KeyShareServerHello.class}), if present. */
    public <T extends Extension> Optional<T> find(Class<T> type) {
        return extensions.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The extension with code {@code type}, if present. */
    public Optional<Extension> find(ExtensionType type) {
        return extensions.stream().filter(e -> e.extensionType() == type.code()).findFirst();
    }

    public boolean contains(ExtensionType type) {
        return find(type).isPresent();
    }

    /** The raw extension types, in wire order (what a client remembers as "offered"). */
    public List<Integer> types() {
        return extensions.stream().map(Extension::extensionType).toList();
    }

    /**
     * RFC 8446 §4.2: "Implementations MUST NOT send extension responses if the remote endpoint did
     * not send the corresponding extension requests, with the exception of the "cookie" extension
     * in the HelloRetryRequest. Upon receiving such an extension, an endpoint MUST abort the
     * handshake with an "unsupported_extension" alert." Applies to SH, HRR, EE and CT blocks;
     * {@code offeredTypes} are the types of our ClientHello (or CertificateRequest). A GREASE type
     * is refused even if we sent it, since RFC 8701 §3.1 forbids the server to echo one.
     */
    public void checkSolicited(Collection<Integer> offeredTypes) {
        if (!context.isResponse()) {
            throw new IllegalStateException(context + " extensions are requests, not responses");
        }
        for (Extension e : extensions) {
            int type = e.extensionType();
            if (Grease.isGrease(type)) {
                throw TlsException.local(Violation.UNSOLICITED_EXTENSION, "RFC 8701 §3.1: GREASE extension "
                        + ExtensionType.describe(type) + " in " + context.abbreviation());
            }
            boolean cookieInHrr = context == HELLO_RETRY_REQUEST && type == ExtensionType.COOKIE.code();
            if (!cookieInHrr && !offeredTypes.contains(type)) {
                throw TlsException.local(Violation.UNSOLICITED_EXTENSION, "RFC 8446 §4.2: "
                        + ExtensionType.describe(type) + " in " + context.abbreviation() + " was not offered");
            }
        }
    }

    @Override
    public String toString() {
        return extensions.toString();
    }

    private static String allowedList(ExtensionType type) {
        return type.tls13Contexts().isEmpty() ? "CH only, TLS 1.2"
                : String.join(", ", type.tls13Contexts().stream().map(ExtensionContext::abbreviation).toList());
    }

    /** Called only with a context {@link ExtensionType#allowedIn} accepted. */
    private static Extension decodeData(ExtensionType type, WireReader data, ExtensionContext context) {
        return switch (type) {
            case SERVER_NAME -> ServerName.decode(data, context);
            case SUPPORTED_GROUPS -> SupportedGroups.decode(data);
            case SIGNATURE_ALGORITHMS -> SignatureAlgorithms.decode(data);
            case SIGNATURE_ALGORITHMS_CERT -> SignatureAlgorithmsCert.decode(data);
            // RFC 8446 §4.2.8: three bodies, one per message (CH, SH, HRR)
            case KEY_SHARE -> context == CLIENT_HELLO ? KeyShareClientHello.decode(data)
                    : context == SERVER_HELLO ? KeyShareServerHello.decode(data)
                    : KeyShareHelloRetryRequest.decode(data);
            // RFC 8446 §4.2.1: a list in CH, one selected_version in SH and HRR
            case SUPPORTED_VERSIONS -> context == CLIENT_HELLO ? SupportedVersionsClientHello.decode(data)
                    : SupportedVersionsServerHello.decode(data);
            case PSK_KEY_EXCHANGE_MODES -> PskKeyExchangeModes.decode(data);
            case PRE_SHARED_KEY -> context == CLIENT_HELLO ? PreSharedKeyClientHello.decode(data)
                    : PreSharedKeyServerHello.decode(data);
            // RFC 8446 §4.2.10: Empty in CH and EE, max_early_data_size in NST
            case EARLY_DATA -> context == NEW_SESSION_TICKET ? MaxEarlyDataSize.decode(data) : EarlyData.decode(data);
            case COOKIE -> Cookie.decode(data);
            case APPLICATION_LAYER_PROTOCOL_NEGOTIATION -> ApplicationLayerProtocolNegotiation.decode(data, context);
            case PADDING -> Padding.decode(data);
            case POST_HANDSHAKE_AUTH -> PostHandshakeAuth.decode(data);
            case CERTIFICATE_AUTHORITIES -> CertificateAuthorities.decode(data);
            case RECORD_SIZE_LIMIT -> RecordSizeLimit.decode(data);
            // Registered, but nothing in this workbook acts on their bodies: kept as bytes.
            case MAX_FRAGMENT_LENGTH, CLIENT_CERTIFICATE_URL, TRUSTED_CA_KEYS, TRUNCATED_HMAC, STATUS_REQUEST,
                    EC_POINT_FORMATS, USE_SRTP, HEARTBEAT, STATUS_REQUEST_V2, SIGNED_CERTIFICATE_TIMESTAMP,
                    CLIENT_CERTIFICATE_TYPE, SERVER_CERTIFICATE_TYPE, ENCRYPT_THEN_MAC, EXTENDED_MASTER_SECRET,
                    TOKEN_BINDING, CACHED_INFO, COMPRESS_CERTIFICATE, DELEGATED_CREDENTIAL,
                    SESSION_TICKET, OID_FILTERS, QUIC_TRANSPORT_PARAMETERS, TICKET_REQUEST, ENCRYPTED_CLIENT_HELLO,
                    RENEGOTIATION_INFO -> UnknownExtension.decode(type.code(), data);
        };
    }
}
