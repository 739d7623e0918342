package dev.tlsworkbook.handshake.resumption;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a TLS 1.3 server needs to resume a session from one ticket (RFC 8446 §4.6.1): the PSK
 * itself (already derived from resumption_master_secret and the ticket_nonce), the suite whose hash
 * it belongs to, the ticket_age_add that un-obfuscates the client's ticket age, when it was issued
 * and for how long, and what the first connection agreed that a resumption must keep: the
 * server_name (§4.6.1: "clients MUST NOT resume with a different SNI value") and, for 0-RTT, the
 * ALPN protocol and the early-data allowance (§4.2.10).
 *
 * <pre>
 * struct {
 *     CipherSuite cipher_suite;
 *     opaque psk&lt;32..255&gt;;
 *     uint32 ticket_age_add;
 *     uint64 issued_millis;
 *     uint32 ticket_lifetime;
 *     uint32 max_early_data_size;    // 0: no 0-RTT
 *     opaque server_name&lt;0..255&gt;;
 *     opaque alpn&lt;0..255&gt;;
 * } Tls13TicketState;   // sealed as SealedState(TICKET, 0x0304, ..)
 * </pre>
 *
 * @since chapter04
 */
public record ResumptionState(CipherSuite suite, SecretBytes psk, long ticketAgeAdd, Instant issued,
        long lifetimeSeconds, long maxEarlyDataSize, Optional<String> serverName, Optional<String> applicationProtocol) {

    public ResumptionState {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(psk, "psk");
        Objects.requireNonNull(issued, "issued");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(applicationProtocol, "applicationProtocol");
    }

    /** When the ticket stops being valid (RFC 8446 §4.6.1 ticket_lifetime). */
    public Instant expires() {
        return issued.plusSeconds(lifetimeSeconds);
    }

    public Opaque encode() {
        WireWriter w = new WireWriter(128).u16(suite.code()).opaque8(Opaque.of(psk.bytes())).u32(ticketAgeAdd)
                .u64(issued.toEpochMilli()).u32(lifetimeSeconds).u32(maxEarlyDataSize);
        w.opaque8(Opaque.of(serverName.orElse("").getBytes(StandardCharsets.US_ASCII)));
        w.opaque8(Opaque.of(applicationProtocol.orElse("").getBytes(StandardCharsets.ISO_8859_1)));
        return w.toOpaque();
    }

    /** Decodes state we sealed ourselves; anything else throws {@link DecodeException}. */
    public static ResumptionState decode(Opaque bytes) {
        WireReader in = WireReader.of(bytes);
        int code = in.u16();
        CipherSuite suite = CipherSuite.fromCode(code).filter(CipherSuite::isTls13)
                .orElseThrow(() -> new DecodeException(DecodeException.Reason.ILLEGAL_VALUE, "not a TLS 1.3 suite"));
        SecretBytes psk = SecretBytes.of(in.opaque8(32, 255).bytes());
        long ageAdd = in.u32();
        Instant issued = Instant.ofEpochMilli(in.u64());
        long lifetime = in.u32();
        long maxEarly = in.u32();
        String name = new String(in.opaque8(0, 255).bytes(), StandardCharsets.US_ASCII);
        String alpn = new String(in.opaque8(0, 255).bytes(), StandardCharsets.ISO_8859_1);
        in.expectEnd();
        return new ResumptionState(suite, psk, ageAdd, issued, lifetime, maxEarly,
                name.isEmpty() ? Optional.empty() : Optional.of(name), alpn.isEmpty() ? Optional.empty() : Optional.of(alpn));
    }

    @Override
    public String toString() {
        return "ResumptionState[" + suite + ", psk=[redacted], issued=" + issued + ", lifetime=" + lifetimeSeconds
                + "s, max_early_data_size=" + maxEarlyDataSize + ", sni=" + serverName.orElse("-") + ", alpn="
                + applicationProtocol.orElse("-") + "]";
    }
}
