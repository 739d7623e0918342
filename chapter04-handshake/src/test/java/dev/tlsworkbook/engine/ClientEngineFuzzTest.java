package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.record.RecordLayer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: the client engine fed a server flight whose encrypted part is the fuzzer's input
 * (docs/fuzzing.md). A real server with fixed randomness answers the client's fixed ClientHello
 * once; its ServerHello and change_cipher_spec pass unchanged, and the input is sealed under that
 * server's handshake traffic keys (RFC 8446 §7.3) as the records that follow. So every mutation
 * arrives well protected and reaches the parsers of EncryptedExtensions, Certificate (and the
 * X.509 and chain checks behind it), CertificateVerify and Finished. The corpus seed is the real
 * server's flight, opened. Corpus and crashers:
 * {@code src/test/resources/dev/tlsworkbook/engine/ClientEngineFuzzTestInputs/clientEngine/}.
 */
class ClientEngineFuzzTest {
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final Flight FLIGHT = Flight.record();

    @FuzzTest
    void clientEngine(byte[] input) {
        TlsEngine client = newClient();
        Peers.drain(client);
        byte[] flight = FLIGHT.resealed(input);
        ServerEngineFuzzTest.run(client, flight);
    }

    private static TlsEngine newClient() {
        return TlsEngine.client(Peers.client(ServerEngineFuzzTest.CLIENT_SEED).cipherSuites(SUITE).build(), "localhost");
    }

    /** The real server's answer to the fixed ClientHello: its unprotected records and handshake keys. */
    record Flight(byte[] unprotected, SecretBytes handshakeSecret, byte[] handshakeMessages) {
        static Flight record() {
            List<String> serverLog = new ArrayList<>();
            TlsEngine client = newClient();
            TlsEngine server = TlsEngine.server(Peers.server(ServerEngineFuzzTest.SERVER_SEED)
                    .keyLog(KeyLog.to(serverLog::add)).build());
            byte[] hello = Peers.drain(client);
            server.receive(hello, 0, hello.length);
            byte[] flight = Peers.drain(server);
            SecretBytes secret = Tamper.secret(serverLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET");
            ByteArrayOutputStream unprotected = new ByteArrayOutputStream();
            for (int pos = 0; pos < flight.length; pos += RecordHeader.LENGTH + RecordHeader.length(flight, pos)) {
                if (flight[pos] != ContentType.APPLICATION_DATA.code()) {
                    unprotected.write(flight, pos, RecordHeader.LENGTH + RecordHeader.length(flight, pos));
                }
            }
            return new Flight(unprotected.toByteArray(), secret, Tamper.open(flight, SUITE, secret));
        }

        /** The unprotected records, then {@code handshake} sealed in records of at most 2^14 bytes (RFC 8446 §5.1). */
        byte[] resealed(byte[] handshake) {
            RecordLayer writer = Tamper.writer(SUITE, handshakeSecret);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(unprotected);
            for (int pos = 0; pos < handshake.length; pos += RecordHeader.MAX_PLAINTEXT) {
                int n = Math.min(RecordHeader.MAX_PLAINTEXT, handshake.length - pos);
                out.writeBytes(Tamper.seal(writer, ContentType.HANDSHAKE, Arrays.copyOfRange(handshake, pos, pos + n)));
            }
            return out.toByteArray();
        }
    }

    @Test
    void theRecordedFlightResealedFinishesTheHandshake() {
        TlsEngine client = newClient();
        Peers.drain(client);
        byte[] flight = FLIGHT.resealed(FLIGHT.handshakeMessages());
        client.receive(flight, 0, flight.length);
        assertTrue(client.isHandshakeComplete(), "the corpus seed reaches the connected state");
    }
}
