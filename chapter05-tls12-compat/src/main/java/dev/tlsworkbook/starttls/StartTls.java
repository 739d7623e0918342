package dev.tlsworkbook.starttls;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsTransport;
import dev.tlsworkbook.tls12.Tls12;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Upgrading a live plaintext connection to TLS (RFC 3207 §4, RFC 2595 §3, RFC 3501 §6.2.1): the
 * same {@link dev.tlsworkbook.io.Transport} that carried the plaintext dialogue becomes the lower
 * layer of a {@link TlsTransport}. Because the TLS engine does no I/O of its own, the upgrade is
 * one constructor call; the only care needed is at the boundary, where bytes already read from
 * the socket but not yet consumed belong to the plaintext phase and must be thrown away.
 *
 * @since chapter05
 */
public final class StartTls {
    private StartTls() {
    }

    /**
     * A TLS configuration for mail: TLS 1.3 and TLS 1.2 both enabled, because mail is where TLS 1.2
     * still lives (old MTAs, appliances, mail clients that stop at 1.2); anything older is refused.
     */
    public static TlsConfig.Builder mailTls() {
        return Tls12.bothVersions(TlsConfig.builder());
    }

    /**
     * Server side, after our "go ahead" reply (SMTP 220, IMAP OK, POP3 +OK) was written: drops
     * whatever the client pipelined after the command (CVE-2011-0411: such bytes were read as if
     * they had come through TLS), then runs the handshake.
     *
     * @param warn receives one line when pipelined bytes were dropped
     */
    public static TlsConnection server(MailLines plain, TlsConfig config, Consumer<String> warn) throws IOException {
        dropPlaintextTail(plain, "client", warn);
        TlsTransport tls = TlsTransport.server(plain.transport(), config);
        tls.handshake();
        return new TlsConnection(tls);
    }

    /**
     * Client side, after the server's "go ahead" reply was read: drops anything the server (or a
     * man in the middle) sent after that reply, so it can never be taken for the first
     * TLS-protected response, then runs the handshake.
     */
    public static TlsConnection client(MailLines plain, TlsConfig config, String serverName, Consumer<String> warn)
            throws IOException {
        dropPlaintextTail(plain, "server", warn);
        TlsTransport tls = TlsTransport.client(plain.transport(), config, serverName);
        tls.handshake();
        return new TlsConnection(tls);
    }

    /**
     * The IMAP and POP3 server side of the upgrade, after their "go ahead" reply: the handshake,
     * then the log line. Returns the lines to go on with, or empty when the handshake failed (it is
     * logged; the connection cannot go on).
     */
    static java.util.Optional<MailLines> serveMailbox(MailLines plain, MailServerConfig config, Peer peer) {
        TlsConnection connection;
        try {
            connection = server(plain, config.tls().orElseThrow(), config.log());
        } catch (IOException e) {
            config.log().accept("TLS handshake failed with " + peer + ": " + e.getMessage());
            return java.util.Optional.empty();
        }
        logMailbox(connection, config, peer);
        return java.util.Optional.of(new MailLines(connection.transport()));
    }

    /** The server's log line for an IMAP or POP3 client, which never presents a certificate here. */
    static void logMailbox(TlsConnection connection, MailServerConfig config, Peer peer) {
        config.log().accept(TlsLogLine.server(TlsLogLine.Trust.ANONYMOUS, peer.host(), peer.address(),
                connection.summary(), config.serverKey()));
    }

    private static void dropPlaintextTail(MailLines plain, String peer, Consumer<String> warn) {
        int dropped = plain.discardBuffered();
        if (dropped > 0) {
            // RFC 3207 §4.2: state from before the handshake is discarded; plaintext sent after the
            // command is never part of the protected dialogue.
            warn.accept("discarded " + dropped + " byte(s) the " + peer
                    + " sent in plaintext after STARTTLS (command injection, CVE-2011-0411)");
        }
    }
}
