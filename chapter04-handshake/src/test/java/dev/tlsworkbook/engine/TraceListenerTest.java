package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlsworkbook.alert.Alert;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.record.ContentType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trace listener sees the whole connection (RFC 8446 §2 message flow, §5 records, §6 alerts,
 * §7.3 key changes): every handshake message on both sides with the epoch it travels under, every
 * record, the compatibility change_cipher_spec, the alerts and each installation of keys.
 */
class TraceListenerTest {

    @Test
    void seesEveryMessageRecordAlertAndKeyChangeWithItsEpoch() {
        Recorder atClient = new Recorder();
        Recorder atServer = new Recorder();
        TlsEngine client = TlsEngine.client(Peers.client(100).traceListener(atClient).build(), "localhost");
        // Without tickets, so the sequence below is the handshake and KeyUpdate only (ResumptionTest covers tickets).
        TlsEngine server = TlsEngine.server(Peers.server(101).ticketCount(0).traceListener(atServer).build());
        Peers.pump(client, server);
        client.updateKeys(true);
        Peers.pump(client, server);
        HandshakeTest.exchange(client, server, "data");
        HandshakeTest.exchange(server, client, "reply");
        client.closeOutbound();
        Peers.pump(client, server);

        // RFC 8446 §2 with Appendix D.4 compatibility: the client's handshake keys are installed for writing
        // right after ServerHello (so an alert about the server's flight is protected), its second flight is
        // [change_cipher_spec] {Finished}; KeyUpdate moves to "application-1" (§4.6.3); the server's answer to
        // update_requested goes out right before its next application data.
        assertEquals(lines("""
                SENT CLIENT_HELLO(0x01) plaintext
                SENT record HANDSHAKE(22) plaintext
                RECEIVED record HANDSHAKE(22) plaintext
                RECEIVED SERVER_HELLO(0x02) plaintext
                RECEIVED keys handshake TLS_AES_128_GCM_SHA256(0x1301)
                SENT keys handshake TLS_AES_128_GCM_SHA256(0x1301)
                RECEIVED record CHANGE_CIPHER_SPEC(20) plaintext
                RECEIVED change_cipher_spec
                RECEIVED record APPLICATION_DATA(23) handshake
                RECEIVED ENCRYPTED_EXTENSIONS(0x08) handshake
                RECEIVED CERTIFICATE(0x0b) handshake
                RECEIVED CERTIFICATE_VERIFY(0x0f) handshake
                RECEIVED FINISHED(0x14) handshake
                RECEIVED keys application TLS_AES_128_GCM_SHA256(0x1301)
                SENT record CHANGE_CIPHER_SPEC(20) plaintext
                SENT change_cipher_spec
                SENT FINISHED(0x14) handshake
                SENT record APPLICATION_DATA(23) handshake
                SENT keys application TLS_AES_128_GCM_SHA256(0x1301)
                SENT KEY_UPDATE(0x18) application
                SENT record APPLICATION_DATA(23) application
                SENT keys application-1 TLS_AES_128_GCM_SHA256(0x1301)
                SENT record APPLICATION_DATA(23) application-1
                RECEIVED record APPLICATION_DATA(23) application
                RECEIVED KEY_UPDATE(0x18) application
                RECEIVED keys application-1 TLS_AES_128_GCM_SHA256(0x1301)
                RECEIVED record APPLICATION_DATA(23) application-1
                SENT record APPLICATION_DATA(23) application-1
                SENT alert close_notify(0)
                """), atClient.events);
        // The server's flight goes out in one protected record; it reads the client's Finished with the
        // client's handshake keys, installed once its own flight is queued.
        assertEquals(lines("""
                RECEIVED record HANDSHAKE(22) plaintext
                RECEIVED CLIENT_HELLO(0x01) plaintext
                SENT SERVER_HELLO(0x02) plaintext
                SENT record HANDSHAKE(22) plaintext
                SENT record CHANGE_CIPHER_SPEC(20) plaintext
                SENT change_cipher_spec
                SENT keys handshake TLS_AES_128_GCM_SHA256(0x1301)
                SENT ENCRYPTED_EXTENSIONS(0x08) handshake
                SENT CERTIFICATE(0x0b) handshake
                SENT CERTIFICATE_VERIFY(0x0f) handshake
                SENT FINISHED(0x14) handshake
                SENT record APPLICATION_DATA(23) handshake
                SENT keys application TLS_AES_128_GCM_SHA256(0x1301)
                RECEIVED keys handshake TLS_AES_128_GCM_SHA256(0x1301)
                RECEIVED record CHANGE_CIPHER_SPEC(20) plaintext
                RECEIVED change_cipher_spec
                RECEIVED record APPLICATION_DATA(23) handshake
                RECEIVED FINISHED(0x14) handshake
                RECEIVED keys application TLS_AES_128_GCM_SHA256(0x1301)
                RECEIVED record APPLICATION_DATA(23) application
                RECEIVED KEY_UPDATE(0x18) application
                RECEIVED keys application-1 TLS_AES_128_GCM_SHA256(0x1301)
                RECEIVED record APPLICATION_DATA(23) application-1
                SENT KEY_UPDATE(0x18) application
                SENT record APPLICATION_DATA(23) application
                SENT keys application-1 TLS_AES_128_GCM_SHA256(0x1301)
                SENT record APPLICATION_DATA(23) application-1
                RECEIVED record APPLICATION_DATA(23) application-1
                RECEIVED alert close_notify(0)
                """), atServer.events);
        // What one side reports sending is, byte for byte, what the other reports receiving.
        assertEquals(atClient.sent, atServer.received);
        assertEquals(atServer.sent, atClient.received);
    }

    private static List<String> lines(String block) {
        return block.lines().toList();
    }

    /** Writes each event as one line. */
    static final class Recorder implements TraceListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<Opaque> sent = new ArrayList<>();
        final List<Opaque> received = new ArrayList<>();

        @Override
        public void record(Direction direction, ContentType outerType, int length, String epoch) {
            events.add(direction + " record " + outerType + " " + epoch);
        }

        @Override
        public void handshakeMessage(Direction direction, HandshakeMessage message, Opaque wireBytes, String epoch) {
            events.add(direction + " " + message.type() + " " + epoch);
            (direction == Direction.SENT ? sent : received).add(wireBytes);
        }

        @Override
        public void changeCipherSpec(Direction direction) {
            events.add(direction + " change_cipher_spec");
        }

        @Override
        public void alert(Direction direction, Alert alert) {
            events.add(direction + " alert " + alert.description());
        }

        @Override
        public void keysInstalled(Direction direction, String epoch, CipherSuite suite) {
            events.add(direction + " keys " + epoch + " " + suite);
        }
    }
}
