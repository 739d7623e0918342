package dev.tlsworkbook.io;

import dev.tlsworkbook.bytes.Opaque;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client side of the byte echo over any {@link Transport}. It shows the two lessons of TCP
 * a TLS implementation lives by:
 *
 * <ul>
 *   <li>A stream has no message boundaries. One write may come back in many reads and several
 *       writes in one read, so {@link #roundTrip(byte[])} loops until it has every byte, and
 *       reports how many reads that took.
 *   <li>Half-close. {@link #sendAllThenShutdown(byte[])} writes, shuts its output, and still
 *       reads the whole echo afterwards, until the server's own end of stream.
 * </ul>
 *
 * @since chapter01
 */
public final class EchoClient implements Closeable {
    /** What came back, and in how many reads it arrived. */
    public record Echoed(Opaque bytes, int reads) {
    }

    /** Writes larger than this are sent piece by piece, each piece's echo read before the next. */
    public static final int CHUNK = 16 * 1024;

    private final Transport transport;
    private final byte[] readBuffer = new byte[CHUNK];

    public EchoClient(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Sends {@code line} and a newline, returns the echoed line without its newline. */
    public String roundTrip(String line) throws IOException {
        byte[] sent = (line + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] back = roundTrip(sent).bytes().bytes();
        return new String(back, 0, back.length - 1, StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code message} and reads until as many bytes have come back. A message larger than
     * {@link #CHUNK} goes in pieces, each echoed before the next is written: if we wrote
     * everything before reading, both sides could end up blocked in {@code write} with full
     * socket buffers.
     *
     * @throws IOException also if the server ends the stream before echoing everything
     */
    public Echoed roundTrip(byte[] message) throws IOException {
        ByteArrayOutputStream back = new ByteArrayOutputStream(message.length);
        int reads = 0;
        for (int sent = 0; sent < message.length; ) {
            int n = Math.min(CHUNK, message.length - sent);
            transport.write(message, sent, n);
            sent += n;
            while (back.size() < sent) {
                int got = transport.read(readBuffer, 0, Math.min(readBuffer.length, sent - back.size()));
                if (got == -1) {
                    throw new IOException("end of stream after " + back.size() + " of "
                            + message.length + " echoed bytes");
                }
                back.write(readBuffer, 0, got);
                reads++;
            }
        }
        return new Echoed(Opaque.of(back.toByteArray()), reads);
    }

    /**
     * Half-close in action: a second thread writes all of {@code data} and shuts our output, while
     * this thread reads the echo until the server, having seen our end of stream, ends its own.
     * Needs a transport that allows one reader and one writer thread at once, as sockets do.
     */
    public Echoed sendAllThenShutdown(byte[] data) throws IOException {
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                transport.write(data);
                transport.shutdownOutput();
            } catch (IOException e) {
                writeFailure.set(e);
            }
        }, "echo-client-writer");
        writer.start();
        ByteArrayOutputStream back = new ByteArrayOutputStream(data.length);
        int reads = 0;
        try {
            int n;
            while ((n = transport.read(readBuffer, 0, readBuffer.length)) != -1) {
                back.write(readBuffer, 0, n);
                reads++;
            }
        } catch (IOException | RuntimeException e) {
            // Unblock the writer, which may be stuck on a full buffer, before waiting for it.
            transport.close();
            throw e;
        } finally {
            joinUninterruptibly(writer);
        }
        if (writeFailure.get() != null) {
            throw writeFailure.get();
        }
        return new Echoed(Opaque.of(back.toByteArray()), reads);
    }

    /**
     * Ends the conversation politely: shuts our output and reads until the server ends its side.
     *
     * @return bytes that arrived after our end of stream (none, for an echo that was read fully)
     */
    public Opaque finish() throws IOException {
        transport.shutdownOutput();
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        int n;
        while ((n = transport.read(readBuffer, 0, readBuffer.length)) != -1) {
            rest.write(readBuffer, 0, n);
        }
        return Opaque.of(rest.toByteArray());
    }

    @Override
    public void close() throws IOException {
        transport.close();
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
