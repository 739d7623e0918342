package dev.tlsworkbook.engine;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A fixed-clock, seeded test PKI and configs for in-memory client/server pairs. */
final class TlsPair {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC);
    private static final TestPki PKI = TestPki.create(CLOCK, seeded(1));
    static final CertifiedKey LOCALHOST = PKI.issueLocalhost(KeyKind.EC_P256);

    private TlsPair() {
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static TlsConfig.Builder client() {
        return TlsConfig.builder().clock(CLOCK).random(seeded(2))
                .trustPolicy(TrustPolicy.verify(List.of(PKI.caCertificate()), CLOCK));
    }

    static TlsConfig.Builder server() {
        return TlsConfig.builder().clock(CLOCK).random(seeded(3)).certificates(List.of(LOCALHOST));
    }

    /** A client trusting a CA that did not issue {@link #LOCALHOST}. */
    static TlsConfig.Builder clientTrustingAnotherCa() {
        TestPki other = TestPki.create(CLOCK, seeded(4));
        return TlsConfig.builder().clock(CLOCK).random(seeded(5))
                .trustPolicy(TrustPolicy.verify(List.of(other.caCertificate()), CLOCK));
    }
}
