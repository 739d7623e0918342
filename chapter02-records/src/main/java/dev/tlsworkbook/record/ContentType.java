package dev.tlsworkbook.record;

import java.util.Optional;

/**
 * The record {@code ContentType} registry (RFC 8446 §5.1; heartbeat from RFC 6520).
 *
 * @since chapter02
 */
public enum ContentType {
    /** RFC 8446 §5.1: never valid on the wire. */
    INVALID(0),
    /** RFC 8446 §5 / Appendix D.4: only for middlebox compatibility in TLS 1.3. */
    CHANGE_CIPHER_SPEC(20),
    /** RFC 8446 §6. */
    ALERT(21),
    /** RFC 8446 §4. */
    HANDSHAKE(22),
    /** RFC 8446 §5.1; also the outer type of every TLS 1.3 protected record (§5.2). */
    APPLICATION_DATA(23),
    /** RFC 6520: not supported by this stack; listed because the registry is complete here. */
    HEARTBEAT(24);

    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** The type with wire value {@code code}, if there is one. */
    public static Optional<ContentType> fromCode(int code) {
        return switch (code) {
            case 0 -> Optional.of(INVALID);
            case 20 -> Optional.of(CHANGE_CIPHER_SPEC);
            case 21 -> Optional.of(ALERT);
            case 22 -> Optional.of(HANDSHAKE);
            case 23 -> Optional.of(APPLICATION_DATA);
            case 24 -> Optional.of(HEARTBEAT);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return name() + "(" + code + ")";
    }
}
