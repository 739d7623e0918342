package dev.tlsworkbook.tls12.resumption;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.session.SealedState;
import dev.tlsworkbook.session.TicketSealer;
import dev.tlsworkbook.wire.DecodeException;
import java.util.Optional;

/**
 * TLS 1.2 tickets (RFC 5077 §4): the {@link Tls12TicketState} sealed by the same
 * {@link TicketSealer} and rotating keys that seal TLS 1.3 tickets, tagged with version 0x0303 so
 * neither version ever opens the other's (rustls's version-tagged ServerSessionValue; Go: "never
 * resume a session for a different TLS version").
 *
 * @since chapter05
 */
public final class Tls12Tickets {
    private static final int VERSION = ProtocolVersion.TLS1_2.code();

    private Tls12Tickets() {
    }

    /** The ticket for {@code state}. */
    public static Opaque issue(TicketSealer sealer, Tls12TicketState state) {
        return sealer.seal(new SealedState(SealedState.Purpose.TICKET, VERSION, state.encode()));
    }

    /**
     * RFC 5077 §3.1: "If the server cannot or does not want to honor the ticket, then it can
     * initiate a full handshake": empty for a ticket that is not ours, tampered with, sealed under
     * a key rotated out, or a TLS 1.3 ticket.
     */
    public static Optional<Tls12TicketState> redeem(TicketSealer sealer, Opaque ticket) {
        try {
            return sealer.open(ticket, SealedState.Purpose.TICKET, VERSION).map(Tls12TicketState::decode);
        } catch (DecodeException e) {
            return Optional.empty();
        }
    }
}
