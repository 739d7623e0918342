package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;

/**
 * {@code early_data} in a NewSessionTicket (RFC 8446 §4.2.10): how many bytes of 0-RTT data the
 * server will accept with this ticket.
 *
 * <pre>
 * uint32 max_early_data_size;   // case new_session_ticket
 * </pre>
 *
 * @since chapter04
 */
public record MaxEarlyDataSize(long maxEarlyDataSize) implements Extension {

    public MaxEarlyDataSize {
        if (maxEarlyDataSize < 0 || maxEarlyDataSize > 0xffffffffL) {
            throw new IllegalArgumentException("max_early_data_size out of range: " + maxEarlyDataSize);
        }
    }

    static MaxEarlyDataSize decode(WireReader data) {
        long size = data.u32();
        data.expectEnd();
        return new MaxEarlyDataSize(size);
    }

    @Override
    public int extensionType() {
        return ExtensionType.EARLY_DATA.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.u32(maxEarlyDataSize);
    }

    @Override
    public String toString() {
        return "early_data{max_early_data_size=" + maxEarlyDataSize + "}";
    }
}
