package dev.tlsworkbook.alert;

import java.util.Optional;

/**
 * The TLS Alerts registry: every {@code AlertDescription} of RFC 8446 §6, including the codes
 * reserved there that TLS 1.2 (RFC 5246 §7.2) still sends, so chapter05 finds them here.
 *
 * @since chapter02
 */
public enum AlertDescription {
    /** RFC 8446 §6.1: the sender will send no more data. */
    CLOSE_NOTIFY(0),
    /** RFC 8446 §6.2: an inappropriate message (e.g. wrong handshake message, premature data). */
    UNEXPECTED_MESSAGE(10),
    /** RFC 8446 §6.2: a record could not be deprotected. */
    BAD_RECORD_MAC(20),
    /** RFC 5246 §7.2.2; reserved in RFC 8446 §6. */
    DECRYPTION_FAILED_RESERVED(21),
    /** RFC 8446 §6.2: TLSCiphertext longer than 2^14+256 or TLSPlaintext longer than 2^14. */
    RECORD_OVERFLOW(22),
    /** RFC 5246 §7.2.2; reserved in RFC 8446 §6. */
    DECOMPRESSION_FAILURE_RESERVED(30),
    /** RFC 8446 §6.2: no acceptable set of security parameters. */
    HANDSHAKE_FAILURE(40),
    /** SSL 3.0 only; reserved in RFC 8446 §6. */
    NO_CERTIFICATE_RESERVED(41),
    /** RFC 8446 §6.2. */
    BAD_CERTIFICATE(42),
    /** RFC 8446 §6.2. */
    UNSUPPORTED_CERTIFICATE(43),
    /** RFC 8446 §6.2. */
    CERTIFICATE_REVOKED(44),
    /** RFC 8446 §6.2. */
    CERTIFICATE_EXPIRED(45),
    /** RFC 8446 §6.2. */
    CERTIFICATE_UNKNOWN(46),
    /** RFC 8446 §6.2: a field was out of range or inconsistent with other fields. */
    ILLEGAL_PARAMETER(47),
    /** RFC 8446 §6.2. */
    UNKNOWN_CA(48),
    /** RFC 8446 §6.2. */
    ACCESS_DENIED(49),
    /** RFC 8446 §6.2: a message could not be decoded. */
    DECODE_ERROR(50),
    /** RFC 8446 §6.2: a handshake cryptographic operation failed. */
    DECRYPT_ERROR(51),
    /** TLS 1.0 export suites; reserved in RFC 8446 §6. */
    EXPORT_RESTRICTION_RESERVED(60),
    /** RFC 8446 §6.2. */
    PROTOCOL_VERSION(70),
    /** RFC 8446 §6.2. */
    INSUFFICIENT_SECURITY(71),
    /** RFC 8446 §6.2: an error unrelated to the peer or the protocol. */
    INTERNAL_ERROR(80),
    /** RFC 8446 §6.2 (RFC 7507). */
    INAPPROPRIATE_FALLBACK(86),
    /** RFC 8446 §6.1: the user cancelled the handshake. */
    USER_CANCELED(90),
    /** RFC 5246 §7.2.2 (a warning in TLS 1.2); reserved in RFC 8446 §6. */
    NO_RENEGOTIATION_RESERVED(100),
    /** RFC 8446 §6.2. */
    MISSING_EXTENSION(109),
    /** RFC 8446 §6.2. */
    UNSUPPORTED_EXTENSION(110),
    /** RFC 6066; reserved in RFC 8446 §6. */
    CERTIFICATE_UNOBTAINABLE_RESERVED(111),
    /** RFC 8446 §6.2 (RFC 6066). */
    UNRECOGNIZED_NAME(112),
    /** RFC 8446 §6.2. */
    BAD_CERTIFICATE_STATUS_RESPONSE(113),
    /** RFC 6066; reserved in RFC 8446 §6. */
    BAD_CERTIFICATE_HASH_VALUE_RESERVED(114),
    /** RFC 8446 §6.2. */
    UNKNOWN_PSK_IDENTITY(115),
    /** RFC 8446 §6.2. */
    CERTIFICATE_REQUIRED(116),
    /** RFC 8446 §6.2 (RFC 7301). */
    NO_APPLICATION_PROTOCOL(120);

    private final int code;

    AlertDescription(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** Closure alerts (RFC 8446 §6.1) end a connection cleanly; all others are error alerts. */
    public boolean isClosure() {
        return this == CLOSE_NOTIFY || this == USER_CANCELED;
    }

    /** The description with wire value {@code code}, if there is one. */
    public static Optional<AlertDescription> fromCode(int code) {
        for (AlertDescription d : values()) {
            if (d.code == code) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT) + "(" + code + ")";
    }
}
