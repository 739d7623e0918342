package dev.tlsworkbook.starttls;

import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsTransport;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.io.SocketTransport;
import dev.tlsworkbook.io.Transport;
import dev.tlsworkbook.io.TransportFactory;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * SMTP, IMAP (plain with STARTTLS, and implicit TLS) and POP3 listeners over one
 * {@link MailStore}. Each listener is chapter 1's {@link EchoServer} with a different connection
 * handler: accepting, the bounded pool and shutdown are the same code that served the echo.
 *
 * @since chapter05
 */
public final class MailServer implements Closeable {
    /** Connections served at once per listener; further clients wait in the backlog. */
    public static final int MAX_CONNECTIONS = 32;
    /** RFC 5321 §4.5.3.2.7: a server should wait at least 5 minutes for the next command. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** What a listener speaks. */
    public enum Protocol {
        /** SMTP with STARTTLS (RFC 5321, RFC 3207). */
        SMTP,
        /** IMAP with STARTTLS (RFC 3501 §6.2.1). */
        IMAP,
        /** IMAP over implicit TLS (RFC 8314 §3.3). */
        IMAPS,
        /** POP3 with STLS (RFC 1939, RFC 2595 §4). */
        POP3
    }

    private final Map<Protocol, EchoServer> listeners = new EnumMap<>(Protocol.class);

    private MailServer() {
    }

    /** Starts one listener per entry of {@code addresses} (port 0 picks a free port). */
    public static MailServer start(MailServerConfig config, Map<Protocol, InetSocketAddress> addresses)
            throws IOException {
        MailServer server = new MailServer();
        try {
            for (Map.Entry<Protocol, InetSocketAddress> entry : addresses.entrySet()) {
                server.listeners.put(entry.getKey(), listen(config, entry.getKey(), entry.getValue()));
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static EchoServer listen(MailServerConfig config, Protocol protocol, InetSocketAddress address)
            throws IOException {
        if (protocol == Protocol.IMAPS && config.tls().isEmpty()) {
            throw new IllegalArgumentException("imaps needs a certificate");
        }
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(address, 50);
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + address + " for " + protocol + ": " + e.getMessage(), e);
        }
        TransportFactory factory = socket -> {
            socket.setSoTimeout(Math.toIntExact(IDLE_TIMEOUT.toMillis()));
            SocketTransport plain = new SocketTransport(socket);
            if (protocol != Protocol.IMAPS) {
                return plain;
            }
            TlsTransport tls = TlsTransport.server(plain, config.tls().get());
            tls.handshake();
            return tls;
        };
        return EchoServer.start(listener, MAX_CONNECTIONS, factory, transport -> serve(config, protocol, transport));
    }

    private static void serve(MailServerConfig config, Protocol protocol, Transport transport) throws IOException {
        boolean implicitTls = transport instanceof TlsTransport;
        SocketTransport socket = (SocketTransport) (implicitTls ? ((TlsTransport) transport).lower() : transport);
        Peer peer = Peer.of(socket.socket());
        MailLines lines = new MailLines(transport);
        if (implicitTls) {
            StartTls.logMailbox(new TlsConnection((TlsTransport) transport), config, peer);
        }
        switch (protocol) {
            case SMTP -> new SmtpSession(config, lines, peer).run();
            case IMAP, IMAPS -> new ImapSession(config, lines, peer, implicitTls).run();
            case POP3 -> new Pop3Session(config, lines, peer, implicitTls).run();
        }
    }

    /** The port a listener is bound to. */
    public int port(Protocol protocol) {
        EchoServer listener = listeners.get(protocol);
        if (listener == null) {
            throw new IllegalArgumentException("no " + protocol + " listener");
        }
        return listener.port();
    }

    @Override
    public void close() {
        listeners.values().forEach(EchoServer::close);
    }
}
