package dev.tlsworkbook.starttls;

import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.handshake.auth.FingerprintPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One SMTP server connection (RFC 5321 §4.1, §4.3.2), with STARTTLS (RFC 3207): just enough
 * SMTP for a real client to deliver a message. The states are the RFC's: after the greeting the
 * client says EHLO, may upgrade with STARTTLS (after which everything learned before is
 * forgotten, §4.2, and EHLO is needed again), then MAIL, one or more RCPT, DATA, and QUIT.
 *
 * @since chapter05
 */
final class SmtpSession {
    /** RFC 5321 §4.5.3.1.7: a message of at most this many octets is accepted. */
    static final int MAX_MESSAGE = 10 * 1024 * 1024;

    private final MailServerConfig config;
    private final Peer peer;
    private MailLines lines;
    private TlsConnection tls;
    private String heloName;
    private String mailFrom;
    private final List<String> recipients = new ArrayList<>();

    SmtpSession(MailServerConfig config, MailLines lines, Peer peer) {
        this.config = config;
        this.lines = lines;
        this.peer = peer;
    }

    /** Serves the connection until QUIT or end of stream. */
    void run() throws IOException {
        reply("220 " + config.hostname() + " ESMTP tls-workbook");
        while (true) {
            Optional<String> line = lines.readLine();
            if (line.isEmpty()) {
                return;
            }
            String command = line.get();
            String verb = verb(command);
            String argument = command.length() > verb.length() ? command.substring(verb.length()).trim() : "";
            switch (verb) {
                case "EHLO" -> ehlo(argument);
                case "HELO" -> helo(argument);
                case "STARTTLS" -> {
                    if (!startTls(argument)) {
                        return;
                    }
                }
                case "MAIL" -> mail(argument);
                case "RCPT" -> rcpt(argument);
                case "DATA" -> data();
                case "RSET" -> {
                    resetTransaction();
                    reply("250 2.0.0 Ok");
                }
                case "NOOP" -> reply("250 2.0.0 Ok");
                case "VRFY" -> reply("252 2.0.0 Cannot VRFY user, but will accept message");
                case "QUIT" -> {
                    reply("221 2.0.0 Bye");
                    return;
                }
                default -> reply("502 5.5.2 Error: command not recognized");
            }
        }
    }

