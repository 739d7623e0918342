package dev.tlsworkbook.alert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AlertTest {

    /** RFC 8446 §6, the AlertDescription enum, code by code. */
    @Test
    void everyRfc8446AlertCodeIsPresent() {
        Map<Integer, String> rfc = new TreeMap<>(Map.ofEntries(
                Map.entry(0, "close_notify"), Map.entry(10, "unexpected_message"), Map.entry(20, "bad_record_mac"),
                Map.entry(21, "decryption_failed_reserved"), Map.entry(22, "record_overflow"),
                Map.entry(30, "decompression_failure_reserved"), Map.entry(40, "handshake_failure"),
                Map.entry(41, "no_certificate_reserved"), Map.entry(42, "bad_certificate"),
                Map.entry(43, "unsupported_certificate"), Map.entry(44, "certificate_revoked"),
                Map.entry(45, "certificate_expired"), Map.entry(46, "certificate_unknown"),
                Map.entry(47, "illegal_parameter"), Map.entry(48, "unknown_ca"), Map.entry(49, "access_denied"),
                Map.entry(50, "decode_error"), Map.entry(51, "decrypt_error"),
                Map.entry(60, "export_restriction_reserved"), Map.entry(70, "protocol_version"),
                Map.entry(71, "insufficient_security"), Map.entry(80, "internal_error"),
                Map.entry(86, "inappropriate_fallback"), Map.entry(90, "user_canceled"),
                Map.entry(100, "no_renegotiation_reserved"), Map.entry(109, "missing_extension"),
                Map.entry(110, "unsupported_extension"), Map.entry(111, "certificate_unobtainable_reserved"),
                Map.entry(112, "unrecognized_name"), Map.entry(113, "bad_certificate_status_response"),
                Map.entry(114, "bad_certificate_hash_value_reserved"), Map.entry(115, "unknown_psk_identity"),
                Map.entry(116, "certificate_required"), Map.entry(120, "no_application_protocol")));
        Map<Integer, String> ours = new TreeMap<>();
        for (AlertDescription d : AlertDescription.values()) {
            ours.put(d.code(), d.name().toLowerCase());
        }
        assertEquals(rfc, ours);
        assertEquals(Optional.empty(), AlertDescription.fromCode(1));
        assertEquals(Optional.of(AlertDescription.NO_APPLICATION_PROTOCOL), AlertDescription.fromCode(120));
    }

    @Test
    void encodesAndDecodesTheTwoWireBytes() {
        Alert alert = Alert.fatal(AlertDescription.BAD_RECORD_MAC);
        assertArrayEquals(new byte[] {2, 20}, alert.encode());
        assertEquals(alert, Alert.decode(WireReader.of(new byte[] {2, 20})));
        assertArrayEquals(new byte[] {1, 0}, Alert.closeNotify().encode());
        assertEquals("Alert{level=FATAL(2), description=bad_record_mac(20)}", alert.toString());
    }

    @Test
    void rejectsAlertsOfTheWrongLengthOrWithUnknownCodes() {
        assertEquals(DecodeException.Reason.TRUNCATED,
                assertThrows(DecodeException.class, () -> Alert.decode(WireReader.of(new byte[] {2}))).reason());
        assertEquals(DecodeException.Reason.TRAILING_DATA,
                assertThrows(DecodeException.class, () -> Alert.decode(WireReader.of(new byte[] {2, 20, 0}))).reason());
        assertEquals(DecodeException.Reason.ILLEGAL_VALUE,
                assertThrows(DecodeException.class, () -> Alert.decode(WireReader.of(new byte[] {3, 20}))).reason());
        assertEquals(DecodeException.Reason.ILLEGAL_VALUE,
                assertThrows(DecodeException.class, () -> Alert.decode(WireReader.of(new byte[] {2, 99}))).reason());
    }

    @Test
    void levelsHaveTheirWireCodes() {
        assertEquals(Optional.of(AlertLevel.WARNING), AlertLevel.fromCode(1));
        assertEquals(Optional.of(AlertLevel.FATAL), AlertLevel.fromCode(2));
        assertEquals(Optional.empty(), AlertLevel.fromCode(0));
    }

    @Test
    void onlyCloseNotifyAndUserCanceledAreClosureAlerts() {
        assertEquals(2, Arrays.stream(AlertDescription.values()).filter(AlertDescription::isClosure).count());
        assertTrue(AlertDescription.USER_CANCELED.isClosure());
        assertFalse(AlertDescription.BAD_RECORD_MAC.isClosure());
    }
}
