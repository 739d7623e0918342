package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * The TLS 1.2 NewSessionTicket (RFC 5077 §3.3), sent before the server's ChangeCipherSpec:
 *
 * <pre>
 * struct {
 *     uint32 ticket_lifetime_hint;
 *     opaque ticket&lt;0..2^16-1&gt;;
 * } NewSessionTicket;
 * </pre>
 *
 * @since chapter05
 */
public record Tls12NewSessionTicket(long ticketLifetimeHint, Opaque ticket) implements HandshakeMessage {

    public Tls12NewSessionTicket {
        Objects.requireNonNull(ticket, "ticket");
    }

    public static Tls12NewSessionTicket decode(WireReader in) {
        long hint = in.u32();
        Opaque ticket = in.opaque16(0, 0xffff);
        in.expectEnd();
        return new Tls12NewSessionTicket(hint, ticket);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encode(WireWriter out) {
        out.u32(ticketLifetimeHint).opaque16(ticket);
    }

    @Override
    public String traceFields() {
        return "lifetime_hint=" + ticketLifetimeHint + "s ticket=" + ticket.length() + "B";
    }
}
