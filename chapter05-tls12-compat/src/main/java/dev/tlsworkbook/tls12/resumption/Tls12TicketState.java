package dev.tlsworkbook.tls12.resumption;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.negotiation.Tls12Suites;
import dev.tlsworkbook.tls12.prf.Tls12KeySchedule;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a TLS 1.2 server needs to resume a session from its ticket (RFC 5077 §4 lists "protocol
 * version, cipher suite, compression method, master secret, client identity" and a timestamp):
 * the suite and master secret (RFC 5246 §7.4.1.2: a resumed session keeps both), whether the
 * master secret is RFC 7627's extended one (§5.3: a resumption must use EMS exactly when the
 * original did), the curve of the original exchange (for the summary line), when it was issued and
 * for how long, and the server_name it was made for (RFC 6066 §3: a different name is never
 * resumed).
 *
 * <pre>
 * struct {
 *     CipherSuite cipher_suite;
 *     opaque master_secret[48];
 *     uint8 extended_master_secret;   // 0 or 1
 *     NamedGroup group;
 *     uint64 issued_millis;
 *     uint32 lifetime;
 *     opaque server_name&lt;0..255&gt;;
 * } Tls12TicketState;   // sealed as SealedState(TICKET, 0x0303, ..) by chapter04's TicketSealer
 * </pre>
 *
 * @since chapter05
 */
public record Tls12TicketState(CipherSuite suite, SecretBytes masterSecret, boolean extendedMasterSecret, NamedGroup group,
        Instant issued, long lifetimeSeconds, Optional<String> serverName) {

    public Tls12TicketState {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(masterSecret, "masterSecret");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(issued, "issued");
        Objects.requireNonNull(serverName, "serverName");
        if (masterSecret.length() != Tls12KeySchedule.MASTER_SECRET_LENGTH) {
            throw new IllegalArgumentException("RFC 5246 §8.1: the master secret is 48 bytes");
        }
    }

    /** RFC 5077 §5.6: a ticket is honoured only within its lifetime. */
    public boolean validAt(Instant now) {
        return !now.isBefore(issued) && now.isBefore(issued.plusSeconds(lifetimeSeconds));
    }

    public Opaque encode() {
        WireWriter w = new WireWriter(96).u16(suite.code()).bytes(Opaque.of(masterSecret.bytes()))
                .u8(extendedMasterSecret ? 1 : 0).u16(group.code()).u64(issued.toEpochMilli()).u32(lifetimeSeconds);
        w.opaque8(Opaque.of(serverName.orElse("").getBytes(StandardCharsets.US_ASCII)));
        return w.toOpaque();
    }

    /** Decodes state we sealed ourselves; anything else throws {@link DecodeException}. */
    public static Tls12TicketState decode(Opaque bytes) {
        WireReader in = WireReader.of(bytes);
        int code = in.u16();
        CipherSuite suite = CipherSuite.fromCode(code).filter(Tls12Suites::isSupported)
                .orElseThrow(() -> new DecodeException(DecodeException.Reason.ILLEGAL_VALUE, "not a TLS 1.2 suite of ours"));
        SecretBytes master = SecretBytes.of(in.fixed(Tls12KeySchedule.MASTER_SECRET_LENGTH).bytes());
        int ems = in.u8();
        int groupCode = in.u16();
        NamedGroup group = NamedGroup.fromCode(groupCode).filter(Tls12Suites.GROUPS::contains)
                .orElseThrow(() -> new DecodeException(DecodeException.Reason.ILLEGAL_VALUE, "not a TLS 1.2 curve"));
        Instant issued = Instant.ofEpochMilli(in.u64());
        long lifetime = in.u32();
        String name = new String(in.opaque8(0, 255).bytes(), StandardCharsets.US_ASCII);
        in.expectEnd();
        if (ems > 1) {
            throw new DecodeException(DecodeException.Reason.ILLEGAL_VALUE, "extended_master_secret flag " + ems);
        }
        return new Tls12TicketState(suite, master, ems == 1, group, issued, lifetime,
                name.isEmpty() ? Optional.empty() : Optional.of(name));
    }

    @Override
    public String toString() {
        return "Tls12TicketState[" + suite + ", master_secret=[redacted], ems=" + extendedMasterSecret + ", issued=" + issued
                + ", lifetime=" + lifetimeSeconds + "s, sni=" + serverName.orElse("-") + "]";
    }
}
