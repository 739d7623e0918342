package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.crypto.SeededRandom;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;

/**
 * Where the demo's randomness and time come from: the system's ({@code new SecureRandom()}, the
 * system clock) unless {@code --seed N} is given. With a seed — <strong>a demo and test facility:
 * anyone who knows the seed knows every key</strong> — every random value (hello randoms, session
 * ids, key shares, GREASE, the throwaway CA and its certificates, ECDSA signatures through
 * RFC 6979, and whatever a later feature draws from {@code TlsConfig.random()}) comes from
 * {@link SeededRandom}, one independent stream per purpose, and the clock stands still at
 * {@link #SEEDED_NOW}, so two runs print the same bytes. Everything reaches the engine through
 * {@code TlsConfig.random()} and {@code TlsConfig.clock()}, the two injection points. A later
 * chapter's demo takes its entropy from here too.
 *
 * @since chapter04
 */
public record DemoEntropy(OptionalLong seed) {
    /** A seeded run's entropy: a demo and test facility, never for real keys. */
    public static DemoEntropy seeded(long seed) {
        return new DemoEntropy(OptionalLong.of(seed));
    }

    /** The seeded runs' "now": certificates are valid from it, tickets are issued at it. */
    public static final Instant SEEDED_NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** The system's randomness and clock: no seed. */
    public static DemoEntropy system() {
        return new DemoEntropy(OptionalLong.empty());
    }

    /** The randomness for one purpose: "client", "server", "pki", … */
    public SecureRandom random(String purpose) {
        return seed.isPresent() ? SeededRandom.of(seed.getAsLong(), purpose) : new SecureRandom();
    }

    /** The system clock, or with a seed a clock standing at {@link #SEEDED_NOW}. */
    public Clock clock() {
        return seed.isPresent() ? Clock.fixed(SEEDED_NOW, ZoneOffset.UTC) : Clock.systemUTC();
    }

    /** The line a seeded run prints first, so nobody mistakes its keys for secret ones. */
    public String warning() {
        return "--seed " + seed.getAsLong() + ": every key and random value below follows from the seed and the clock"
                + " stands at " + SEEDED_NOW + " (a teaching aid: never use --seed for anything real).";
    }
}
