package dev.tlsworkbook.engine;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.io.SocketTransport;
import java.io.IOException;
import java.time.Duration;

/**
 * Connects to a TLS 1.3 server in one call:
 *
 * <pre>{@code
 * try (TlsConnection c = TlsClient.connect("example.com", 443, TlsConfig.builder().build())) {
 *     c.outputStream().write(request);
 *     c.inputStream().transferTo(System.out);
 * }
 * }</pre>
 *
 * The host name is sent as server_name (RFC 6066 §3, not for IP literals) and checked against
 * the server's certificate by the config's trust policy (RFC 9525).
 *
 * @since chapter04
 */
public final class TlsClient {
    /** How long {@link #connect(String, int, TlsConfig)} waits for TCP and for the handshake. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private TlsClient() {
    }

    /** {@link #connect(String, int, TlsConfig, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static TlsConnection connect(String host, int port, TlsConfig config) throws IOException {
        return connect(host, port, config, DEFAULT_TIMEOUT);
    }

    /**
     * Opens a TCP connection and completes the handshake, each within {@code timeout}.
     *
     * @throws TlsIOException if the handshake or the certificate check fails; the message says why
     */
    public static TlsConnection connect(String host, int port, TlsConfig config, Duration timeout)
            throws IOException {
        return connect(host, port, config, timeout, null);
    }

    /**
     * As {@link #connect(String, int, TlsConfig, Duration)}, offering the newest ticket held for
     * {@code host} and {@code port} and sending {@code earlyData} as 0-RTT data when the ticket
     * allows it (RFC 8446 §2.3). {@link TlsConnection#summary()} tells whether the server accepted
     * it; if not, it was dropped and the caller sends it again as ordinary data if it wants to.
     *
     * @param earlyData 0-RTT data, or null for none; it can be replayed by an attacker (RFC 8446 §8)
     */
    public static TlsConnection connect(String host, int port, TlsConfig config, Duration timeout, byte[] earlyData)
            throws IOException {
        SocketTransport socket = SocketTransport.connect(host, port, timeout);
        try {
            socket.socket().setSoTimeout(Math.toIntExact(timeout.toMillis()));
            TlsTransport transport = TlsTransport.client(socket, config, host, port, earlyData);
            transport.handshake();
            socket.socket().setSoTimeout(0);
            return new TlsConnection(transport);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