    private static String verb(String command) {
        int space = command.indexOf(' ');
        return (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    private void ehlo(String domain) throws IOException {
        if (domain.isEmpty()) {
            reply("501 5.5.4 Syntax: EHLO hostname");
            return;
        }
        heloName = domain;
        resetTransaction();
        List<String> extensions = new ArrayList<>();
        extensions.add(config.hostname() + " greets " + domain);
        extensions.add("SIZE " + MAX_MESSAGE);
        extensions.add("8BITMIME");
        extensions.add("ENHANCEDSTATUSCODES");
        // RFC 3207 §4.2: "A server MUST NOT return the STARTTLS extension in response to an EHLO
        // command received after a TLS handshake has completed."
        if (tls == null && config.tls().isPresent()) {
            extensions.add("STARTTLS");
        }
        for (int i = 0; i < extensions.size(); i++) {
            reply("250" + (i == extensions.size() - 1 ? " " : "-") + extensions.get(i));
        }
    }

    private void helo(String domain) throws IOException {
        if (domain.isEmpty()) {
            reply("501 5.5.4 Syntax: HELO hostname");
            return;
        }
        heloName = domain;
        resetTransaction();
        reply("250 " + config.hostname());
    }

    /** @return false when the connection cannot go on (the handshake failed) */
    private boolean startTls(String argument) throws IOException {
        if (config.tls().isEmpty()) {
            reply("502 5.5.1 Error: STARTTLS is not offered here");
            return true;
        }
        if (tls != null) {
            reply("554 5.5.1 Error: TLS already active");
            return true;
        }
        if (!argument.isEmpty()) {
            reply("501 5.5.4 Syntax: STARTTLS"); // RFC 3207 §4: STARTTLS takes no parameters
            return true;
        }
        reply("220 2.0.0 Ready to start TLS");
        try {
            tls = StartTls.server(lines, config.tls().get(), config.log());
        } catch (IOException e) {
            config.log().accept("SSL_accept error from " + peer + ": " + e.getMessage());
            return false;
        }
        lines = new MailLines(tls.transport());
        logTlsConnection();
        // RFC 3207 §4.2: "The server MUST discard any knowledge obtained from the client, such as
        // the argument to the EHLO command, which was not obtained from the TLS negotiation itself."
        heloName = null;
        resetTransaction();
        return true;
    }

    private void mail(String argument) throws IOException {
        if (heloName == null) {
            reply("503 5.5.1 Error: send HELO/EHLO first");
            return;
        }
        // RFC 3207 §4: a server that requires TLS answers other commands with 530 until STARTTLS.
        if (config.requireTls() && tls == null) {
            reply("530 5.7.0 Must issue a STARTTLS command first");
            return;
        }
        if (mailFrom != null) {
            reply("503 5.5.1 Error: nested MAIL command");
            return;
        }
        Optional<String> address = path(argument, "FROM:");
        if (address.isEmpty()) {
            reply("501 5.1.7 Bad sender address syntax");
            return;
        }
        mailFrom = address.get();
        reply("250 2.1.0 Ok");
    }

    private void rcpt(String argument) throws IOException {
        if (mailFrom == null) {
            reply("503 5.5.1 Error: need MAIL command");
            return;
        }
        Optional<String> address = path(argument, "TO:");
        if (address.isEmpty() || address.get().isEmpty() || !address.get().contains("@")) {
            reply("501 5.1.3 Bad recipient address syntax");
            return;
        }
        String rcpt = address.get();
        String domain = rcpt.substring(rcpt.lastIndexOf('@') + 1);
        if (!config.isLocal(domain) && !relayPermitted()) {
            // Postfix's reject_unauth_destination, with permit_tls_clientcerts before it.
            reply("554 5.7.1 <" + rcpt + ">: Relay access denied");
            return;
        }
        recipients.add(rcpt);
        reply("250 2.1.5 Ok");
    }

    /** Relaying is for clients whose TLS certificate's SHA-256 fingerprint is listed. */
    private boolean relayPermitted() {
        if (tls == null) {
            return false;
        }
        List<X509Certificate> chain = tls.peerCertificates();
        return !chain.isEmpty() && config.relayFingerprints().contains(fingerprint(chain.get(0)));
    }

    private void data() throws IOException {
        if (recipients.isEmpty()) {
            reply(mailFrom == null ? "503 5.5.1 Error: need RCPT command" : "554 5.5.1 Error: no valid recipients");
            return;
        }
        reply("354 End data with <CR><LF>.<CR><LF>");
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(receivedHeader().getBytes(StandardCharsets.ISO_8859_1));
        boolean tooBig = false;
        while (true) {
            Optional<String> line = lines.readLine();
            if (line.isEmpty()) {
                throw new IOException("connection closed in the middle of DATA");
            }
            String text = line.get();
            if (text.equals(".")) {
                break;
            }
            // RFC 5321 §4.5.2: the receiver deletes the first period of a line that starts with one.
            if (text.startsWith(".")) {
                text = text.substring(1);
            }
            if (message.size() + text.length() + 2 > MAX_MESSAGE) {
                tooBig = true;
                continue;
            }
            message.writeBytes((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        if (tooBig) {
            reply("552 5.3.4 Error: message file too big");
        } else {
            String id = config.store().deliver(message.toByteArray());
            config.log().accept(id + ": from=<" + mailFrom + ">, to=<" + String.join(">,<", recipients) + ">, "
                    + (tls == null ? "plaintext" : "over TLS"));
            reply("250 2.0.0 Ok: queued as " + id);
        }
        resetTransaction();
    }

    /**
     * The trace header (RFC 5321 §4.4) with the TLS parameters in Postfix's form
     * ({@code smtpd_tls_received_header}).
     */
    private String receivedHeader() {
        StringBuilder h = new StringBuilder("Received: from ").append(heloName).append(" (")
                .append(peer.host()).append(" [").append(peer.address()).append("])\r\n");
        if (tls != null) {
            h.append("\t(using ").append(TlsLogLine.parameters(tls.summary(), config.serverKey())).append(")\r\n");
            List<X509Certificate> chain = tls.peerCertificates();
            if (!chain.isEmpty()) {
                h.append("\t(Client CN \"").append(chain.get(0).getSubjectX500Principal().getName())
                        .append("\", Issuer \"").append(chain.get(0).getIssuerX500Principal().getName())
                        .append("\")\r\n");
            } else if (config.tls().map(t -> t.clientAuth().requests()).orElse(false)) {
                // Postfix's words when it asked (smtpd_tls_ask_ccert) and got nothing.
                h.append("\t(Client did not present a certificate)\r\n");
            } else {
                h.append("\t(No client certificate requested)\r\n");
            }
        }
        h.append("\tby ").append(config.hostname()).append(" (tls-workbook) with ")
                .append(tls == null ? "ESMTP" : "ESMTPS").append("\r\n")
                .append("\tfor <").append(recipients.get(0)).append(">; ")
                .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(config.clock()))).append("\r\n");
        return h.toString();
    }

    private void logTlsConnection() {
        List<X509Certificate> chain = tls.peerCertificates();
        TlsLogLine.Trust trust;
        if (chain.isEmpty()) {
            trust = TlsLogLine.Trust.ANONYMOUS;
        } else {
            X509Certificate leaf = chain.get(0);
            boolean listed = config.relayFingerprints().contains(fingerprint(leaf));
            trust = listed || tls.summary().trust() == dev.tlsworkbook.handshake.state.TrustStatus.TRUSTED
                    ? TlsLogLine.Trust.TRUSTED : TlsLogLine.Trust.UNTRUSTED;
            config.log().accept(peer + ": " + trust + ": subject_CN=" + commonName(leaf) + ", issuer="
                    + commonName(leaf.getIssuerX500Principal().getName()) + ", fingerprint="
                    + colonHex(fingerprint(leaf)));
        }
        config.log().accept(TlsLogLine.server(trust, peer.host(), peer.address(), tls.summary(), config.serverKey()));
    }

    private void resetTransaction() {
        mailFrom = null;
        recipients.clear();
    }

    private void reply(String line) throws IOException {
        lines.writeLine(line);
    }

    /** {@code FROM:<a@b> SIZE=…} → {@code a@b}; the angle brackets are required (RFC 5321 §4.1.2). */
    static Optional<String> path(String argument, String keyword) {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return Optional.empty();
        }
        String rest = argument.substring(keyword.length()).trim();
        int close = rest.indexOf('>');
        if (!rest.startsWith("<") || close < 0) {
            return Optional.empty();
        }
        return Optional.of(rest.substring(1, close));
    }

    static String fingerprint(X509Certificate certificate) {
        return FingerprintPolicy.fingerprintOf(certificate).hex().toLowerCase(Locale.ROOT);
    }

    static String colonHex(String hex) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    private static String commonName(X509Certificate certificate) {
        return commonName(certificate.getSubjectX500Principal().getName());
    }

    static String commonName(String distinguishedName) {
        for (String part : distinguishedName.split(",")) {
            if (part.trim().startsWith("CN=")) {
                return part.trim().substring(3);
            }
        }
        return distinguishedName;
    }
}
