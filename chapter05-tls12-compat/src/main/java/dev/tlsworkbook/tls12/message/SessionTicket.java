package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import java.util.Objects;

/**
 * The SessionTicket extension (RFC 5077 §3.2, code point 35): "The extension_data field of
 * SessionTicket extension contains the ticket", with no length prefix of its own. In a
 * ClientHello it is empty ("prepared to receive" a ticket) or carries the ticket the client wants
 * to resume with; in a ServerHello it is always empty and promises a NewSessionTicket.
 *
 * @since chapter05
 */
public record SessionTicket(Opaque ticket) {
    /** The empty extension: a client ready for a ticket, or a server that will send one. */
    public static final SessionTicket EMPTY = new SessionTicket(Opaque.EMPTY);

    public SessionTicket {
        Objects.requireNonNull(ticket, "ticket");
        if (ticket.length() > 0xffff) {
            throw new IllegalArgumentException("a ticket is at most 65535 bytes");
        }
    }

    public static SessionTicket decode(Opaque data) {
        return new SessionTicket(data);
    }

    public Tls12Extension toExtension() {
        return Tls12Extension.of(ExtensionType.SESSION_TICKET, ticket);
    }
}
