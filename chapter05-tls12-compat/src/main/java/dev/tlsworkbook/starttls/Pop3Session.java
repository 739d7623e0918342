package dev.tlsworkbook.starttls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One POP3 connection (RFC 1939) with STLS (RFC 2595 §4) and CAPA (RFC 2449): USER/PASS, STAT,
 * LIST, RETR, NOOP, QUIT — enough for a client to list and fetch the message SMTP delivered.
 *
 * @since chapter05
 */
final class Pop3Session {
    private final MailServerConfig config;
    private final Peer peer;
    private MailLines lines;
    private boolean tls;
    private String user;
    private boolean authenticated;

    Pop3Session(MailServerConfig config, MailLines lines, Peer peer, boolean implicitTls) {
        this.config = config;
        this.lines = lines;
        this.peer = peer;
        this.tls = implicitTls;
    }

    void run() throws IOException {
        lines.writeLine("+OK " + config.hostname() + " POP3 ready");
        while (true) {
            Optional<String> line = lines.readLine();
            if (line.isEmpty()) {
                return;
            }
            String[] words = line.get().split(" ", 2);
            String command = words[0].toUpperCase(Locale.ROOT);
            String arg = words.length > 1 ? words[1].trim() : "";
            switch (command) {
                case "CAPA" -> capa();
                case "STLS" -> {
                    if (!stls()) {
                        return;
                    }
                }
                case "USER" -> userCommand(arg);
                case "PASS" -> pass(arg);
                case "STAT" -> stat();
                case "LIST" -> list(arg);
                case "RETR" -> retr(arg);
                case "NOOP" -> lines.writeLine(authenticated ? "+OK" : "-ERR log in first");
                case "QUIT" -> {
                    lines.writeLine("+OK bye");
                    return;
                }
                default -> lines.writeLine("-ERR unknown command");
            }
        }
    }

    private void capa() throws IOException {
        lines.writeLine("+OK capability list follows");
        // RFC 2595 §4: STLS is advertised only before TLS is active.
        if (!tls && config.tls().isPresent()) {
            lines.writeLine("STLS");
        }
        if (tls || !config.requireTls()) {
            lines.writeLine("USER");
        }
        lines.writeLine(".");
    }

    private boolean stls() throws IOException {
        if (tls || config.tls().isEmpty()) {
            lines.writeLine("-ERR STLS not available");
            return true;
        }
        lines.writeLine("+OK begin TLS negotiation");
        java.util.Optional<MailLines> upgraded = StartTls.serveMailbox(lines, config, peer);
        if (upgraded.isEmpty()) {
            return false;
        }
        lines = upgraded.get();
        tls = true;
        return true;
    }

    private void userCommand(String name) throws IOException {
        if (!tls && config.requireTls()) {
            lines.writeLine("-ERR [SYS/PERM] USER refused before STLS");
            return;
        }
        user = name;
        lines.writeLine("+OK");
    }

    private void pass(String password) throws IOException {
        if (user != null && password.equals(config.users().get(user))) {
            authenticated = true;
            lines.writeLine("+OK logged in");
        } else {
            user = null;
            lines.writeLine("-ERR [AUTH] invalid credentials");
        }
    }

    private void stat() throws IOException {
        if (requireLogin()) {
            List<byte[]> all = all();
            lines.writeLine("+OK " + all.size() + " " + all.stream().mapToInt(m -> m.length).sum());
        }
    }

    private void list(String arg) throws IOException {
        if (!requireLogin()) {
            return;
        }
        List<byte[]> all = all();
        if (!arg.isEmpty()) {
            int n = number(arg);
            lines.writeLine(n >= 1 && n <= all.size() ? "+OK " + n + " " + all.get(n - 1).length : "-ERR no such message");
            return;
        }
        lines.writeLine("+OK " + all.size() + " messages");
        for (int i = 0; i < all.size(); i++) {
            lines.writeLine((i + 1) + " " + all.get(i).length);
        }
        lines.writeLine(".");
    }

    private void retr(String arg) throws IOException {
        if (!requireLogin()) {
            return;
        }
        byte[] message = config.store().read(number(arg));
        if (message == null) {
            lines.writeLine("-ERR no such message");
            return;
        }
        lines.writeLine("+OK " + message.length + " octets");
        String text = new String(message, StandardCharsets.ISO_8859_1);
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        }
        for (String line : text.split("\r\n", -1)) {
            // RFC 1939 §3: a line beginning with "." is byte-stuffed.
            lines.writeLine(line.startsWith(".") ? "." + line : line);
        }
        lines.writeLine(".");
    }

    private List<byte[]> all() throws IOException {
        List<byte[]> out = new java.util.ArrayList<>();
        for (int i = 1; i <= config.store().messages().size(); i++) {
            out.add(config.store().read(i));
        }
        return out;
    }

    private boolean requireLogin() throws IOException {
        if (!authenticated) {
            lines.writeLine("-ERR log in first");
        }
        return authenticated;
    }

    private static int number(String arg) {
        try {
            return Integer.parseInt(arg.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
