package dev.tlsworkbook.session;

import dev.tlsworkbook.bytes.Opaque;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's rotating ticket keys (RFC 5077 §4 "Recommended Ticket Construction", which RFC
 * 8446 §4.6.1 leaves to the server): a current key that seals new tickets and the previous one,
 * which still opens tickets sealed before the last rotation. A key is replaced once it is
 * {@link #rotation()} old, so a ticket stays redeemable for at most two rotation periods and a
 * stolen key exposes at most that window of sessions. A new instance (a restarted server) has fresh
 * keys: every older ticket fails to open and the client falls back to a full handshake.
 *
 * <p>Randomness and time are injected (GUIDE §5). Thread-safe: one instance serves every
 * connection of a server.
 *
 * @since chapter04
 */
public final class TicketKeys {
    /** Default rotation period: 12 hours. */
    public static final Duration DEFAULT_ROTATION = Duration.ofHours(12);
    /** Length of the key name carried in clear at the start of every ticket (RFC 5077 §4: 16 bytes). */
    public static final int NAME_LENGTH = 16;

    private final SecureRandom random;
    private final Clock clock;
    private final Duration rotation;
    private TicketKey current;
    private TicketKey previous;

    private TicketKeys(SecureRandom random, Clock clock, Duration rotation) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (rotation.isNegative() || rotation.isZero()) {
            throw new IllegalArgumentException("rotation must be positive: " + rotation);
        }
        this.rotation = rotation;
    }

    /** Fresh keys that rotate every {@code rotation}. */
    public static TicketKeys rotating(SecureRandom random, Clock clock, Duration rotation) {
        return new TicketKeys(random, clock, rotation);
    }

    public Duration rotation() {
        return rotation;
    }

    /** The key that seals new tickets, rotated first if it has served its period. */
    public synchronized TicketKey current() {
        Instant now = clock.instant();
        // The first key is made on first use, so a server that never issues a ticket draws no randomness.
        if (current == null) {
            current = newKey(now);
        } else if (!now.isBefore(current.created().plus(rotation))) {
            previous = current;
            current = newKey(now);
        }
        return current;
    }

    /** The current or previous key called {@code name}; anything older is gone. */
    public synchronized Optional<TicketKey> find(Opaque name) {
        current();
        if (current.name().equals(name)) {
            return Optional.of(current);
        }
        return previous != null && previous.name().equals(name) ? Optional.of(previous) : Optional.empty();
    }

    private TicketKey newKey(Instant created) {
        byte[] name = new byte[NAME_LENGTH];
        random.nextBytes(name);
        byte[] key = new byte[32];
        random.nextBytes(key);
        SecretKey aes = new SecretKeySpec(key, "AES");
        java.util.Arrays.fill(key, (byte) 0);
        return new TicketKey(Opaque.of(name), aes, created);
    }

    /**
     * One ticket key: its public name and its AES-256 key.
     *
     * @since chapter04
     */
    public record TicketKey(Opaque name, SecretKey key, Instant created) {
        @Override
        public String toString() {
            return "TicketKey[name=" + name + ", created=" + created + ", key=[redacted]]";
        }
    }
}
