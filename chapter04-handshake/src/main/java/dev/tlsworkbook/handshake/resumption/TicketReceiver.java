package dev.tlsworkbook.handshake.resumption;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.extension.MaxEarlyDataSize;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.keyschedule.ResumptionMasterSecret;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The client's side of NewSessionTicket (RFC 8446 §4.6.1): derives each ticket's PSK from
 * resumption_master_secret and the ticket_nonce, and files the ticket in the session cache under
 * the server's name and port.
 *
 * @since chapter04
 */
public final class TicketReceiver {
    private final SessionCache cache;
    private final String key;
    private final ResumptionMasterSecret resumptionMasterSecret;
    private final CipherSuite suite;
    private final Clock clock;
    private final Optional<String> serverName;
    private final Optional<String> applicationProtocol;
    private final PeerAuthentication authentication;

    public TicketReceiver(SessionCache cache, String key, ResumptionMasterSecret resumptionMasterSecret, CipherSuite suite,
            Clock clock, Optional<String> serverName, Optional<String> applicationProtocol, PeerAuthentication authentication) {
        this.cache = Objects.requireNonNull(cache);
        this.key = Objects.requireNonNull(key);
        this.resumptionMasterSecret = Objects.requireNonNull(resumptionMasterSecret);
        this.suite = Objects.requireNonNull(suite);
        this.clock = Objects.requireNonNull(clock);
        this.serverName = Objects.requireNonNull(serverName);
        this.applicationProtocol = Objects.requireNonNull(applicationProtocol);
        this.authentication = Objects.requireNonNull(authentication);
    }

    /** Files {@code ticket}; one with a lifetime of zero is dropped ("the ticket should be discarded immediately"). */
    public void receive(NewSessionTicket ticket) {
        if (ticket.ticketLifetime() == 0) {
            return;
        }
        // RFC 8446 §4.6.1: "Clients MUST NOT cache tickets for longer than 7 days, regardless of the ticket_lifetime".
        long lifetime = Math.min(ticket.ticketLifetime(), NewSessionTicket.MAX_LIFETIME_SECONDS);
        long maxEarly = ticket.extensions().find(MaxEarlyDataSize.class).map(MaxEarlyDataSize::maxEarlyDataSize).orElse(0L);
        cache.put(key, new ClientSession(ticket.ticket(), resumptionMasterSecret.psk(ticket.ticketNonce()), suite,
                clock.instant(), lifetime, ticket.ticketAgeAdd(), maxEarly, serverName, applicationProtocol, authentication));
    }
}
