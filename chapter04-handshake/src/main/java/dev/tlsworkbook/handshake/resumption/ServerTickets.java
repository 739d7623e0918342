package dev.tlsworkbook.handshake.resumption;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.session.SealedState;
import dev.tlsworkbook.session.TicketSealer;
import dev.tlsworkbook.wire.DecodeException;
import java.util.Optional;

/**
 * How a server turns resumption state into a ticket and back (RFC 8446 §4.6.1: the ticket is "an
 * opaque label" the server chooses). The default is {@link #stateless}: the state itself, sealed.
 * Replacing it is how a test injects a known ticket's state (RFC 8448 §4).
 *
 * @since chapter04
 */
public interface ServerTickets {

    /** The ticket for {@code state}. */
    Opaque issue(ResumptionState state);

    /** The state behind {@code ticket}, or empty when it is not ours, tampered with, or its key rotated out. */
    Optional<ResumptionState> redeem(Opaque ticket);

    /** Tickets that are the state sealed by {@code sealer}: the server remembers nothing per session. */
    static ServerTickets stateless(TicketSealer sealer) {
        int version = ProtocolVersion.TLS1_3.code();
        return new ServerTickets() {
            @Override
            public Opaque issue(ResumptionState state) {
                return sealer.seal(new SealedState(SealedState.Purpose.TICKET, version, state.encode()));
            }

            @Override
            public Optional<ResumptionState> redeem(Opaque ticket) {
                try {
                    return sealer.open(ticket, SealedState.Purpose.TICKET, version).map(ResumptionState::decode);
                } catch (DecodeException e) {
                    return Optional.empty();
                }
            }
        };
    }
}
