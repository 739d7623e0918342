package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.fuzz.TlsInvariant;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: the server engine fed client bytes from the first ClientHello on (docs/fuzzing.md).
 * The server's randomness and clock are fixed, so a recorded client (see {@link #clientBytes})
 * replays to a finished handshake and the fuzzer starts from a connection that works. Corpus and
 * crashers: {@code src/test/resources/dev/tlsworkbook/engine/ServerEngineFuzzTestInputs/serverEngine/}.
 */
public class ServerEngineFuzzTest {
    static final long SERVER_SEED = 44;
    static final long CLIENT_SEED = 43;

    @FuzzTest
    void serverEngine(byte[] input) {
        TlsEngine server = TlsEngine.server(Peers.server(SERVER_SEED).build());
        run(server, input);
    }

    /**
     * Feeds {@code input} to {@code engine} as one network read, then acts like an application:
     * reads what arrived, answers when connected, and reports end of stream. Holds the invariant
     * throughout, and after a failure checks the engine is closed and repeats the same error.
     */
    public static void run(TlsEngine engine, byte[] input) {
        TlsInvariant.holds(() -> {
            try {
                engine.receive(input, 0, input.length);
                Peers.drain(engine);
                byte[] plaintext = Peers.readAll(engine);
                if (engine.isHandshakeComplete() && !engine.isOutboundClosed()) {
                    engine.writePlaintext(plaintext, 0, plaintext.length);
                    engine.closeOutbound();
                }
                engine.receiveEndOfStream();
            } catch (TlsException e) {
                assertTrue(engine.isClosed(), "a failed engine is closed");
                assertSame(e, engine.failure().orElseThrow(), "the engine keeps its first error");
                throw e;
            }
        });
    }

    /** The recorded client: everything a real client sends in a whole connection, ending with close_notify. */
    static byte[] clientBytes() {
        return Peers.recordClient(Peers.client(CLIENT_SEED).build(), TlsEngine.server(Peers.server(SERVER_SEED).build()));
    }

    @Test
    void theRecordedClientReplaysToAFinishedHandshake() {
        byte[] input = clientBytes();
        TlsEngine server = TlsEngine.server(Peers.server(SERVER_SEED).build());
        server.receive(input, 0, input.length);
        assertTrue(server.isHandshakeComplete(), "the corpus seed reaches the connected state");
        assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), Peers.readAll(server));
        assertTrue(server.isInboundClosed());
    }

    @Test
    void aTruncatedClientEndsInTruncation() {
        byte[] input = clientBytes();
        TlsEngine server = TlsEngine.server(Peers.server(SERVER_SEED).build());
        run(server, java.util.Arrays.copyOf(input, input.length / 2));
        assertEquals(Optional.of(Violation.TRUNCATION), server.failure().flatMap(TlsException::violation));
    }
}
