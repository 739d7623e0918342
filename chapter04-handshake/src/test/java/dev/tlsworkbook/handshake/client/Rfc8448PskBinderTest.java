package dev.tlsworkbook.handshake.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.extension.PreSharedKeyClientHello;
import dev.tlsworkbook.handshake.extension.PskIdentity;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.NewSessionTicket;
import dev.tlsworkbook.handshake.message.Rfc8448;
import dev.tlsworkbook.handshake.resumption.ClientSession;
import dev.tlsworkbook.keyschedule.ResumptionMasterSecret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §4, client side: given §3's ticket and resumption secret and §4's ticket age, our
 * client's PSK derivation, obfuscated_ticket_age and binder computation turn the trace's
 * ClientHello with a zeroed binder into the trace's ClientHello, byte for byte (RFC 8446
 * §4.2.11.1, §4.2.11.2). (Our own ClientHello carries a different set of extensions than NSS's,
 * so the binder is computed over the trace's message.)
 */
class Rfc8448PskBinderTest {

    @Test
    void bindingTheTracesClientHelloReproducesItByteForByte() {
        NewSessionTicket ticket = NewSessionTicket.decode(HandshakeFrame.parse(
                Rfc8448.value("3.", "{server}  construct a NewSessionTicket handshake message:", "NewSessionTicket")).bodyReader());
        CipherSuite suite = CipherSuite.TLS_AES_128_GCM_SHA256;
        ResumptionMasterSecret rms = ResumptionMasterSecret.of(suite.hash().orElseThrow(), SecretBytes.of(
                Rfc8448.value("3.", "{client}  derive secret \"tls13 res master\":", "expanded").bytes()));
        SecretBytes psk = rms.psk(ticket.ticketNonce());

        // The trace prints the ClientHello before its binders; the record's payload is the whole message.
        Opaque rfcBytes = Rfc8448.value("4.", "{client}  send handshake record:", "payload");
        ClientHello rfc = ClientHello.decode(HandshakeFrame.parse(rfcBytes).bodyReader());
        PskIdentity rfcIdentity = rfc.extensions().find(PreSharedKeyClientHello.class).orElseThrow().identities().get(0);
        // The client's ticket age in the trace, recovered from its obfuscated age (RFC 8446 §4.2.11.1).
        long ageMillis = (rfcIdentity.obfuscatedTicketAge() - ticket.ticketAgeAdd()) & 0xffffffffL;
        Instant now = Instant.parse("2026-01-15T12:00:00Z");
        ClientSession session = new ClientSession(ticket.ticket(), psk, suite, now.minusMillis(ageMillis), ticket.ticketLifetime(),
                ticket.ticketAgeAdd(), 1 << 14, Optional.of("server"), Optional.empty(), new PeerAuthentication.Anonymous());
        assertEquals(rfcIdentity, new PskIdentity(session.ticket(), session.obfuscatedTicketAge(now)));

        ClientHello unbound = rfc.withBinders(List.of(Opaque.filled(32, 0)));
        ClientHello bound = ClientOffer.bind(TlsConfig.builder().build(), unbound, Optional.of(session), Optional.empty());
        assertEquals(rfcBytes, bound.frame().wireBytes());
    }
}
