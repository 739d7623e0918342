package dev.tlsworkbook.alert;

import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.DecodeException.Reason;
import dev.tlsworkbook.wire.WireReader;
import java.util.Objects;

/**
 * The body of an alert record (RFC 8446 §6):
 *
 * <pre>
 * struct {
 *     AlertLevel level;
 *     AlertDescription description;
 * } Alert;
 * </pre>
 *
 * @since chapter02
 */
public record Alert(AlertLevel level, AlertDescription description) {

    /** The two bytes of an encoded alert. */
    public static final int LENGTH = 2;

    public Alert {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(description, "description");
    }

    /** A fatal alert: RFC 8446 §6.2 says every error alert is sent with level fatal. */
    public static Alert fatal(AlertDescription description) {
        return new Alert(AlertLevel.FATAL, description);
    }

    /** The closure alert {@code close_notify}; sent as a warning, as TLS 1.2 peers expect (RFC 5246 §7.2.1). */
    public static Alert closeNotify() {
        return new Alert(AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY);
    }

    /** The two wire bytes. */
    public byte[] encode() {
        return new byte[] {(byte) level.code(), (byte) description.code()};
    }

    /**
     * Reads exactly one alert and requires the reader to end there (an alert record holds one
     * alert; RFC 8446 §5.1 forbids fragmenting alerts). An unknown level or description is an
     * {@link Reason#ILLEGAL_VALUE} decode error.
     */
    public static Alert decode(WireReader in) {
        int levelCode = in.u8();
        int descriptionCode = in.u8();
        in.expectEnd();
        AlertLevel level = AlertLevel.fromCode(levelCode)
                .orElseThrow(() -> new DecodeException(Reason.ILLEGAL_VALUE, "unknown alert level " + levelCode));
        AlertDescription description = AlertDescription.fromCode(descriptionCode)
                .orElseThrow(() -> new DecodeException(Reason.ILLEGAL_VALUE,
                        "unknown alert description " + descriptionCode));
        return new Alert(level, description);
    }

    @Override
    public String toString() {
        return "Alert{level=" + level + ", description=" + description + "}";
    }
}
