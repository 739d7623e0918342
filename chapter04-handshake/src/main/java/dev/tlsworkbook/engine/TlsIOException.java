package dev.tlsworkbook.engine;

import dev.tlsworkbook.alert.TlsException;
import java.io.IOException;
import java.util.Optional;

/**
 * A TLS failure seen through a blocking stream: the handshake or a record was refused (by us or
 * by the peer's alert), or the connection ended without close_notify. The message says why; the
 * cause, when present, is the engine's {@link TlsException} with its alert and reason.
 *
 * @since chapter04
 */
public final class TlsIOException extends IOException {
    private static final long serialVersionUID = 1L;

    public TlsIOException(String message, TlsException cause) {
        super(message, cause);
    }

    /**
     * Wraps an engine failure; the message says what went on the wire, e.g. {@code sent
     * unknown_ca(48): RFC 5280 §6.1: certificate CN=localhost was issued by …}, {@code peer sent
     * alert handshake_failure(40)}, or for a local error answered with nothing (the peer closed
     * without close_notify) {@code no alert sent: RFC 8446 §6.1: …}.
     *
     * @param sent the fatal alert the engine put on the wire ({@link TlsEngine#fatalAlertSent()})
     */
    public static TlsIOException of(TlsException failure, Optional<dev.tlsworkbook.alert.AlertDescription> sent) {
        String message;
        if (sent.isPresent()) {
            message = "sent " + sent.get() + ": " + failure.getMessage();
        } else {
            message = failure.isLocal() ? "no alert sent: " + failure.getMessage() : failure.getMessage();
        }
        return new TlsIOException(message, failure);
    }

    /** The engine's exception: the alert sent or received and, for a local error, its reason. */
    public Optional<TlsException> tlsException() {
        return Optional.ofNullable((TlsException) getCause());
    }
}
