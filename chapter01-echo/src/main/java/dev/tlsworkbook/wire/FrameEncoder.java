package dev.tlsworkbook.wire;

import dev.tlsworkbook.bytes.Opaque;
import java.util.List;

/**
 * Writes frames for {@link FrameDecoder}: each payload as {@code opaque payload<0..2^16-1>}, a
 * uint16 length and then the bytes (RFC 8446 §3.4). The length is back-filled by
 * {@link WireWriter#opaque16}, never computed by hand.
 *
 * @since chapter01
 */
public final class FrameEncoder {
    private FrameEncoder() {
    }

    /**
     * One frame.
     *
     * @throws IllegalStateException if {@code payload} is longer than 65535 bytes
     */
    public static byte[] encode(Opaque payload) {
        return new WireWriter(payload.length() + 2).opaque16(payload).toByteArray();
    }

    /** Several frames back to back, as one run of bytes. */
    public static byte[] encode(List<Opaque> payloads) {
        WireWriter out = new WireWriter();
        payloads.forEach(out::opaque16);
        return out.toByteArray();
    }
}
