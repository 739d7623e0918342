package dev.tlsworkbook.tls12;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tlsworkbook.engine.Peers;
import dev.tlsworkbook.engine.ServerEngineFuzzTest;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.record.ProtocolVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    /**
     * The same server asking for a client certificate (clientAuth OPTIONAL, RFC 5246 §7.4.4), so the
     * mutations reach {@code ExpectClientCertificate} and {@code ExpectCertificateVerify}: seeded with
     * a client that answers with its chain and CertificateVerify and one that sends an empty Certificate.
     */
    @FuzzTest
    void tls12ServerEngineWithClientAuth(byte[] input) {
        ServerEngineFuzzTest.run(clientAuthServer(), input);
    }

    static TlsEngine server() {
        return TlsEngine.server(Versions.tls12Server(SERVER_SEED).build());
    }

    static TlsEngine clientAuthServer() {
        return TlsEngine.server(Versions.tls12Server(SERVER_SEED).clientAuth(ClientAuthMode.OPTIONAL)
                .trustPolicy(TrustPolicy.verify(List.of(Peers.pki().caCertificate()), Peers.NOW)).build());
    }

    /** The recorded client: everything a TLS 1.2 client sends in a whole connection, ending with close_notify. */
    static byte[] clientBytes() {
        return Peers.recordClient(Versions.tls12Client(CLIENT_SEED).build(), server());
    }

    /**
     * The recorded clients of {@link #tls12ServerEngineWithClientAuth}: one holding a certificate
     * ({@code seed-client-certificate}) and one without ({@code seed-client-anonymous}).
     */
    static Map<String, byte[]> clientAuthSeeds() {
        Map<String, byte[]> seeds = new TreeMap<>();
        seeds.put(CERTIFICATE_SEED, Peers.recordClient(Versions.tls12Client(CLIENT_SEED)
                .certificates(Peers.pki().issueClient("CN=alice", KeyKind.EC_P256)).build(), clientAuthServer()));
        seeds.put(ANONYMOUS_SEED, Peers.recordClient(Versions.tls12Client(CLIENT_SEED).build(), clientAuthServer()));
        return seeds;
    }

    static final String CERTIFICATE_SEED = "seed-client-certificate";
    static final String ANONYMOUS_SEED = "seed-client-anonymous";

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

    /**
     * The committed client-authentication seeds (written by {@link Tls12FuzzSeeds}) replay through
     * the server's ExpectClientCertificate and ExpectCertificateVerify to a finished handshake.
     */
    @Test
    void theCommittedClientAuthenticationSeedsReachTheClientCertificateStates() throws IOException {
        HandshakeSummary withCertificate = replayCommitted(CERTIFICATE_SEED);
        assertEquals(TrustStatus.TRUSTED, withCertificate.trust());
        assertEquals(Optional.of("CN=alice"), withCertificate.peerSubject());
        HandshakeSummary anonymous = replayCommitted(ANONYMOUS_SEED);
        assertEquals(TrustStatus.ANONYMOUS, anonymous.trust());
    }

    private static HandshakeSummary replayCommitted(String name) throws IOException {
        byte[] input;
        try (InputStream in = Tls12ServerEngineFuzzTest.class.getResourceAsStream(
                "Tls12ServerEngineFuzzTestInputs/tls12ServerEngineWithClientAuth/" + name)) {
            assertTrue(in != null, name + " is committed");
            input = in.readAllBytes();
        }
        TlsEngine server = clientAuthServer();
        server.receive(input, 0, input.length);
        assertTrue(server.isHandshakeComplete(), name + " reaches the connected state");
        assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), Peers.readAll(server));
        return server.summary().orElseThrow();
    }
}
