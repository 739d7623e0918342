package dev.tlsworkbook.alert;

import java.util.Optional;

/**
 * {@code enum { warning(1), fatal(2), (255) } AlertLevel;} (RFC 8446 §6). In TLS 1.3 the level
 * is implied by the description and can be ignored on receipt; TLS 1.2 (RFC 5246 §7.2) still uses it.
 *
 * @since chapter02
 */
public enum AlertLevel {
    WARNING(1),
    FATAL(2);

    private final int code;

    AlertLevel(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** The level with wire value {@code code}, if there is one. */
    public static Optional<AlertLevel> fromCode(int code) {
        for (AlertLevel level : values()) {
            if (level.code == code) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name() + "(" + code + ")";
    }
}
