package dev.tlsworkbook.bench;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * The workbook's own TLS 1.3 engines (chapter04) set up like {@link JdkTls}: a server with an
 * ECDSA P-256 certificate from a throwaway CA, a client that trusts that CA, x25519 (or a
 * group given) and TLS_AES_128_GCM_SHA256, and GREASE off so both sides send what the JDK sends.
 *
 * @since bench
 */
final class WorkbookTls {
    private final TlsConfig client;
    private final TlsConfig server;
    private final byte[] buffer = new byte[64 * 1024];

    WorkbookTls() {
        this(NamedGroup.X25519);
    }

    /** The same with key exchange in {@code group} (e.g. X25519MLKEM768, draft-ietf-tls-ecdhe-mlkem). */
    WorkbookTls(NamedGroup group) {
        this(group, KeyKind.EC_P256);
    }

    /**
     * The same with a server certificate for a key of {@code kind}, issued by a CA of the same kind
     * (RSA-2048: the CA signs with SHA256withRSA and CertificateVerify is RSA-PSS, RFC 8446 §4.4.3).
     */
    WorkbookTls(NamedGroup group, KeyKind kind) {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        TestPki pki = TestPki.create("CN=Bench CA", kind, clock, random, java.time.Duration.ofDays(1));
        CertifiedKey certificate = pki.issueLocalhost(kind);
        server = TlsConfig.builder()
                .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256)
                .groups(group)
                .certificates(certificate)
                // No tickets: every operation must be a full handshake, never a resumption (RFC 8446 §2.2).
                .ticketCount(0)
                .random(random)
                .clock(clock)
                .build();
        client = TlsConfig.builder()
                .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256)
                .groups(group)
                .trustPolicy(TrustPolicy.verify(List.of(pki.caCertificate()), clock))
                .grease(false)
                .random(random)
                .clock(clock)
                .build();
    }

    /** One full handshake between a fresh client and server engine, in memory. */
    TlsEngine handshake() {
        TlsEngine c = TlsEngine.client(client, "localhost");
        TlsEngine s = TlsEngine.server(server);
        for (int round = 0; round < 10 && !(c.isHandshakeComplete() && s.isHandshakeComplete()); round++) {
            move(c, s);
            move(s, c);
        }
        if (!c.isHandshakeComplete() || !s.isHandshakeComplete()) {
            throw new IllegalStateException("workbook handshake did not finish");
        }
        return c;
    }

    private void move(TlsEngine from, TlsEngine to) {
        while (from.pendingOutput() > 0) {
            int n = from.takeOutput(buffer, 0, buffer.length);
            to.receive(buffer, 0, n);
        }
    }
}
