package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.handshake.state.TraceListener;
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
 * Post-handshake messages from a server (RFC 8446 §4.6) that our server never sends, written
 * under the server's application traffic keys taken from its key log.
 */
class PostHandshakeTest {
    private final List<String> serverLog = Collections.synchronizedList(new ArrayList<>());
    private final List<HandshakeType> clientReceived = Collections.synchronizedList(new ArrayList<>());
    private TlsEngine client;
    private TlsEngine server;
    /** Writes as the server would, continuing its application-data sequence from 0. */
    private RecordLayer serverWriter;

    @BeforeEach
    void connect() {
        TraceListener trace = new TraceListener() {
            @Override
            public void handshakeMessage(Direction direction, HandshakeMessage message, Opaque wireBytes, String epoch) {
                if (direction == Direction.RECEIVED) {
                    clientReceived.add(message.type());
                }
            }
        };
        client = TlsEngine.client(Peers.client(80).traceListener(trace).build(), "localhost");
        server = TlsEngine.server(Peers.server(81).ticketCount(0).keyLog(KeyLog.to(serverLog::add)).build());
        Peers.pump(client, server);
        serverWriter = Tamper.writer(CipherSuite.TLS_AES_128_GCM_SHA256, Tamper.secret(serverLog, "SERVER_TRAFFIC_SECRET_0"));
    }

    @Test
    void clientAcceptsNewSessionTicketsBetweenRecords() {
        NewSessionTicket ticket = new NewSessionTicket(7200, 0x12345678L, Opaque.filled(1, 0), Opaque.filled(48, 9),
                ExtensionBlock.empty(ExtensionContext.NEW_SESSION_TICKET));
        byte[] twoTickets = ticket.frame().wireBytes().concat(ticket.frame().wireBytes()).bytes();
        fromServer(ContentType.HANDSHAKE, twoTickets);
        fromServer(ContentType.APPLICATION_DATA, "after the tickets".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(HandshakeType.NEW_SESSION_TICKET, HandshakeType.NEW_SESSION_TICKET),
                clientReceived.subList(clientReceived.size() - 2, clientReceived.size()));
        assertArrayEquals("after the tickets".getBytes(StandardCharsets.UTF_8), Peers.readAll(client));
        assertFalse(client.failure().isPresent());
        HandshakeTest.exchange(client, server, "the connection goes on");
    }

    @Test
    void clientRefusesAPostHandshakeCertificateRequestWithoutPostHandshakeAuth() {
        CertificateRequest request = new CertificateRequest(Opaque.filled(8, 1), ExtensionBlock.of(
                ExtensionContext.CERTIFICATE_REQUEST, new SignatureAlgorithms(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256.code()))));
        TlsException e = assertThrows(TlsException.class,
                () -> fromServer(ContentType.HANDSHAKE, request.frame().wireBytes().bytes()));
        assertEquals(Optional.of(Violation.UNEXPECTED_MESSAGE), e.violation(), e.getMessage());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        // The alert goes out under the client's application keys, which the server reads.
        TlsException atServer = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Optional.of(AlertDescription.UNEXPECTED_MESSAGE), atServer.received().map(a -> a.description()));
    }

    private void fromServer(ContentType type, byte[] bytes) {
        byte[] record = Tamper.seal(serverWriter, type, bytes);
        client.receive(record, 0, record.length);
    }
}
