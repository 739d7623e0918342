package dev.tlsworkbook.engine;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test fixtures: a throwaway PKI, deterministic randomness and clocks, and a pump between two engines. */
public final class Peers {
    public static final Instant ISSUED = Instant.parse("2026-01-15T12:00:00Z");
    public static final Clock ISSUE_CLOCK = Clock.fixed(ISSUED, ZoneOffset.UTC);
    public static final Clock NOW = Clock.fixed(ISSUED.plusSeconds(3600), ZoneOffset.UTC);

    private static TestPki pki;
    private static final Map<KeyKind, CertifiedKey> LEAVES = new EnumMap<>(KeyKind.class);

    private Peers() {
    }

    public static SecureRandom random(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static synchronized TestPki pki() {
        if (pki == null) {
            pki = TestPki.create(ISSUE_CLOCK, random(1));
        }
        return pki;
    }

    public static synchronized CertifiedKey leaf(KeyKind kind) {
        return LEAVES.computeIfAbsent(kind, k -> pki().issueLocalhost(k));
    }

    /** A client trusting the test CA at {@link #NOW}. */
    public static TlsConfig.Builder client(long seed) {
        return TlsConfig.builder().random(random(seed)).clock(NOW)
                .trustPolicy(TrustPolicy.verify(List.of(pki().caCertificate()), NOW));
    }

    public static TlsConfig.Builder server(long seed, KeyKind... kinds) {
        List<CertifiedKey> keys = java.util.Arrays.stream(kinds.length == 0 ? new KeyKind[] {KeyKind.EC_P256} : kinds)
                .map(Peers::leaf).toList();
        return TlsConfig.builder().random(random(seed)).clock(NOW).certificates(keys);
    }

    /** How bytes travel between the engines. */
    public enum Chunking { WHOLE, ONE_BYTE, RANDOM }

    /** Moves bytes both ways until neither side has anything to send. */
    public static void pump(TlsEngine a, TlsEngine b, Chunking chunking) {
        Random random = new Random(42);
        boolean moved = true;
        while (moved) {
            moved = transfer(a, b, chunking, random) | transfer(b, a, chunking, random);
        }
    }

    public static void pump(TlsEngine a, TlsEngine b) {
        pump(a, b, Chunking.WHOLE);
    }

    /** Moves what {@code from} has queued into {@code to}; true if anything moved. */
    public static boolean transfer(TlsEngine from, TlsEngine to, Chunking chunking, Random random) {
        byte[] bytes = drain(from);
        if (bytes.length == 0) {
            return false;
        }
        int pos = 0;
        while (pos < bytes.length) {
            int n = switch (chunking) {
                case WHOLE -> bytes.length - pos;
                case ONE_BYTE -> 1;
                case RANDOM -> Math.min(bytes.length - pos, 1 + random.nextInt(700));
            };
            to.receive(bytes, pos, n);
            pos += n;
        }
        return true;
    }

    public static byte[] drain(TlsEngine engine) {
        byte[] bytes = new byte[engine.pendingOutput()];
        engine.takeOutput(bytes, 0, bytes.length);
        return bytes;
    }

    /**
     * Everything a client made from {@code clientConfig} sends to {@code server} in one whole
     * connection — the handshake, "ping", close_notify — as one byte string: the recorded client
     * the server fuzz targets start from.
     */
    public static byte[] recordClient(TlsConfig clientConfig, TlsEngine server) {
        TlsEngine client = TlsEngine.client(clientConfig, "localhost");
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        boolean moved = true;
        while (moved) {
            byte[] fromClient = drain(client);
            sent.writeBytes(fromClient);
            server.receive(fromClient, 0, fromClient.length);
            byte[] fromServer = drain(server);
            client.receive(fromServer, 0, fromServer.length);
            moved = fromClient.length > 0 || fromServer.length > 0;
        }
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        client.writePlaintext(ping, 0, ping.length);
        client.closeOutbound();
        sent.writeBytes(drain(client));
        return sent.toByteArray();
    }

    public static byte[] readAll(TlsEngine engine) {
        byte[] bytes = new byte[engine.availablePlaintext()];
        engine.readPlaintext(bytes, 0, bytes.length);
        return bytes;
    }
}
