package dev.tlsworkbook.tls12.resumption;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.resumption.CachedSession;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TLS 1.2 session the client can resume (RFC 5077 §3.3: "the client caches this ticket along
 * with the master secret and other parameters associated with the current session"), filed in
 * chapter04's session cache beside TLS 1.3 tickets under the server's name and port.
 *
 * @param ticket the opaque ticket from NewSessionTicket
 * @param extendedMasterSecret whether the session's master secret is RFC 7627's (§5.3: a resumption
 *     must use EMS exactly when the original did)
 * @param group the curve of the original key exchange, for the summary line
 * @param serverName the server_name of the original connection
 * @param authentication how the server was authenticated in the original connection, inherited by
 *     the resumption
 * @param peerChain the server's certificates from the original connection
 * @since chapter05
 */
public record Tls12ClientSession(Opaque ticket, SecretBytes masterSecret, CipherSuite suite, boolean extendedMasterSecret,
        NamedGroup group, Optional<String> serverName, PeerAuthentication authentication, List<X509Certificate> peerChain,
        Instant received, long lifetimeSeconds) implements CachedSession {
    /** The longest we keep a session, whatever the server's hint: seven days, TLS 1.3's cap (RFC 8446 §4.6.1). */
    public static final long MAX_LIFETIME_SECONDS = Duration.ofDays(7).toSeconds();
    /** RFC 5077 §3.3: a hint of zero means "the lifetime is not specified"; we then keep the session one day. */
    public static final long UNSPECIFIED_LIFETIME_SECONDS = Duration.ofDays(1).toSeconds();

    public Tls12ClientSession {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(masterSecret, "masterSecret");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(authentication, "authentication");
        peerChain = List.copyOf(peerChain);
        Objects.requireNonNull(received, "received");
    }

    /** How long to keep a ticket whose NewSessionTicket carried {@code hint} (RFC 5077 §3.3 ticket_lifetime_hint). */
    public static long lifetimeFor(long hint) {
        return Math.min(hint == 0 ? UNSPECIFIED_LIFETIME_SECONDS : hint, MAX_LIFETIME_SECONDS);
    }

    @Override
    public boolean usableAt(Instant now) {
        return !now.isBefore(received) && now.isBefore(received.plusSeconds(lifetimeSeconds));
    }

    @Override
    public String toString() {
        return "Tls12ClientSession[" + suite + ", ticket=" + ticket.length() + " bytes, master_secret=[redacted], ems="
                + extendedMasterSecret + ", received=" + received + ", lifetime=" + lifetimeSeconds + "s]";
    }
}
