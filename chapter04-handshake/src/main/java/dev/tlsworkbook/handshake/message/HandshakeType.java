package dev.tlsworkbook.handshake.message;

import java.util.Optional;

/**
 * The IANA TLS HandshakeType registry (RFC 8446 §4 and Appendix B.3; RFC 5246 §7.4 for the codes
 * only TLS 1.2 uses), complete here so chapter05 finds its TLS 1.2 messages without editing this
 * enum. A type a peer sends that is not listed here is not a handshake message we can receive:
 * RFC 8446 §4 says to abort with {@code unexpected_message}.
 *
 * @since chapter04
 */
public enum HandshakeType {
    /** RFC 5246 §7.4.1.1: TLS 1.2 renegotiation request; not used in TLS 1.3. */
    HELLO_REQUEST(0),
    /** RFC 8446 §4.1.2. */
    CLIENT_HELLO(1),
    /** RFC 8446 §4.1.3 (also carries HelloRetryRequest, told apart by its random). */
    SERVER_HELLO(2),
    /** RFC 6347 §4.2.1: DTLS only. */
    HELLO_VERIFY_REQUEST(3),
    /** RFC 8446 §4.6.1 (RFC 5077 §3.3 in TLS 1.2). */
    NEW_SESSION_TICKET(4),
    /** RFC 8446 §4.5. */
    END_OF_EARLY_DATA(5),
    /** Draft TLS 1.3 code point, reserved in RFC 8446 §4 (HRR now travels as a ServerHello). */
    HELLO_RETRY_REQUEST_RESERVED(6),
    /** RFC 8446 §4.3.1. */
    ENCRYPTED_EXTENSIONS(8),
    /** RFC 8446 §4.4.2 (RFC 5246 §7.4.2 in TLS 1.2). */
    CERTIFICATE(11),
    /** RFC 5246 §7.4.3: TLS 1.2 only. */
    SERVER_KEY_EXCHANGE(12),
    /** RFC 8446 §4.3.2 (RFC 5246 §7.4.4 in TLS 1.2). */
    CERTIFICATE_REQUEST(13),
    /** RFC 5246 §7.4.5: TLS 1.2 only. */
    SERVER_HELLO_DONE(14),
    /** RFC 8446 §4.4.3 (RFC 5246 §7.4.8 in TLS 1.2). */
    CERTIFICATE_VERIFY(15),
    /** RFC 5246 §7.4.7: TLS 1.2 only. */
    CLIENT_KEY_EXCHANGE(16),
    /** RFC 8446 §4.4.4 (RFC 5246 §7.4.9 in TLS 1.2). */
    FINISHED(20),
    /** RFC 6066 §5: TLS 1.2 only. */
    CERTIFICATE_URL(21),
    /** RFC 6066 §8: TLS 1.2 only (TLS 1.3 carries OCSP in a CertificateEntry extension). */
    CERTIFICATE_STATUS(22),
    /** RFC 4680: TLS 1.2 only. */
    SUPPLEMENTAL_DATA(23),
    /** RFC 8446 §4.6.3. */
    KEY_UPDATE(24),
    /** RFC 8879 §4. */
    COMPRESSED_CERTIFICATE(25),
    /** RFC 8446 §4.4.1: the synthetic message that replaces ClientHello1 in the transcript after an HRR. */
    MESSAGE_HASH(254);

    private final int code;

    HandshakeType(int code) {
        this.code = code;
    }

    /** The {@code msg_type} byte. */
    public int code() {
        return code;
    }

    /** The type with wire code {@code code}, if the registry has one. */
    public static Optional<HandshakeType> fromCode(int code) {
        for (HandshakeType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** {@code CLIENT_HELLO(0x01)}. */
    @Override
    public String toString() {
        return name() + String.format("(0x%02x)", code);
    }

    /** How a raw {@code msg_type} prints: the name when known, else hex. */
    public static String describe(int code) {
        return fromCode(code).map(HandshakeType::toString).orElse(String.format("unknown(0x%02x)", code));
    }
}
