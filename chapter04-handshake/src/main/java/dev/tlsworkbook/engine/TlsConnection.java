package dev.tlsworkbook.engine;

import dev.tlsworkbook.handshake.state.HandshakeSummary;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One established TLS connection with blocking streams, as {@link TlsClient#connect} and
 * {@link TlsServer} hand it out. Closing the output stream sends close_notify (RFC 8446 §6.1)
 * and leaves the input open for the peer's reply; {@link #close()} closes everything.
 *
 * @since chapter04
 */
public final class TlsConnection implements Closeable {
    private final TlsTransport transport;
    private final InputStream in;
    private final OutputStream out;

    /** Wraps a transport whose handshake has completed. */
    public TlsConnection(TlsTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.in = new TlsInputStream(transport);
        this.out = new TlsOutputStream(transport);
    }

    /** Application data from the peer; end of stream after its close_notify. */
    public InputStream inputStream() {
        return in;
    }

    /** Application data to the peer; each write goes out at once; {@code close()} sends close_notify. */
    public OutputStream outputStream() {
        return out;
    }

    /** What the handshake agreed (version, suite, group, scheme, trust, ALPN). */
    public HandshakeSummary summary() {
        synchronized (transport.engine()) {
            return transport.engine().summary().orElseThrow();
        }
    }

    /** The server name: what a client sent as SNI, or what a server received. */
    public Optional<String> serverName() {
        synchronized (transport.engine()) {
            return transport.engine().serverName();
        }
    }

    /** The peer's certificate chain, leaf first (empty for an anonymous client). */
    public List<X509Certificate> peerCertificates() {
        synchronized (transport.engine()) {
            return transport.engine().peerCertificates();
        }
    }

    /** Server: requests a client certificate after the handshake (RFC 8446 §4.6.2); see {@link TlsTransport#requestClientCertificate()}. */
    public void requestClientCertificate() throws IOException {
        transport.requestClientCertificate();
    }

    /** Keying material exported from this connection (RFC 8446 §7.5, RFC 5705 labels). */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) throws IOException {
        return transport.exportKeyingMaterial(label, context, length);
    }

    /** The blocking byte pipe underneath the streams, e.g. for chapter01's echo. */
    public TlsTransport transport() {
        return transport;
    }

    /** Sends close_notify (if not sent yet) and closes the socket. */
    @Override
    public void close() throws IOException {
        transport.close();
    }

    @Override
    public String toString() {
        return "TlsConnection[" + transport + "]";
    }

    private static final class TlsInputStream extends InputStream {
        private final TlsTransport transport;

        TlsInputStream(TlsTransport transport) {
            this.transport = transport;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return transport.read(b, off, len);
        }

        @Override
        public int available() {
            synchronized (transport.engine()) {
                return transport.engine().availablePlaintext();
            }
        }

        @Override
        public void close() throws IOException {
            transport.close();
        }
    }

    private static final class TlsOutputStream extends OutputStream {
        private final TlsTransport transport;

        TlsOutputStream(TlsTransport transport) {
            this.transport = transport;
        }

        @Override
        public void write(int b) throws IOException {
            transport.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            transport.write(b, off, len);
        }

        /** close_notify only: the peer may still answer, and we may still read it. */
        @Override
        public void close() throws IOException {
            transport.shutdownOutput();
        }
    }
}
