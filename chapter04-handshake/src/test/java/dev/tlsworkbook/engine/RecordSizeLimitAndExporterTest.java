package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordLayer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * record_size_limit (RFC 8449) both ways, and the keying-material exporter (RFC 8446 §7.5).
 */
class RecordSizeLimitAndExporterTest {

    @Test
    void eachSideFragmentsToThePeersLimit() {
        List<Integer> atClient = new ArrayList<>();
        List<Integer> atServer = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(500).recordSizeLimit(256).traceListener(sizes(atClient)).build(),
                "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(501).recordSizeLimit(1000).traceListener(sizes(atServer)).build());
        Peers.pump(client, server);
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 'x');
        server.writePlaintext(big, 0, big.length);
        Peers.pump(server, client);
        assertArrayEquals(big, Peers.readAll(client));
        client.writePlaintext(big, 0, big.length);
        Peers.pump(client, server);
        assertArrayEquals(big, Peers.readAll(server));
        // TLSInnerPlaintext = ciphertext - 16-byte tag: at most 256 toward the client, 1000 toward the server. The
        // server's protected handshake records honour the client's limit too.
        assertTrue(atClient.stream().allMatch(n -> n - 16 <= 256), atClient.toString());
        assertTrue(atServer.stream().allMatch(n -> n - 16 <= 1000), atServer.toString());
        // The server's encrypted flight in three records (the first two full), its two NewSessionTickets (266 bytes)
        // in two, then 5000 bytes in ceil(5000/255) = 20.
        assertEquals(256 + 16, atClient.get(0));
        assertEquals(256 + 16, atClient.get(3));
        assertEquals(3 + 2 + 20, atClient.size(), atClient.toString());
    }

    @Test
    void aPeerSendingLargerRecordsThanItAllowedIsRecordOverflow() {
        // A scripted client that ignores the server's record_size_limit: 1000 bytes in one record.
        TlsEngine server = TlsEngine.server(Peers.server(503).recordSizeLimit(512).build());
        byte[] record = recordFromTheClient(server, 502, 1000);
        TlsException e = assertThrows(TlsException.class, () -> server.receive(record, 0, record.length));
        assertEquals(Optional.of(Violation.RECORD_SIZE_LIMIT_EXCEEDED), e.violation());
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
    }

    @Test
    void aRecordAtTheLimitIsAccepted() {
        TlsEngine server = TlsEngine.server(Peers.server(505).recordSizeLimit(512).build());
        byte[] record = recordFromTheClient(server, 504, 511);
        server.receive(record, 0, record.length);
        assertEquals(511, Peers.readAll(server).length);
    }

    @Test
    void bothSidesExportTheSameKeyingMaterial() {
        TlsEngine client = TlsEngine.client(Peers.client(506).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(507).build());
        assertThrows(IllegalStateException.class, () -> client.exportKeyingMaterial("EXPERIMENTAL-x", null, 32));
        Peers.pump(client, server);
        byte[] context = "ctx".getBytes(StandardCharsets.US_ASCII);
        byte[] atClient = client.exportKeyingMaterial("EXPERIMENTAL-workbook", context, 48);
        assertEquals(48, atClient.length);
        assertArrayEquals(atClient, server.exportKeyingMaterial("EXPERIMENTAL-workbook", context, 48));
        // RFC 8446 §7.5: a different label or context gives different bytes; no context equals an empty one.
        assertFalse(Arrays.equals(atClient, server.exportKeyingMaterial("EXPERIMENTAL-other", context, 48)));
        assertFalse(Arrays.equals(atClient, server.exportKeyingMaterial("EXPERIMENTAL-workbook", new byte[0], 48)));
        assertArrayEquals(client.exportKeyingMaterial("EXPERIMENTAL-workbook", null, 16),
                server.exportKeyingMaterial("EXPERIMENTAL-workbook", new byte[0], 16));
    }

    /**
     * Connects a client to {@code server}, then seals {@code length} bytes of application data as
     * one record under the client's first application key, as a client ignoring the limit would.
     */
    private static byte[] recordFromTheClient(TlsEngine server, long seed, int length) {
        List<String> keyLog = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(seed).keyLog(KeyLog.to(keyLog::add)).build(), "localhost");
        Peers.pump(client, server);
        RecordLayer asClient = Tamper.writer(CipherSuite.TLS_AES_128_GCM_SHA256, Tamper.secret(keyLog, "CLIENT_TRAFFIC_SECRET_0"));
        return Tamper.seal(asClient, ContentType.APPLICATION_DATA, new byte[length]);
    }

    private static dev.tlsworkbook.handshake.state.TraceListener sizes(List<Integer> received) {
        return new dev.tlsworkbook.handshake.state.TraceListener() {
            @Override
            public void record(Direction direction, ContentType outerType, int length, String epoch) {
                if (direction == Direction.RECEIVED && outerType == ContentType.APPLICATION_DATA) {
                    received.add(length);
                }
            }
        };
    }
}
