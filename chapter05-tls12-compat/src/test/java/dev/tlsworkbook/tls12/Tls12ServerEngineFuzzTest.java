package dev.tlsworkbook.tls12;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tlsworkbook.engine.Peers;
import dev.tlsworkbook.engine.ServerEngineFuzzTest;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.record.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: a server engine that speaks TLS 1.2 only, fed client bytes from the first
 * ClientHello on (docs/fuzzing.md). As in chapter 4's {@link ServerEngineFuzzTest}, randomness and
 * clock are fixed, so the recorded TLS 1.2 client ({@link #clientBytes}) replays to a finished
 * handshake and the fuzzer mutates from a working connection: ClientHello, ClientKeyExchange,
 * change_cipher_spec and the protected Finished (RFC 5246 §7.3) all reach the 1.2 server states.
 * Corpus and crashers: {@code src/test/resources/dev/tlsworkbook/tls12/Tls12ServerEngineFuzzTestInputs/}.
 *
 * @since chapter05
 */
public class Tls12ServerEngineFuzzTest {
    static final long SERVER_SEED = 54;
    static final long CLIENT_SEED = 53;

    @FuzzTest
    void tls12ServerEngine(byte[] input) {
        ServerEngineFuzzTest.run(server(), input);
    }

    static TlsEngine server() {
        return TlsEngine.server(Versions.tls12Server(SERVER_SEED).build());
    }

    /** The recorded client: everything a TLS 1.2 client sends in a whole connection, ending with close_notify. */
    static byte[] clientBytes() {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(CLIENT_SEED).build(), "localhost");
        TlsEngine server = server();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        boolean moved = true;
        while (moved) {
            byte[] fromClient = Peers.drain(client);
            sent.writeBytes(fromClient);
            server.receive(fromClient, 0, fromClient.length);
            byte[] fromServer = Peers.drain(server);
            client.receive(fromServer, 0, fromServer.length);
            moved = fromClient.length > 0 || fromServer.length > 0;
        }
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        client.writePlaintext(ping, 0, ping.length);
        client.closeOutbound();
        sent.writeBytes(Peers.drain(client));
        return sent.toByteArray();
    }

    @Test
    void theRecordedClientReplaysToAFinishedTls12Handshake() {
        byte[] input = clientBytes();
        TlsEngine server = server();
        server.receive(input, 0, input.length);
        assertTrue(server.isHandshakeComplete(), "the corpus seed reaches the connected state");
        assertEquals(ProtocolVersion.TLS1_2, server.summary().orElseThrow().version());
        assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), Peers.readAll(server));
        assertTrue(server.isInboundClosed());
    }
}
