package dev.tlsworkbook.handshake.resumption;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ticket a client holds (RFC 8446 §4.6.1): the opaque ticket, the PSK derived for it, the
 * suite of the connection that issued it, when it arrived, its lifetime and ticket_age_add, and
 * how much early data the server allows with it (0: none).
 *
 * @param authentication how the server was authenticated in the connection that issued the ticket;
 *     a resumption inherits it (RFC 8446 §2.2: the PSK stands for that authentication)
 * @param serverName the server_name of the connection that received it; the ticket is offered to
 *     that name only (§4.6.1)
 * @since chapter04
 */
public record ClientSession(Opaque ticket, SecretBytes psk, CipherSuite suite, Instant received, long lifetimeSeconds,
        long ticketAgeAdd, long maxEarlyDataSize, Optional<String> serverName, Optional<String> applicationProtocol,
        PeerAuthentication authentication) implements CachedSession {

    public ClientSession {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(psk, "psk");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(applicationProtocol, "applicationProtocol");
        Objects.requireNonNull(authentication, "authentication");
    }

    /** RFC 8446 §4.6.1: "Clients MUST NOT cache tickets for longer than 7 days" nor past ticket_lifetime. */
    @Override
    public boolean usableAt(Instant now) {
        return !now.isBefore(received) && now.isBefore(received.plusSeconds(lifetimeSeconds));
    }

    /**
     * RFC 8446 §4.2.11.1: "The "obfuscated_ticket_age" field ... [is] the age of the ticket in
     * milliseconds added to ticket_age_add modulo 2^32."
     */
    public long obfuscatedTicketAge(Instant now) {
        long ageMillis = Math.max(0, now.toEpochMilli() - received.toEpochMilli());
        return (ageMillis + ticketAgeAdd) & 0xffffffffL;
    }

    @Override
    public String toString() {
        return "ClientSession[" + suite + ", ticket=" + ticket.length() + " bytes, psk=[redacted], received=" + received
                + ", lifetime=" + lifetimeSeconds + "s, max_early_data_size=" + maxEarlyDataSize + "]";
    }
}
