package dev.tlsworkbook.handshake.connected;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.resumption.TicketReceiver;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.message.KeyUpdate;
import dev.tlsworkbook.handshake.message.KeyUpdateRequest;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.handshake.state.ConnectedState;
import dev.tlsworkbook.handshake.state.Expect;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.handshake.state.HandshakeState;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import java.util.Objects;
import java.util.Optional;

/**
 * After the handshake (RFC 8446 Appendix A: CONNECTED): application traffic secrets in both
 * directions, and the post-handshake messages of §4.6. KeyUpdate is honoured both ways;
 * NewSessionTicket is accepted by a client and filed in its session cache;
 * anything else, including a post-handshake CertificateRequest when we never sent
 * post_handshake_auth (§4.6.2), is unexpected_message.
 *
 * @since chapter04
 */
public final class Connected implements ConnectedState {
    private final boolean client;
    private final CipherSuite suite;
    private final TrafficSecret readSecret;
    private final TrafficSecret writeSecret;
    private final Optional<TicketReceiver> tickets;

    public Connected(boolean client, CipherSuite suite, TrafficSecret readSecret, TrafficSecret writeSecret) {
        this(client, suite, readSecret, writeSecret, Optional.empty());
    }

    /** A client's connected state that files the server's NewSessionTickets with {@code tickets} (RFC 8446 §4.6.1). */
    public Connected(boolean client, CipherSuite suite, TrafficSecret readSecret, TrafficSecret writeSecret,
            Optional<TicketReceiver> tickets) {
        this.tickets = Objects.requireNonNull(tickets);
        this.client = client;
        this.suite = Objects.requireNonNull(suite);
        this.readSecret = Objects.requireNonNull(readSecret);
        this.writeSecret = Objects.requireNonNull(writeSecret);
    }

    @Override
    public HandshakeState handle(HandshakeFrame frame, HandshakeOutput out) {
        if (frame.is(HandshakeType.KEY_UPDATE)) {
            return keyUpdate(Expect.decode(frame, KeyUpdate::decode), frame, out);
        }
        if (client && frame.is(HandshakeType.NEW_SESSION_TICKET)) {
            // RFC 8446 §4.6.1: the client MAY use the ticket later; it goes to the session cache.
            NewSessionTicket ticket = Expect.decode(frame, NewSessionTicket::decode);
            out.received(ticket, frame);
            tickets.ifPresent(t -> t.receive(ticket));
            return this;
        }
        // RFC 8446 §4.6.2: "The client MUST NOT send [post_handshake_auth] ... servers MUST NOT send a
        // post-handshake CertificateRequest to clients which do not offer this extension" -> unexpected_message.
        throw client ? Expect.unexpected(name(), frame, HandshakeType.KEY_UPDATE, HandshakeType.NEW_SESSION_TICKET)
                : Expect.unexpected(name(), frame, HandshakeType.KEY_UPDATE);
    }

    @Override
    public Connected updateKeys(boolean requestPeerUpdate, HandshakeOutput out) {
        out.send(new KeyUpdate(requestPeerUpdate ? KeyUpdateRequest.UPDATE_REQUESTED : KeyUpdateRequest.UPDATE_NOT_REQUESTED));
        TrafficSecret next = writeSecret.next();
        out.installWriteKeys(suite, next, epoch(next));
        // RFC 8446 §7.2: "Once client_/server_application_traffic_secret_N+1 and its associated traffic keys have
        // been computed, implementations SHOULD delete client_/server_application_traffic_secret_N and its
        // associated traffic keys."
        writeSecret.secret().destroy();
        return new Connected(client, suite, readSecret, next, tickets);
    }

    private Connected keyUpdate(KeyUpdate update, HandshakeFrame frame, HandshakeOutput out) {
        out.received(update, frame);
        // RFC 8446 §4.6.3: "Upon receiving a KeyUpdate, the receiver MUST update its receiving keys."
        TrafficSecret nextRead = readSecret.next();
        out.installReadKeys(suite, nextRead, epoch(nextRead));
        // RFC 8446 §7.2: the previous secret "SHOULD" be deleted once the next one is computed.
        readSecret.secret().destroy();
        Connected updated = new Connected(client, suite, nextRead, writeSecret, tickets);
        // RFC 8446 §4.6.3: "If the request_update field is set to "update_requested", then the receiver MUST
        // send a KeyUpdate of its own with request_update set to "update_not_requested" prior to sending its
        // next Application Data record."
        return update.requestUpdate() == KeyUpdateRequest.UPDATE_REQUESTED ? updated.updateKeys(false, out) : updated;
    }

    /** The epoch name of an application traffic secret: "application", then "application-N" after KeyUpdates. */
    public static String epoch(TrafficSecret secret) {
        return secret.generation() == 0 ? "application" : "application-" + secret.generation();
    }
}
