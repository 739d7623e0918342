package dev.tlsworkbook.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link Transport} over a TCP socket: reads and writes go straight to the socket's streams,
 * {@link #shutdownOutput()} sends a FIN (RFC 9293 §3.6, "half-close"), {@link #close()} closes
 * the socket.
 *
 * <p>One thread may read while another writes, as with any socket.
 *
 * @since chapter01
 */
public final class SocketTransport implements Transport {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Wraps a connected socket; the transport owns it from now on. */
    public SocketTransport(Socket socket) throws IOException {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code host:port}, giving up after {@code timeout}. */
    public static SocketTransport connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
            return new SocketTransport(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        return in.read(buffer, offset, length);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        out.write(buffer, offset, length);
        out.flush();
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (!socket.isOutputShutdown()) {
            socket.shutdownOutput();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The socket underneath, for timeouts and addresses. */
    public Socket socket() {
        return socket;
    }

    @Override
    public String toString() {
        return "SocketTransport[" + socket.getLocalSocketAddress() + " -> "
                + socket.getRemoteSocketAddress() + "]";
    }
}
