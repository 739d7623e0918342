package dev.tlsworkbook.engine.interop;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * A throwaway CA and a {@code localhost} certificate, in memory for our side and as PEM files for
 * openssl and curl. Real processes check validity against the real clock, so this PKI is issued
 * at the system clock's now (valid for 30 days) rather than at a fixed instant.
 */
public final class InteropPki {
    public static final Clock CLOCK = Clock.systemUTC();

    public final TestPki pki;
    public final CertifiedKey localhost;
    public final Path caPem;
    public final Path certPem;
    public final Path keyPem;

    private InteropPki(TestPki pki, CertifiedKey localhost, Path caPem, Path certPem, Path keyPem) {
        this.pki = pki;
        this.localhost = localhost;
        this.caPem = caPem;
        this.certPem = certPem;
        this.keyPem = keyPem;
    }

    public static InteropPki create(Path directory, KeyKind kind) throws IOException {
        TestPki pki = TestPki.create(CLOCK, new SecureRandom());
        CertifiedKey localhost = pki.issueLocalhost(kind);
        Path ca = directory.resolve("ca.pem");
        Path cert = directory.resolve("localhost-chain.pem");
        Path key = directory.resolve("localhost-key.pem");
        pki.writeCaPem(ca);
        TestPki.writePem(localhost, cert, key);
        return new InteropPki(pki, localhost, ca, cert, key);
    }

    /** A client that trusts only this PKI's CA. */
    public TlsConfig.Builder client() {
        return TlsConfig.builder().clock(CLOCK).trustPolicy(TrustPolicy.verify(List.of(pki.caCertificate()), CLOCK));
    }

    /** A server presenting the localhost certificate. */
    public TlsConfig.Builder server() {
        return TlsConfig.builder().clock(CLOCK).certificates(List.of(localhost));
    }
}
