package dev.tlsworkbook.starttls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsTransport;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.io.SocketTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A mail client driven line by line by a test, able to misbehave (pipeline, inject, drop). */
final class ScriptedSmtp implements AutoCloseable {
    private final SocketTransport socket;
    private MailLines lines;

    private ScriptedSmtp(SocketTransport socket) {
        this.socket = socket;
        this.lines = new MailLines(socket);
    }

    static ScriptedSmtp connect(int port) throws IOException {
        SocketTransport socket = SocketTransport.connect("127.0.0.1", port, Duration.ofSeconds(5));
        socket.socket().setSoTimeout(10_000);
        return new ScriptedSmtp(socket);
    }

    /** Writes {@code text} in one write call, so it leaves in one TCP segment on loopback. */
    void send(String text) throws IOException {
        lines.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    String line() throws IOException {
        return lines.readLine().orElseThrow(() -> new IOException("end of stream"));
    }

    /** Reads one line and checks its start. */
    String expect(String prefix) throws IOException {
        String line = line();
        assertTrue(line.startsWith(prefix), "expected " + prefix + "…, got " + line);
        return line;
    }

    /** Reads a multi-line reply up to its last line, which must start with {@code prefix}. */
    void expectLastLine(String prefix) throws IOException {
        String line;
        do {
            line = line();
        } while (line.length() > 3 && line.charAt(3) == '-');
        assertTrue(line.startsWith(prefix), "expected " + prefix + "…, got " + line);
    }

    /** Runs a TLS 1.3 client handshake over the same socket and goes on over it. */
    void startTls() throws IOException {
        TlsTransport tls = TlsTransport.client(socket, TlsConfig.builder()
                .trustPolicy(TrustPolicy.verify(java.util.List.of(MailFixture.ca()), MailFixture.CLOCK)).build(), "localhost");
        tls.handshake();
        lines = new MailLines(tls);
    }

    void closeAbruptly() throws IOException {
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
