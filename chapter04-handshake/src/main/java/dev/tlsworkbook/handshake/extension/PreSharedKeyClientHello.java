package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pre_shared_key} in a ClientHello (RFC 8446 §4.2.11), always the last extension:
 *
 * <pre>
 * opaque PskBinderEntry&lt;32..255&gt;;
 *
 * struct {
 *     PskIdentity identities&lt;7..2^16-1&gt;;
 *     PskBinderEntry binders&lt;33..2^16-1&gt;;
 * } OfferedPsks;
 * </pre>
 *
 * Binders are computed over the ClientHello up to, not including, the {@code binders} vector
 * (RFC 8446 §4.2.11.2); {@link #bindersLength()} is how many bytes to cut off, and
 * {@code ClientHello.truncateForBinders} does the cutting.
 *
 * @since chapter04
 */
public record PreSharedKeyClientHello(List<PskIdentity> identities, List<Opaque> binders) implements Extension {

    public PreSharedKeyClientHello {
        identities = List.copyOf(identities);
        binders = List.copyOf(binders);
        if (identities.size() != binders.size()) {
            throw new IllegalArgumentException(identities.size() + " identities but " + binders.size() + " binders");
        }
    }

    /**
     * The encoded size of the {@code binders} vector, its two-byte length included: the bytes
     * at the very end of the ClientHello that the binder computation leaves out.
     */
    public int bindersLength() {
        return 2 + binders.stream().mapToInt(b -> 1 + b.length()).sum();
    }

    /** The same identities with new binders (same count), e.g. real ones replacing placeholders. */
    public PreSharedKeyClientHello withBinders(List<Opaque> newBinders) {
        return new PreSharedKeyClientHello(identities, newBinders);
    }

    static PreSharedKeyClientHello decode(WireReader data) {
        WireReader identityList = data.sub16(7, 0xffff);
        WireReader binderList = data.sub16(33, 0xffff);
        data.expectEnd();
        List<PskIdentity> identities = new ArrayList<>();
        while (identityList.hasRemaining()) {
            identities.add(PskIdentity.decode(identityList));
        }
        List<Opaque> binders = new ArrayList<>();
        while (binderList.hasRemaining()) {
            binders.add(binderList.opaque8(32, 255));
        }
        if (identities.size() != binders.size()) {
            // RFC 8446 §4.2.11: "binders: A series of HMAC values, one for each value in the identities list"
            throw new DecodeException(DecodeException.Reason.ILLEGAL_VALUE, "RFC 8446 §4.2.11: "
                    + identities.size() + " PSK identities but " + binders.size() + " binders");
        }
        return new PreSharedKeyClientHello(identities, binders);
    }

    @Override
    public int extensionType() {
        return ExtensionType.PRE_SHARED_KEY.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.prefixed16(list -> identities.forEach(i -> i.encode(list)));
        out.prefixed16(list -> binders.forEach(list::opaque8));
    }

    @Override
    public String toString() {
        return "pre_shared_key{identities=" + identities + ", binders=" + binders + "}";
    }
}
