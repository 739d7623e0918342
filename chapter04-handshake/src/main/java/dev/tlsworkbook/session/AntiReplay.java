package dev.tlsworkbook.session;

import dev.tlsworkbook.bytes.Opaque;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Single-use tickets for 0-RTT (RFC 8446 §8.1): remembers each ticket that carried accepted early
 * data until the ticket expires, and refuses its second use. Bounded: when the store is full (after
 * dropping expired entries) it refuses rather than forgets, because forgetting would let a replay
 * through; a refusal only costs the client its 0-RTT, never the connection (§8: "the server MUST
 * ... reject 0-RTT" when it cannot tell).
 *
 * <p>One store protects one server process; RFC 8446 §8 notes that several servers sharing
 * tickets need a shared store. Thread-safe.
 *
 * @since chapter04
 */
public final class AntiReplay {
    /** Default capacity: 100,000 tickets (about 200 bytes each: some 20 MB when full). */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Clock clock;
    private final int capacity;
    private final Map<Opaque, Instant> seen = new HashMap<>();
    private final PriorityQueue<Map.Entry<Opaque, Instant>> byExpiry =
            new PriorityQueue<>(Map.Entry.comparingByValue());

    public AntiReplay(Clock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /**
     * True the first time {@code id} is presented before {@code expires}; false for a replay or
     * when the store is full.
     */
    public synchronized boolean firstUse(Opaque id, Instant expires) {
        Instant now = clock.instant();
        while (!byExpiry.isEmpty() && !byExpiry.peek().getValue().isAfter(now)) {
            seen.remove(byExpiry.poll().getKey());
        }
        if (seen.containsKey(id) || seen.size() >= capacity) {
            return false;
        }
        seen.put(id, expires);
        byExpiry.add(Map.entry(id, expires));
        return true;
    }

    public synchronized int size() {
        return seen.size();
    }
}
