package dev.tlsworkbook.handshake.message;

import java.util.Optional;

/**
 * RFC 8446 §4.6.3:
 *
 * <pre>
 * enum {
 *     update_not_requested(0), update_requested(1), (255)
 * } KeyUpdateRequest;
 * </pre>
 *
 * @since chapter04
 */
public enum KeyUpdateRequest {
    /** The peer need not answer with its own KeyUpdate. */
    UPDATE_NOT_REQUESTED(0),
    /** The peer must answer with a KeyUpdate of its own (with {@code update_not_requested}). */
    UPDATE_REQUESTED(1);

    private final int code;

    KeyUpdateRequest(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<KeyUpdateRequest> fromCode(int code) {
        for (KeyUpdateRequest r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name() + String.format("(0x%02x)", code);
    }
}
