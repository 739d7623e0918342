package dev.tlsworkbook.record.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.vectors.Rfc8448Trace;
import dev.tlsworkbook.vectors.Rfc8448Trace.Step;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 8448 §3 (simple 1-RTT, TLS_AES_128_GCM_SHA256): every protected record of the trace,
 * sealed from its payload with the trace's keys and sequence number, is byte for byte the RFC's
 * "complete record", and opening that record gives the payload back.
 */
class Rfc8448RecordProtectionTest {
    private static final Rfc8448Trace TRACE = Rfc8448Trace.load("/vectors/rfc8448-section3.txt");

    private static final String SERVER_HS = "{server} derive write traffic keys for handshake data";
    private static final String CLIENT_HS = "{server} derive read traffic keys for handshake data";
    private static final String SERVER_AP = "{server} derive write traffic keys for application data";
    private static final String CLIENT_AP = "{client} derive write traffic keys for application data";

    static Stream<Arguments> protectedRecords() {
        return Stream.of(
                // keys step, record step, occurrence of that step, content type, sequence number
                Arguments.of(SERVER_HS, "{server} send handshake record", 2, ContentType.HANDSHAKE, 0L),
                Arguments.of(CLIENT_HS, "{client} send handshake record", 2, ContentType.HANDSHAKE, 0L),
                Arguments.of(SERVER_AP, "{server} send handshake record", 3, ContentType.HANDSHAKE, 0L),
                Arguments.of(CLIENT_AP, "{client} send application_data record", 1, ContentType.APPLICATION_DATA, 0L),
                Arguments.of(SERVER_AP, "{server} send application_data record", 1, ContentType.APPLICATION_DATA, 1L),
                Arguments.of(CLIENT_AP, "{client} send alert record", 1, ContentType.ALERT, 1L),
                Arguments.of(SERVER_AP, "{server} send alert record", 1, ContentType.ALERT, 2L));
    }

    @ParameterizedTest(name = "{1} #{2} (seq {4})")
    @MethodSource("protectedRecords")
    void sealingTheRfcPayloadReproducesTheRfcRecord(String keys, String step, int nth, ContentType type, long seq) {
        Step record = TRACE.step(step, nth);
        byte[] payload = record.value("payload").bytes();
        byte[] out = new byte[payload.length + 64];

        int n = Tls13RecordProtection.of(keys(keys)).seal(type, payload, 0, payload.length, seq, out, 0);

        assertEquals(record.value("complete record"), Opaque.of(out, 0, n));
    }

    @ParameterizedTest(name = "{1} #{2} (seq {4})")
    @MethodSource("protectedRecords")
    void openingTheRfcRecordGivesThePayloadAndType(String keys, String step, int nth, ContentType type, long seq) {
        Step record = TRACE.step(step, nth);
        byte[] wire = record.value("complete record").bytes();
        byte[] out = new byte[wire.length];
        OpenedRecord result = new OpenedRecord();

        Tls13RecordProtection.of(keys(keys)).open(wire, 0, seq, out, 0, result);

        assertEquals(type, result.type());
        assertEquals(record.value("payload"), Opaque.of(out, 0, result.length()));
    }

    private static TrafficKeys keys(String step) {
        Step s = TRACE.step(step);
        return new TrafficKeys(AeadAlgorithm.AES_128_GCM,
                SecretBytes.of(s.value("key expanded").bytes()), SecretBytes.of(s.value("iv expanded").bytes()));
    }
}
