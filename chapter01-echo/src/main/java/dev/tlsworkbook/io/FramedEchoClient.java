package dev.tlsworkbook.io;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.FrameDecoder;
import dev.tlsworkbook.wire.FrameEncoder;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;

/**
 * The client side of the framed echo ({@link FramedEcho}) over any {@link Transport}: sends
 * messages as u16-length-prefixed frames and reads frames back with a {@link FrameDecoder}.
 *
 * @since chapter01
 */
public final class FramedEchoClient implements Closeable {
    private final Transport transport;
    private final FrameDecoder decoder;
    private final Queue<Opaque> received = new ArrayDeque<>();
    private final byte[] buffer = new byte[8192];

    /** A client that accepts echoed payloads of up to {@code maxLength} bytes. */
    public FramedEchoClient(Transport transport, int maxLength) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.decoder = new FrameDecoder(maxLength);
    }

    /** Sends one message and returns its echo. */
    public Opaque roundTrip(Opaque message) throws IOException {
        return roundTrip(List.of(message)).get(0);
    }

    /**
     * Sends every message in a single write (so the server sees several frames in one read) and
     * returns the echoed frames, in order.
     */
    public List<Opaque> roundTrip(List<Opaque> messages) throws IOException {
        transport.write(FrameEncoder.encode(messages));
        List<Opaque> echoes = new ArrayList<>(messages.size());
        while (echoes.size() < messages.size()) {
            echoes.add(next());
        }
        return echoes;
    }

    /**
     * Half-closes and reads until the server ends its side, checking that the stream ended
     * between frames.
     *
     * @return frames that arrived after our end of stream
     */
    public List<Opaque> finish() throws IOException {
        transport.shutdownOutput();
        List<Opaque> rest = new ArrayList<>(received);
        received.clear();
        int n;
        while ((n = transport.read(buffer, 0, buffer.length)) != -1) {
            rest.addAll(decoder.feed(buffer, 0, n));
        }
        decoder.end();
        return rest;
    }

    @Override
    public void close() throws IOException {
        transport.close();
    }

    private Opaque next() throws IOException {
        while (received.isEmpty()) {
            int n = transport.read(buffer, 0, buffer.length);
            if (n == -1) {
                decoder.end();
                throw new IOException("server ended the stream before echoing every frame");
            }
            received.addAll(decoder.feed(buffer, 0, n));
        }
        return received.remove();
    }
}
