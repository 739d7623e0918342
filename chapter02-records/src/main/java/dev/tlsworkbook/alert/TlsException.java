package dev.tlsworkbook.alert;

import dev.tlsworkbook.wire.DecodeException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception family of the stack (unchecked). Either <em>local</em>: we found a
 * {@link Violation} and must send its fatal alert; or <em>peer</em>: the peer sent us an error
 * alert (RFC 8446 §6.2). Tests assert {@link #violation()}, never the message text.
 *
 * @since chapter02
 */
public final class TlsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Violation violation;
    private final transient Alert received;

    private TlsException(String message, Violation violation, Alert received, Throwable cause) {
        super(message, cause);
        this.violation = violation;
        this.received = received;
    }

    /**
     * We detected a violation. {@code message} starts with the rule, e.g.
     * {@code "RFC 8446 §5.2: record authentication failed"}.
     */
    public static TlsException local(Violation reason, String message) {
        return new TlsException(message, Objects.requireNonNull(reason, "reason"), null, null);
    }

    /** As {@link #local(Violation, String)}, keeping the exception that revealed it. */
    public static TlsException local(Violation reason, String message, Throwable cause) {
        return new TlsException(message, Objects.requireNonNull(reason, "reason"), null, cause);
    }

    /** Bytes from the peer did not decode: {@link Violation#DECODE_ERROR} (RFC 8446 §6.2). */
    public static TlsException decodeError(String where, DecodeException cause) {
        return local(Violation.DECODE_ERROR, "RFC 8446 §6.2: cannot decode " + where + ": " + cause.getMessage(), cause);
    }

    /** The peer sent {@code received}, an error alert. */
    public static TlsException peer(Alert received) {
        Objects.requireNonNull(received, "received");
        return new TlsException("peer sent alert " + received.description(), null, received, null);
    }

    /** True when we found the problem (and owe the peer a fatal alert). */
    public boolean isLocal() {
        return violation != null;
    }

    /** Why we aborted; empty for a peer alert. */
    public Optional<Violation> violation() {
        return Optional.ofNullable(violation);
    }

    /** The alert received from the peer; empty for a local error. */
    public Optional<Alert> received() {
        return Optional.ofNullable(received);
    }

    /** The alert to send (local) or the alert received (peer). */
    public AlertDescription alert() {
        return violation != null ? violation.alert() : received.description();
    }
}
