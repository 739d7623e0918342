package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.Fields;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * A resumption ticket, sent by the server after the handshake (RFC 8446 §4.6.1):
 *
 * <pre>
 * struct {
 *     uint32 ticket_lifetime;
 *     uint32 ticket_age_add;
 *     opaque ticket_nonce&lt;0..255&gt;;
 *     opaque ticket&lt;1..2^16-1&gt;;
 *     Extension extensions&lt;0..2^16-2&gt;;
 * } NewSessionTicket;
 * </pre>
 *
 * @since chapter04
 */
public record NewSessionTicket(long ticketLifetime, long ticketAgeAdd, Opaque ticketNonce, Opaque ticket,
                               ExtensionBlock extensions) implements Tls13Message {
    /** RFC 8446 §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)." */
    public static final long MAX_LIFETIME_SECONDS = 604_800;

    public NewSessionTicket {
        Fields.check(ticketLifetime >= 0 && ticketLifetime <= 0xffffffffL, "ticket_lifetime out of range");
        Fields.check(ticketAgeAdd >= 0 && ticketAgeAdd <= 0xffffffffL, "ticket_age_add out of range");
        Objects.requireNonNull(ticketNonce, "ticketNonce");
        Objects.requireNonNull(ticket, "ticket");
        Fields.check(ticketNonce.length() <= 255, "ticket_nonce is at most 255 bytes");
        Fields.check(!ticket.isEmpty(), "ticket must not be empty");
        Fields.check(extensions.context() == ExtensionContext.NEW_SESSION_TICKET, "extensions must be an NST block");
    }

    public static NewSessionTicket decode(WireReader in) {
        long lifetime = in.u32();
        long ageAdd = in.u32();
        Opaque nonce = in.opaque8(0, 255);
        Opaque ticket = in.opaque16(1, 0xffff);
        ExtensionBlock extensions = ExtensionBlock.decode(in.sub16(0, 0xfffe), ExtensionContext.NEW_SESSION_TICKET);
        in.expectEnd();
        return new NewSessionTicket(lifetime, ageAdd, nonce, ticket, extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encode(WireWriter out) {
        out.u32(ticketLifetime).u32(ticketAgeAdd).opaque8(ticketNonce).opaque16(ticket).prefixed16(extensions::encode);
    }

    /** {@code ticket_age_add} hides the ticket age but is not a key; {@code ticket} is opaque to the client. */
    @Override
    public String toString() {
        return "NewSessionTicket{ticket_lifetime=" + ticketLifetime + ", ticket_age_add=" + ticketAgeAdd
                + ", ticket_nonce=" + ticketNonce + ", ticket=" + ticket + ", extensions=" + extensions + "}";
    }
}
