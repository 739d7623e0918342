package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.io.SocketTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Peers for server tests over loopback, for both servers: real clients that trust the test CA,
 * and bad ones: a slow loris that trickles a ClientHello, a client that vanishes without
 * close_notify.
 */
public final class ServerPeers {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final TestPki PKI = TestPki.create(CLOCK, new SecureRandom());
    private static final CertifiedKey LOCALHOST = PKI.issueLocalhost(KeyKind.EC_P256);

    private ServerPeers() {
    }

    public static TlsConfig serverConfig() {
        return TlsConfig.builder().certificates(List.of(LOCALHOST)).clock(CLOCK).build();
    }

    public static TlsConfig clientConfig() {
        return TlsConfig.builder().clock(CLOCK).trustPolicy(TrustPolicy.verify(List.of(PKI.caCertificate()), CLOCK))
                .build();
    }

    /** The bytes of a ClientHello record, as a real client's first flight. */
    public static byte[] clientHello() {
        TlsEngine client = TlsEngine.client(clientConfig(), "localhost");
        byte[] hello = new byte[client.pendingOutput()];
        client.takeOutput(hello, 0, hello.length);
        return hello;
    }

    /** A real client: handshake, one echoed line, close_notify both ways. */
    public static void echoRoundTrip(int port, String line) throws IOException {
        try (TlsConnection c = TlsClient.connect("localhost", port, clientConfig(), Duration.ofSeconds(30))) {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            c.outputStream().write(bytes);
            byte[] back = c.inputStream().readNBytes(bytes.length);
            assertEquals(line + "\n", new String(back, StandardCharsets.UTF_8));
        }
    }

    /** A slow loris: connects and sends the first {@code bytes} bytes of a ClientHello, then nothing. */
    public static Socket loris(int port, int bytes) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.getOutputStream().write(clientHello(), 0, bytes);
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * Sends a ClientHello one byte every {@code interval} until the server closes the connection;
     * returns how long after connecting that was.
     */
    public static Duration trickle(int port, Duration interval, Duration giveUp) throws IOException, InterruptedException {
        long start = System.nanoTime();
        byte[] hello = clientHello();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            for (int i = 0; System.nanoTime() - start < giveUp.toNanos(); i = (i + 1) % hello.length) {
                try {
                    socket.getOutputStream().write(hello[i]);
                    if (in.read() == -1) {
                        break;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    Thread.sleep(interval.toMillis());
                    continue;
                } catch (SocketException closed) {
                    break;
                }
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits until the server closes {@code socket}; returns how long that took. */
    public static Duration awaitClose(Socket socket, Duration giveUp) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout(Math.toIntExact(giveUp.toMillis()));
        try {
            while (socket.getInputStream().read() != -1) {
                // Whatever the server still sends (an alert) is read and dropped.
            }
        } catch (SocketException reset) {
            // A reset is a close too.
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * A client that completes the handshake, sends {@code data}, and closes its socket without
     * close_notify: to the server, a truncated connection (RFC 8446 §6.1).
     */
    public static void sendAndVanish(int port, byte[] data) throws IOException {
        SocketTransport socket = SocketTransport.connect("localhost", port, Duration.ofSeconds(30));
        TlsTransport tls = TlsTransport.client(socket, clientConfig(), "localhost");
        tls.handshake();
        tls.write(data, 0, data.length);
        socket.close();
    }
}
