package dev.tlsworkbook.handshake.resumption;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One cache for every version's sessions: each version takes only its own kind, stale ones go. */
class SessionCacheTest {
    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    private static final String KEY = SessionCache.key("Example.COM", 443);

    /** Two kinds of session, as TLS 1.3 and TLS 1.2 file them. */
    record Kind1(String name, Instant expires) implements CachedSession {
        @Override
        public boolean usableAt(Instant now) {
            return now.isBefore(expires);
        }
    }

    record Kind2(String name, Instant expires) implements CachedSession {
        @Override
        public boolean usableAt(Instant now) {
            return now.isBefore(expires);
        }
    }

    @Test
    void eachKindTakesOnlyItsOwnNewestFirstAndLeavesTheOthers() {
        SessionCache cache = new SessionCache(8);
        cache.put(KEY, new Kind1("old-1", NOW.plusSeconds(60)));
        cache.put(KEY, new Kind2("only-2", NOW.plusSeconds(60)));
        cache.put(KEY, new Kind1("new-1", NOW.plusSeconds(60)));
        assertEquals("example.com:443", KEY);
        assertEquals(Optional.of("only-2"), cache.take(KEY, NOW, Kind2.class).map(Kind2::name));
        assertEquals(2, cache.size(KEY));
        assertEquals(Optional.of("new-1"), cache.take(KEY, NOW, Kind1.class).map(Kind1::name));
        assertEquals(Optional.of("old-1"), cache.take(KEY, NOW, Kind1.class).map(Kind1::name));
        assertEquals(Optional.empty(), cache.take(KEY, NOW, Kind2.class));
        assertEquals(Optional.empty(), cache.take(KEY, NOW));
    }

    @Test
    void staleSessionsOfAnyKindAreDroppedOnTheWay() {
        SessionCache cache = new SessionCache(8);
        cache.put(KEY, new Kind2("stale-2", NOW.minusSeconds(1)));
        cache.put(KEY, new Kind1("fresh-1", NOW.plusSeconds(60)));
        cache.put(KEY, new Kind2("newest-stale-2", NOW));
        assertEquals(Optional.of("fresh-1"), cache.take(KEY, NOW, Kind1.class).map(Kind1::name));
        // The stale session met before the fresh one is gone; the one behind it is untouched until a later look.
        assertEquals(1, cache.size(KEY));
        assertEquals(Optional.empty(), cache.take(KEY, NOW, Kind2.class));
        assertEquals(0, cache.size(KEY));
    }

    @Test
    void anotherServerNameOrPortHoldsNothing() {
        SessionCache cache = new SessionCache(8);
        cache.put(KEY, new Kind1("a", NOW.plusSeconds(60)));
        assertEquals(Optional.empty(), cache.take(SessionCache.key("example.com", 8443), NOW, Kind1.class));
        assertEquals(Optional.empty(), cache.take(SessionCache.key("www.example.com", 443), NOW, Kind1.class));
        assertEquals(1, cache.size(KEY));
    }
}
