package dev.tlsworkbook.wire;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.DecodeException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte stream into frames of the chapter-1 framed echo, each a vector with a two-byte
 * length in the TLS presentation language (RFC 8446 §3.4):
 *
 * <pre>
 * struct {
 *     opaque payload&lt;0..max&gt;;    /* max at most 2^16-1: a uint16 length, then the bytes *&#47;
 * } Frame;
 * </pre>
 *
 * The decoder is incremental, like the record deframer of chapter02: {@link #feed} takes bytes
 * in whatever pieces the network delivered (one byte, half a frame, several frames) and returns
 * the frames completed so far, keeping the rest for the next call. A length over {@code max} is
 * rejected as soon as its two bytes arrive, before any of the body is buffered; {@link #end()}
 * reports a stream that stopped inside a frame.
 *
 * <p>After a {@link DecodeException} the stream has lost its framing, so the decoder refuses
 * further input.
 *
 * @since chapter01
 */
public final class FrameDecoder {
    /** The largest length a uint16 prefix can carry. */
    public static final int MAX_U16 = 0xffff;

    private final int maxLength;
    private byte[] pending = new byte[256];
    private int size;
    private DecodeException failure;

    /** A decoder that accepts payloads of {@code 0..maxLength} bytes ({@code maxLength <= 2^16-1}). */
    public FrameDecoder(int maxLength) {
        if (maxLength < 0 || maxLength > MAX_U16) {
            throw new IllegalArgumentException("maxLength must be in 0..65535: " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /**
     * Decodes exactly one frame from a buffer that holds nothing else (a file, a datagram).
     *
     * @throws DecodeException {@code TRUNCATED}, {@code LENGTH_OUT_OF_RANGE}, or
     *     {@code TRAILING_DATA} if bytes follow the frame
     */
    public static Opaque decodeExactly(Opaque bytes, int maxLength) {
        WireReader in = WireReader.of(bytes);
        Opaque payload = in.opaque16(0, maxLength);
        in.expectEnd();
        return payload;
    }

    /** {@link #feed(byte[], int, int)} of a whole array. */
    public List<Opaque> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /**
     * Adds {@code length} bytes from the stream and returns the frames they complete, in order
     * (possibly none).
     *
     * @throws DecodeException {@code LENGTH_OUT_OF_RANGE} for a length prefix over the maximum;
     *     the whole call fails, frames earlier in the same bytes included, since the stream is
     *     unusable from there on
     * @throws IllegalStateException if an earlier call failed
     */
    public List<Opaque> feed(byte[] bytes, int offset, int length) {
        if (failure != null) {
            throw new IllegalStateException("the stream already failed to decode", failure);
        }
        append(bytes, offset, length);
        WireReader in = WireReader.of(pending, 0, size);
        List<Opaque> frames = new ArrayList<>();
        int consumed = 0;
        while (in.remaining() >= 2) {
            int payloadLength = in.u16();
            if (payloadLength > maxLength) {
                // Checked before waiting for the body: a peer must not make us buffer 64 KiB we will refuse.
                throw fail(new DecodeException(Reason.LENGTH_OUT_OF_RANGE,
                        "frame length " + payloadLength + " is over the maximum " + maxLength));
            }
            if (in.remaining() < payloadLength) {
                break;
            }
            frames.add(in.fixed(payloadLength));
            consumed = in.position();
        }
        discard(consumed);
        return frames;
    }

    /** Bytes received but not yet part of a complete frame. */
    public int buffered() {
        return size;
    }

    /**
     * The stream ended (the peer half-closed): fine between frames, an error inside one.
     *
     * @throws DecodeException {@code TRUNCATED} if part of a frame is buffered
     */
    public void end() {
        if (failure != null) {
            throw new IllegalStateException("the stream already failed to decode", failure);
        }
        if (size == 1) {
            throw fail(new DecodeException(Reason.TRUNCATED,
                    "stream ended inside a length prefix (1 of 2 bytes)"));
        }
        if (size > 1) {
            int payloadLength = WireReader.of(pending, 0, 2).u16();
            throw fail(new DecodeException(Reason.TRUNCATED, "stream ended inside a frame: "
                    + (size - 2) + " of " + payloadLength + " payload bytes"));
        }
    }

    private DecodeException fail(DecodeException e) {
        failure = e;
        return e;
    }

    private void append(byte[] bytes, int offset, int length) {
        if (size + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, size + length));
        }
        System.arraycopy(bytes, offset, pending, size, length);
        size += length;
    }

    private void discard(int consumed) {
        System.arraycopy(pending, consumed, pending, 0, size - consumed);
        size -= consumed;
    }
}
