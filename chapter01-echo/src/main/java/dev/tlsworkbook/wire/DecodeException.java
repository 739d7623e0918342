package dev.tlsworkbook.wire;

/**
 * Bytes from the peer that do not fit the structure being decoded. Always carries a
 * {@link Reason}, so a test can assert why decoding stopped and a later chapter can map it to an
 * alert ({@code decode_error}, RFC 8446 §6.2).
 *
 * @since chapter01
 */
public final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why bytes were rejected. */
    public enum Reason {
        /** The input ended inside a field or vector. */
        TRUNCATED,
        /** Bytes were left over after the structure ended. */
        TRAILING_DATA,
        /** A vector length was outside the bounds the RFC gives it (e.g. {@code <1..2^16-1>}). */
        LENGTH_OUT_OF_RANGE,
        /** A field held a value the structure does not allow. */
        ILLEGAL_VALUE
    }

    private final Reason reason;

    public DecodeException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
