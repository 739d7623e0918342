package dev.tlsworkbook.handshake.resumption;

import java.time.Instant;

/**
 * Something a client keeps to resume a session with one server: a TLS 1.3 ticket and PSK
 * ({@link ClientSession}), or a later chapter's TLS 1.2 ticket and master secret. One
 * {@link SessionCache} holds every kind, so a server is remembered once whichever version it
 * spoke; each version takes only its own kind (RFC 8446 §4.6.1 and Go's "never resume a session
 * for a different TLS version").
 *
 * @since chapter04
 */
public interface CachedSession {

    /** True while the session may still be offered (its lifetime, capped by the version's rules). */
    boolean usableAt(Instant now);
}
