package dev.tlsworkbook.fuzz;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.wire.DecodeException;

/**
 * The one property every fuzz target asserts (GUIDE §9.8, docs/fuzzing.md): whatever bytes arrive,
 * the code under test either finishes cleanly or throws a {@link TlsException} that carries the
 * alert: the one to send for our refusal, or the one the peer sent. Anything else escaping is a finding, and so is {@code internal_error}: the
 * engine's guard turns unexpected runtime exceptions into it, so seeing it means hostile input
 * reached a code path that was never meant to fail.
 */
public final class TlsInvariant {
    private TlsInvariant() {
    }

    /** Runs {@code action}; returns on a clean result or an acceptable {@link TlsException}, else throws. */
    public static void holds(Runnable action) {
        try {
            action.run();
        } catch (TlsException e) {
            check(e);
        }
    }

    /**
     * Runs a decoder. A {@link DecodeException} is acceptable too: it is what a codec throws, and
     * the engine's guard turns it into {@code decode_error} (RFC 8446 §6.2), as done here.
     *
     * @return true when the decoder finished cleanly
     */
    public static boolean decodes(Runnable decode) {
        try {
            decode.run();
            return true;
        } catch (DecodeException e) {
            check(TlsException.decodeError("fuzzed input", e));
            return false;
        } catch (TlsException e) {
            check(e);
            return false;
        }
    }

    /** Throws when {@code e} is not a proper refusal of hostile input. */
    public static void check(TlsException e) {
        if (e.isLocal()) {
            // Our refusal: its Violation names the alert we send (Violation.alert()).
            if (e.violation().orElse(null) == Violation.INTERNAL_ERROR) {
                throw new AssertionError("hostile input caused internal_error: " + e.getMessage(), e);
            }
        } else if (e.received().isEmpty() && e.receivedUnknownDescription().isEmpty()) {
            // The peer's error: it carries the alert received, known or not (RFC 8446 §6).
            throw new AssertionError("a peer error without the alert it received", e);
        }
    }
}
