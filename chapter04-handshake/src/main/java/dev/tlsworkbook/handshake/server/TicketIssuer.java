package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.MaxEarlyDataSize;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.handshake.resumption.ResumptionState;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.keyschedule.MasterSecret;
import dev.tlsworkbook.keyschedule.ResumptionMasterSecret;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the NewSessionTickets that follow the client's Finished (RFC 8446 §4.6.1): each with a
 * fresh random ticket_age_add, its own ticket_nonce (so each ticket has its own PSK), the
 * configured lifetime and, when 0-RTT is on, max_early_data_size. The ticket itself is the
 * resumption state sealed by {@link TlsConfig#serverTickets()}.
 *
 * @since chapter04
 */
final class TicketIssuer {
    private final TlsConfig config;
    private final Negotiation negotiation;
    private final MasterSecret master;
    private final boolean resumed;

    TicketIssuer(TlsConfig config, Negotiation negotiation, MasterSecret master, boolean resumed) {
        this.config = config;
        this.negotiation = negotiation;
        this.master = master;
        this.resumed = resumed;
    }

    /** @param clientFinishedHash Transcript-Hash(ClientHello ... client Finished) */
    void send(Opaque clientFinishedHash, HandshakeOutput out) {
        if (config.ticketCount() == 0) {
            return;
        }
        // RFC 8446 §7.1: resumption_master_secret = Derive-Secret(Master Secret, "res master", ClientHello...client Finished).
        ResumptionMasterSecret rms = master.resumptionMasterSecret(clientFinishedHash);
        long lifetime = config.ticketLifetime().getSeconds();
        for (int i = 0; i < config.ticketCount(); i++) {
            // RFC 8446 §4.6.1: "ticket_nonce: A per-ticket value that is unique across all tickets issued on this
            // connection"; "ticket_age_add: A securely generated, random 32-bit value ... The server MUST
            // generate a fresh value for each ticket it sends."
            Opaque nonce = Opaque.of(new byte[] {(byte) i});
            byte[] add = new byte[4];
            config.random().nextBytes(add);
            long ageAdd = ((add[0] & 0xffL) << 24) | ((add[1] & 0xff) << 16) | ((add[2] & 0xff) << 8) | (add[3] & 0xff);
            ResumptionState state = new ResumptionState(negotiation.suite(), rms.psk(nonce), ageAdd, config.clock().instant(),
                    lifetime, config.maxEarlyDataSize(), negotiation.serverName(), negotiation.applicationProtocol());
            List<Extension> extensions = new ArrayList<>();
            if (config.maxEarlyDataSize() > 0) {
                // RFC 8446 §4.6.1: early_data "indicating that the ticket may be used to send 0-RTT data".
                extensions.add(new MaxEarlyDataSize(config.maxEarlyDataSize()));
            }
            out.send(new NewSessionTicket(lifetime, ageAdd, nonce, config.serverTickets().issue(state),
                    new ExtensionBlock(ExtensionContext.NEW_SESSION_TICKET, extensions)));
            state.psk().destroy();
        }
    }

    boolean resumed() {
        return resumed;
    }
}
