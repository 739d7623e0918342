package dev.tlsworkbook.crypto;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * <strong>A DEMO AND TEST FACILITY — NEVER USE FOR REAL KEYS.</strong> A {@link SecureRandom}
 * whose every byte follows from a seed, so a demo run with {@code --seed N} prints the same
 * randoms, key shares, GREASE values, certificates and signatures every time, on every JDK, and
 * the docs can show them. Anyone who knows the seed knows every key derived from it.
 *
 * <p>One seed gives independent streams by purpose ({@link #of(long, String)}): the client, the
 * server and the throwaway CA each draw from their own, so the order in which two threads happen
 * to ask for bytes cannot change what either gets. Production code never creates one: the
 * default everywhere is a plain {@code new SecureRandom()}; code that needs to know whether its
 * randomness is seeded (to sign deterministically, RFC 6979) asks {@code instanceof SeededRandom}.
 *
 * <p>The bytes are SHA1PRNG's (the JDK's SUN provider), seeded before first use, which makes it
 * repeat its output and is specified the same way on every JDK.
 *
 * @since chapter03
 */
public final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final transient String description;

    private SeededRandom(SecureRandom delegate, String description) {
        super(new Delegating(delegate), null);
        this.description = description;
    }

    /** The stream for {@code seed} alone: SHA1PRNG seeded with the 8 bytes of {@code seed}. */
    public static SeededRandom of(long seed) {
        SecureRandom r = sha1prng();
        r.setSeed(seed);
        return new SeededRandom(r, "seed " + seed);
    }

    /** An independent stream for one purpose ("client", "server", "pki", …) under {@code seed}. */
    public static SeededRandom of(long seed, String purpose) {
        SecureRandom r = sha1prng();
        r.setSeed(("tls-workbook demo seed " + seed + " for " + purpose).getBytes(StandardCharsets.UTF_8));
        return new SeededRandom(r, "seed " + seed + " for " + purpose);
    }

    private static SecureRandom sha1prng() {
        try {
            return SecureRandom.getInstance("SHA1PRNG", "SUN");
        } catch (NoSuchAlgorithmException | java.security.NoSuchProviderException e) {
            throw new IllegalStateException("the JDK's SUN provider has no SHA1PRNG", e);
        }
    }

    @Override
    public String getAlgorithm() {
        return "SeededRandom";
    }

    @Override
    public String toString() {
        return "SeededRandom(" + description + ", NOT SECRET)";
    }

    /** Hands every request to the seeded generator; never reseeds from the system. */
    private static final class Delegating extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final transient SecureRandom delegate;

        Delegating(SecureRandom delegate) {
            this.delegate = delegate;
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            delegate.setSeed(seed);
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            delegate.nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] out = new byte[numBytes];
            delegate.nextBytes(out);
            return out;
        }
    }
}
