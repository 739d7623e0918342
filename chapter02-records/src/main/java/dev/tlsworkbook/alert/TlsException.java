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
    /** The description code of an alert we do not know (RFC 8446 §6), else -1. */
    private final int unknownDescription;

    private TlsException(String message, Violation violation, Alert received, Throwable cause) {
        this(message, violation, received, cause, -1);
    }

    private TlsException(String message, Violation violation, Alert received, Throwable cause, int unknownDescription) {
        super(message, cause);
        this.violation = violation;
        this.received = received;
        this.unknownDescription = unknownDescription;
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

    /**
     * The peer sent a two-byte alert whose level or description is not in the registry. RFC 8446 §6:
     * "Unknown Alert types MUST be treated as error alerts", so it ends the connection like any
     * fatal alert from the peer, and nothing is sent back. {@link #received()} is empty and
     * {@link #alert()} is {@code null}, since no {@link AlertDescription} names it;
     * {@link #receivedUnknownDescription()} holds the code.
     *
     * @since chapter04
     */
    public static TlsException peerUnknownAlert(int level, int description) {
        return new TlsException("peer sent unknown alert " + description + " (level " + level
                + "); RFC 8446 §6: unknown alerts are errors", null, null, null, description);
    }

    /** The code of an unknown alert the peer sent (see {@link #peerUnknownAlert}); empty otherwise. */
    public java.util.OptionalInt receivedUnknownDescription() {
        return unknownDescription < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(unknownDescription);
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

    /** The alert to send (local) or the alert received (peer); null for a received alert the registry does not name. */
    public AlertDescription alert() {
        if (violation != null) {
            return violation.alert();
        }
        return received == null ? null : received.description();
    }
}
