package dev.tlsworkbook.tls12;

import dev.tlsworkbook.config.Tls13;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.engine.Peers;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.negotiation.Tls12Suites;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Configurations for both versions or one, on chapter04's test PKI, and a connect-and-echo check. */
public final class Versions {
    private Versions() {
    }

    /** A client offering TLS 1.3 and TLS 1.2 (the chapter05 default). */
    public static TlsConfig.Builder bothClient(long seed) {
        return Peers.client(seed).versions(Tls13.support(), Tls12.support()).cipherSuites(Tls12.allSuites());
    }

    /** A client offering TLS 1.2 only. */
    public static TlsConfig.Builder tls12Client(long seed) {
        return Peers.client(seed).versions(Tls12.support()).cipherSuites(Tls12Suites.DEFAULT);
    }

    public static TlsConfig.Builder bothServer(long seed, KeyKind... kinds) {
        return Peers.server(seed, kinds).versions(Tls13.support(), Tls12.support()).cipherSuites(Tls12.allSuites());
    }

    public static TlsConfig.Builder tls12Server(long seed, KeyKind... kinds) {
        return Peers.server(seed, kinds).versions(Tls12.support()).cipherSuites(Tls12Suites.DEFAULT);
    }

    /** Only {@code suite}, for a TLS 1.2-only configuration. */
    public static List<CipherSuite> only(CipherSuite suite) {
        return List.of(suite);
    }

    /** Handshakes, sends a line each way, and returns the client's summary. */
    public static HandshakeSummary connectAndTalk(TlsEngine client, TlsEngine server) {
        Peers.pump(client, server);
        exchange(client, server, "ping over " + client.summary().orElseThrow().version());
        exchange(server, client, "pong");
        return client.summary().orElseThrow();
    }

    public static void exchange(TlsEngine from, TlsEngine to, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        from.writePlaintext(bytes, 0, bytes.length);
        Peers.pump(from, to);
        assertEquals(text, new String(Peers.readAll(to), StandardCharsets.UTF_8));
    }
}
