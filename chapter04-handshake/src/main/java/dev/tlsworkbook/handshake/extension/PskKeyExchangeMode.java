package dev.tlsworkbook.handshake.extension;

import java.util.Optional;

/**
 * The IANA TLS PskKeyExchangeMode registry (RFC 8446 §4.2.9).
 *
 * @since chapter04
 */
public enum PskKeyExchangeMode {
    /** PSK-only key establishment: no forward secrecy for the session. */
    PSK_KE(0),
    /** PSK with (EC)DHE key establishment: the client must also send key_share. */
    PSK_DHE_KE(1);

    private final int code;

    PskKeyExchangeMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<PskKeyExchangeMode> fromCode(int code) {
        for (PskKeyExchangeMode m : values()) {
            if (m.code == code) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name() + String.format("(0x%02x)", code);
    }
}
