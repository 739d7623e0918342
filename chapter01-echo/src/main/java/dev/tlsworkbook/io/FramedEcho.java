package dev.tlsworkbook.io;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.FrameDecoder;
import dev.tlsworkbook.wire.FrameEncoder;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the framed echo: reads u16-length-prefixed frames ({@link FrameDecoder})
 * and writes each complete frame back. Unlike the byte echo it answers only whole messages, so
 * it must reassemble frames split across reads and split reads holding several frames.
 *
 * <p>A frame over the maximum, or a stream that ends inside a frame, ends the connection with a
 * {@link DecodeException} naming the reason (chapter02 turns such reasons into TLS alerts).
 *
 * @since chapter01
 */
public final class FramedEcho {
    private static final Logger log = LoggerFactory.getLogger(FramedEcho.class);

    private FramedEcho() {
    }

    /** A handler for {@link EchoServer} accepting payloads of up to {@code maxLength} bytes. */
    public static ConnectionHandler handler(int maxLength) {
        return transport -> serve(transport, maxLength);
    }

    /** {@link #serve(Transport, int)} with the largest length a uint16 can carry. */
    public static long serve(Transport transport) throws IOException {
        return serve(transport, FrameDecoder.MAX_U16);
    }

    /**
     * Echoes frames until the peer half-closes between two frames, then half-closes too.
     *
     * @return the number of frames echoed
     * @throws DecodeException if the peer breaks the framing (the transport is left to the caller)
     */
    public static long serve(Transport transport, int maxLength) throws IOException {
        FrameDecoder decoder = new FrameDecoder(maxLength);
        byte[] buffer = new byte[8192];
        long frames = 0;
        int n;
        while ((n = transport.read(buffer, 0, buffer.length)) != -1) {
            List<Opaque> complete = decoder.feed(buffer, 0, n);
            if (!complete.isEmpty()) {
                transport.write(FrameEncoder.encode(complete));
                frames += complete.size();
            }
            log.debug("read {} bytes: {} frame(s) complete, {} bytes buffered",
                    n, complete.size(), decoder.buffered());
        }
        // A FIN between frames is a clean end; inside one it is TRUNCATED.
        decoder.end();
        transport.shutdownOutput();
        return frames;
    }
}
