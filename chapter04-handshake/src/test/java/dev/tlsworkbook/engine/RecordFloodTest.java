package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordLayer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that sends records without data forever is stopped after
 * {@link TlsEngine#MAX_RECORDS_WITHOUT_DATA} in a row; a record with data resets the count.
 */
class RecordFloodTest {
    private final List<String> serverLog = Collections.synchronizedList(new ArrayList<>());
    private TlsEngine client;
    private TlsEngine server;
    private RecordLayer serverWriter;

    @BeforeEach
    void connect() {
        client = TlsEngine.client(Peers.client(90).build(), "localhost");
        server = TlsEngine.server(Peers.server(91).ticketCount(0).keyLog(KeyLog.to(serverLog::add)).build());
        Peers.pump(client, server);
        serverWriter = Tamper.writer(CipherSuite.TLS_AES_128_GCM_SHA256, Tamper.secret(serverLog, "SERVER_TRAFFIC_SECRET_0"));
    }

    @Test
    void endsAFloodOfEmptyApplicationDataRecords() {
        for (int i = 0; i < TlsEngine.MAX_RECORDS_WITHOUT_DATA; i++) {
            fromServer(new byte[0]);
        }
        assertFalse(client.failure().isPresent(), "32 empty records in a row are still allowed");

        TlsException e = assertThrows(TlsException.class, () -> fromServer(new byte[0]));
        assertEquals(Optional.of(Violation.TOO_MANY_RECORDS_WITHOUT_DATA), e.violation(), e.getMessage());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void aRecordWithDataResetsTheCount() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < TlsEngine.MAX_RECORDS_WITHOUT_DATA; i++) {
                fromServer(new byte[0]);
            }
            fromServer(("round " + round).getBytes(StandardCharsets.UTF_8));
        }
        assertFalse(client.failure().isPresent());
        assertArrayEquals("round 0round 1round 2".getBytes(StandardCharsets.UTF_8), Peers.readAll(client));
    }

    @Test
    void endsAFloodOfKeyUpdates() {
        for (int i = 0; i <= TlsEngine.MAX_RECORDS_WITHOUT_DATA; i++) {
            server.updateKeys(false);
        }
        TlsException e = assertThrows(TlsException.class, () -> Peers.pump(server, client));
        assertEquals(Optional.of(Violation.TOO_MANY_RECORDS_WITHOUT_DATA), e.violation(), e.getMessage());
    }

    private void fromServer(byte[] bytes) {
        byte[] record = Tamper.seal(serverWriter, ContentType.APPLICATION_DATA, bytes);
        client.receive(record, 0, record.length);
    }
}
