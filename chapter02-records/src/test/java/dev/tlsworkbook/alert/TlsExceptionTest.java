package dev.tlsworkbook.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.wire.DecodeException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsExceptionTest {

    @Test
    void aLocalErrorCarriesItsViolationAndTheAlertToSend() {
        TlsException e = TlsException.local(Violation.RECORD_OVERFLOW, "RFC 8446 §5.1: too long");
        assertTrue(e.isLocal());
        assertEquals(Optional.of(Violation.RECORD_OVERFLOW), e.violation());
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
        assertEquals(Optional.empty(), e.received());
        assertEquals("RFC 8446 §5.1: too long", e.getMessage());
    }

    @Test
    void aPeerErrorCarriesTheAlertReceived() {
        TlsException e = TlsException.peer(Alert.fatal(AlertDescription.UNKNOWN_CA));
        assertFalse(e.isLocal());
        assertEquals(Optional.empty(), e.violation());
        assertEquals(AlertDescription.UNKNOWN_CA, e.alert());
    }

    @Test
    void aDecodeExceptionBecomesADecodeErrorAlert() {
        TlsException e = TlsException.decodeError("alert",
                new DecodeException(DecodeException.Reason.TRUNCATED, "1 byte"));
        assertEquals(Optional.of(Violation.DECODE_ERROR), e.violation());
        assertEquals(AlertDescription.DECODE_ERROR, e.alert());
    }

    /** The one reason-to-alert table, as RFC 8446 §5 and §6 prescribe. */
    @Test
    void theReasonToAlertTableFollowsTheRfc() {
        assertEquals(AlertDescription.RECORD_OVERFLOW, Violation.RECORD_OVERFLOW.alert());
        assertEquals(AlertDescription.BAD_RECORD_MAC, Violation.BAD_RECORD_MAC.alert());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, Violation.UNKNOWN_CONTENT_TYPE.alert());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, Violation.EMPTY_INNER_PLAINTEXT.alert());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, Violation.ZERO_LENGTH_FRAGMENT.alert());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, Violation.BAD_CHANGE_CIPHER_SPEC.alert());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, Violation.KEY_CHANGE_INSIDE_MESSAGE.alert());
        assertEquals(AlertDescription.DECODE_ERROR, Violation.DECODE_ERROR.alert());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, Violation.INVALID_KEY_SHARE.alert());
        for (Violation v : Violation.values()) {
            assertFalse(v.alert().isClosure(), v + " must send an error alert");
        }
    }
}
