package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.handshake.connected.Connected;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Key updates on our side (RFC 8446 §4.6.3, §5.5, §7.2): an automatic KeyUpdate before the write
 * key's record limit, a receive-side limit, one reply however many update_requested arrive, none
 * after our close_notify, and the previous secret destroyed.
 */
class KeyLimitsTest {
    private static final int LIMIT = 300;

    @Test
    void sendsAKeyUpdateBeforeTheWriteLimitWithoutBeingAsked() {
        List<String> keys = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(400).recordsPerKey(LIMIT).keyUpdateMargin(10)
                .traceListener(keyRecorder(keys)).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(401).recordsPerKey(LIMIT).build());
        Peers.pump(client, server);
        byte[] one = {42};
        for (int i = 0; i < 1000; i++) {
            client.writePlaintext(one, 0, 1);
            Peers.pump(client, server);
            assertEquals(1, Peers.readAll(server).length);
        }
        // 1000 records with updates every 290: generations 1, 2 and 3; the server, holding the same limit on
        // reading, accepted every record.
        assertEquals(List.of("SENT application", "SENT application-1", "SENT application-2", "SENT application-3"),
                keys.stream().filter(k -> k.startsWith("SENT application")).toList());
        HandshakeTest.exchange(server, client, "both still fine");
    }

    @Test
    void closesWhenThePeerSendsMoreRecordsUnderOneKeyThanTheLimit() {
        TlsEngine client = TlsEngine.client(Peers.client(402).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(403).recordsPerKey(LIMIT).build());
        Peers.pump(client, server);
        byte[] one = {1};
        for (int i = 0; i < LIMIT; i++) {
            client.writePlaintext(one, 0, 1);
            Peers.pump(client, server);
        }
        assertEquals(LIMIT, Peers.readAll(server).length);
        client.writePlaintext(one, 0, 1);
        TlsException atServer = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Optional.of(Violation.READ_KEY_LIMIT_EXCEEDED), atServer.violation());
        TlsException atClient = assertThrows(TlsException.class, () -> Peers.pump(server, client));
        assertEquals(Optional.of(AlertDescription.UNEXPECTED_MESSAGE), atClient.received().map(a -> a.description()));
    }

    @Test
    void answersManyUpdateRequestsWithOneKeyUpdate() {
        List<String> serverSent = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(404).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(405).traceListener(messageRecorder(serverSent)).build());
        Peers.pump(client, server);
        for (int i = 0; i < 3; i++) {
            client.updateKeys(true);
            Peers.pump(client, server);
        }
        assertEquals(List.of(), serverSent.stream().filter(m -> m.startsWith("SENT KEY_UPDATE")).toList(),
                "nothing is owed until the server writes");
        HandshakeTest.exchange(server, client, "one reply");
        HandshakeTest.exchange(server, client, "and no second one");
        assertEquals(List.of("SENT KEY_UPDATE"), serverSent.stream().filter(m -> m.startsWith("SENT KEY_UPDATE")).toList());
        HandshakeTest.exchange(client, server, "the client reads the new keys");
    }

    @Test
    void sendsNoKeyUpdateAfterItsCloseNotify() {
        List<String> serverSent = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(406).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(407).traceListener(messageRecorder(serverSent)).build());
        Peers.pump(client, server);
        client.updateKeys(true);
        server.closeOutbound();
        Peers.pump(client, server);
        client.updateKeys(true);
        Peers.pump(client, server);
        assertEquals(List.of(), serverSent.stream().filter(m -> m.startsWith("SENT KEY_UPDATE")).toList());
        assertEquals(-1, client.readPlaintext(new byte[1], 0, 1));
    }

    @Test
    void destroysThePreviousSecretAfterAnUpdate() {
        HashAlgorithm hash = HashAlgorithm.SHA256;
        SecretBytes write = SecretBytes.fromHex("11".repeat(32));
        SecretBytes read = SecretBytes.fromHex("22".repeat(32));
        TrafficSecret writeSecret = TrafficSecret.of(SecretLabel.CLIENT_APPLICATION_TRAFFIC, hash, write);
        TrafficSecret readSecret = TrafficSecret.of(SecretLabel.SERVER_APPLICATION_TRAFFIC, hash, read);
        Connected connected = new Connected(true, CipherSuite.TLS_AES_128_GCM_SHA256, readSecret, writeSecret);
        connected.updateKeys(false, new HandshakeOutput() {
            @Override
            public dev.tlsworkbook.bytes.Opaque send(dev.tlsworkbook.handshake.message.HandshakeMessage message) {
                return message.frame().wireBytes();
            }

            @Override
            public void sendChangeCipherSpec() {
            }

            @Override
            public void received(dev.tlsworkbook.handshake.message.HandshakeMessage message,
                    dev.tlsworkbook.handshake.message.HandshakeFrame frame) {
            }

            @Override
            public void installReadKeys(CipherSuite suite, TrafficSecret secret, String epoch) {
            }

            @Override
            public void installWriteKeys(CipherSuite suite, TrafficSecret secret, String epoch) {
                assertEquals(1, secret.generation());
            }

            @Override
            public void keyLog(dev.tlsworkbook.keyschedule.DerivedSecret secret, dev.tlsworkbook.bytes.Opaque clientRandom) {
            }

            @Override
            public void changeCipherSpecMode(dev.tlsworkbook.record.ChangeCipherSpecMode mode) {
            }

            @Override
            public void skipEarlyData(boolean skip) {
            }

            @Override
            public void serverName(String hostName) {
            }

            @Override
            public void acceptEarlyData(long maxEarlyDataSize) {
            }

            @Override
            public void dropEarlyWriteKeys() {
            }

            @Override
            public void sendWarning(dev.tlsworkbook.alert.AlertDescription description) {
            }

            @Override
            public void installReadProtection(dev.tlsworkbook.record.protection.RecordProtection protection,
                    CipherSuite suite, String epoch) {
            }

            @Override
            public void installWriteProtection(dev.tlsworkbook.record.protection.RecordProtection protection,
                    CipherSuite suite, String epoch) {
            }

            @Override
            public void keyLog(String label, dev.tlsworkbook.bytes.Opaque clientRandom,
                    dev.tlsworkbook.bytes.SecretBytes secret) {
            }

            @Override
            public void handshakeComplete(dev.tlsworkbook.handshake.state.HandshakeSummary summary,
                    List<java.security.cert.X509Certificate> peerCertificates) {
            }
        });
        // RFC 8446 §7.2: application_traffic_secret_0 is gone (zeroed); the read direction is untouched.
        assertArrayEquals(new byte[32], write.bytes());
        assertArrayEquals(SecretBytes.fromHex("22".repeat(32)).bytes(), read.bytes());
    }

    private static dev.tlsworkbook.handshake.state.TraceListener keyRecorder(List<String> lines) {
        return new dev.tlsworkbook.handshake.state.TraceListener() {
            @Override
            public void keysInstalled(Direction direction, String epoch, CipherSuite suite) {
                lines.add(direction + " " + epoch);
            }
        };
    }

    private static dev.tlsworkbook.handshake.state.TraceListener messageRecorder(List<String> lines) {
        return new dev.tlsworkbook.handshake.state.TraceListener() {
            @Override
            public void handshakeMessage(Direction direction, dev.tlsworkbook.handshake.message.HandshakeMessage message,
                    dev.tlsworkbook.bytes.Opaque wireBytes, String epoch) {
                lines.add(direction + " " + message.type().name());
            }
        };
    }
}
