package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code --www} page: like {@code openssl s_server -www}, it answers any request with a
 * plain-text description of the TLS connection it arrived on.
 *
 * @since chapter04
 */
final class WwwPage {
    /** A request head longer than this is refused rather than buffered without end. */
    static final int MAX_REQUEST_HEAD = 16 * 1024;

    private WwwPage() {
    }

    /**
     * Reads up to and including the blank line that ends an HTTP request head (RFC 9112 §2.1).
     *
     * @return the request line, e.g. {@code GET / HTTP/1.1}
     */
    static String readRequestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (b == '\n' && (previous == '\n' || endsWithCrLfCrLf(head))) {
                break;
            }
            if (head.size() > MAX_REQUEST_HEAD) {
                throw new IOException("request head longer than " + MAX_REQUEST_HEAD + " bytes");
            }
            previous = b;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    private static boolean endsWithCrLfCrLf(ByteArrayOutputStream head) {
        byte[] b = head.toByteArray();
        int n = b.length;
        return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    /**
     * Where the request head in {@code bytes[0..length)} ends (just past its blank line), or -1
     * while it is incomplete: the same rule as {@link #readRequestHead}, for a server that
     * receives the head in pieces.
     */
    static int headEnd(byte[] bytes, int length) {
        for (int i = 1; i < length; i++) {
            if (bytes[i] == '\n' && (bytes[i - 1] == '\n'
                    || (i >= 3 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r'))) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The request line of a complete head, e.g. {@code GET / HTTP/1.1}. */
    static String requestLine(byte[] head, int length) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /** The whole response: status line, headers, and the page describing {@code connection}. */
    static byte[] response(String requestLine, TlsConnection connection) {
        return response(requestLine, connection.summary(), connection.serverName());
    }

    /** The whole response for a connection with {@code summary} and {@code serverName}. */
    static byte[] response(String requestLine, HandshakeSummary summary, Optional<String> serverName) {
        StringBuilder page = new StringBuilder()
                .append("tls-workbook chapter 4 server\n\n")
                .append("request:        ").append(requestLine).append('\n')
                .append("protocol:       ").append(summary.version() == dev.tlsworkbook.record.ProtocolVersion.TLS1_2 ? "TLSv1.2" : "TLSv1.3").append('\n')
                .append("cipher suite:   ").append(summary.cipherSuite().name()).append('\n')
                .append("key exchange:   ").append(summary.group().map(dev.tlsworkbook.crypto.NamedGroup::ianaName)
                        .orElse("none (psk_ke: the resumption PSK alone, RFC 8446 §4.2.9)"))
                .append(summary.helloRetryRequest() ? " (after a HelloRetryRequest)" : "").append('\n')
                .append("our signature:  ").append(summary.signatureScheme().map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).orElse("none")).append('\n')
                .append("server name:    ").append(serverName.orElse("(no SNI)")).append('\n')
                .append("ALPN:           ").append(summary.applicationProtocol().orElse("(none)")).append('\n')
                .append("client:         ").append(summary.trust()).append(summary.peerSubject().map(s -> " " + s).orElse(""))
                .append('\n')
                .append("summary:        ").append(summary).append('\n');
        byte[] body = page.toString().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.0 200 ok\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }
}
