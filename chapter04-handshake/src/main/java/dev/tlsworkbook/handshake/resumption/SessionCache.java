package dev.tlsworkbook.handshake.resumption;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The client's tickets, keyed by server name and port (RFC 8446 §4.6.1: a ticket is offered only
 * to the server it came from; §C.4: a ticket is used once, so taking one removes it). It holds
 * every version's sessions ({@link CachedSession}); each version takes only its own kind. Bounded in
 * both directions: at most {@link #capacity()} servers, least recently used first out, and at most
 * {@link #PER_SERVER} tickets each, newest first. Thread-safe, so one cache serves every connection
 * made with one configuration.
 *
 * @since chapter04
 */
public final class SessionCache {
    /** Default number of servers remembered. */
    public static final int DEFAULT_CAPACITY = 256;
    /** Tickets kept per server: a server's usual batch (RFC 8446 §4.6.1 lets it send several). */
    public static final int PER_SERVER = 4;

    private final int capacity;
    private final LinkedHashMap<String, Deque<CachedSession>> byServer;

    public SessionCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        this.byServer = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<CachedSession>> eldest) {
                return size() > SessionCache.this.capacity;
            }
        };
    }

    /** A cache that keeps nothing: every connection makes a full handshake. */
    public static SessionCache disabled() {
        return new SessionCache(0);
    }

    public int capacity() {
        return capacity;
    }

    /** The key for a server: its name and port. */
    public static String key(String serverName, int port) {
        return serverName.toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }

    /** Stores a ticket received from {@code key}'s server. */
    public synchronized void put(String key, CachedSession session) {
        if (capacity == 0) {
            return;
        }
        Deque<CachedSession> tickets = byServer.computeIfAbsent(key, k -> new ArrayDeque<>());
        tickets.addFirst(session);
        while (tickets.size() > PER_SERVER) {
            tickets.removeLast();
        }
    }

    /** Removes and returns the newest TLS 1.3 ticket for {@code key} usable at {@code now}; stale ones are dropped. */
    public Optional<ClientSession> take(String key, Instant now) {
        return take(key, now, ClientSession.class);
    }

    /**
     * Removes and returns the newest session of {@code kind} for {@code key} usable at {@code now};
     * stale sessions of any kind are dropped, usable ones of other kinds stay.
     */
    public synchronized <T extends CachedSession> Optional<T> take(String key, Instant now, Class<T> kind) {
        Deque<CachedSession> tickets = byServer.get(key);
        if (tickets == null) {
            return Optional.empty();
        }
        for (Iterator<CachedSession> it = tickets.iterator(); it.hasNext();) {
            CachedSession session = it.next();
            if (!session.usableAt(now)) {
                it.remove();
            } else if (kind.isInstance(session)) {
                it.remove();
                return Optional.of(kind.cast(session));
            }
        }
        return Optional.empty();
    }

    /** How many tickets are held for {@code key}. */
    public synchronized int size(String key) {
        Deque<CachedSession> tickets = byServer.get(key);
        return tickets == null ? 0 : tickets.size();
    }
}
