package dev.tlsworkbook.starttls;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * One IMAP4rev1 connection (RFC 3501), the least that lets a client log in, open INBOX and fetch
 * a message: CAPABILITY, STARTTLS (§6.2.1), LOGIN (§6.2.3), LIST, SELECT/EXAMINE, FETCH and
 * UID FETCH of the whole message, NOOP, LOGOUT. The same session serves implicit TLS
 * ({@code imaps}, RFC 8314 §3.3) when it starts on an already-protected connection.
 *
 * @since chapter05
 */
final class ImapSession {
    private final MailServerConfig config;
    private final Peer peer;
    private MailLines lines;
    private boolean tls;
    private boolean authenticated;
    private boolean selected;

    ImapSession(MailServerConfig config, MailLines lines, Peer peer, boolean implicitTls) {
        this.config = config;
        this.lines = lines;
        this.peer = peer;
        this.tls = implicitTls;
    }

    void run() throws IOException {
        lines.writeLine("* OK [CAPABILITY " + capabilities() + "] " + config.hostname() + " IMAP4rev1 ready");
        while (true) {
            Optional<String> line = lines.readLine();
            if (line.isEmpty()) {
                return;
            }
            String[] words = line.get().split(" ", 3);
            if (words.length < 2) {
                lines.writeLine("* BAD missing command");
                continue;
            }
            String tag = words[0];
            String command = words[1].toUpperCase(Locale.ROOT);
            String args = words.length > 2 ? words[2] : "";
            if (command.equals("UID") && args.toUpperCase(Locale.ROOT).startsWith("FETCH ")) {
                fetch(tag, args.substring(6), true);
                continue;
            }
            switch (command) {
                case "CAPABILITY" -> {
                    lines.writeLine("* CAPABILITY " + capabilities());
                    ok(tag, "CAPABILITY completed");
                }
                case "NOOP" -> ok(tag, "NOOP completed");
                case "STARTTLS" -> {
                    if (!startTls(tag)) {
                        return;
                    }
                }
                case "LOGIN" -> login(tag, args);
                case "LIST" -> list(tag);
                case "SELECT", "EXAMINE" -> select(tag, args, command);
                case "FETCH" -> fetch(tag, args, false);
                case "LOGOUT" -> {
                    lines.writeLine("* BYE logging out");
                    ok(tag, "LOGOUT completed");
                    return;
                }
                default -> lines.writeLine(tag + " BAD command unknown or not supported here");
            }
        }
    }

    private String capabilities() {
        StringBuilder c = new StringBuilder("IMAP4rev1");
        if (!tls && config.tls().isPresent()) {
            c.append(" STARTTLS");
        }
        // RFC 3501 §6.2.3 and RFC 2595 §3.2: advertise LOGINDISABLED while a login would send the
        // password in the clear and this server refuses that.
        if (!tls && config.requireTls()) {
            c.append(" LOGINDISABLED");
        }
        return c.toString();
    }

    private boolean startTls(String tag) throws IOException {
        if (tls || config.tls().isEmpty()) {
            lines.writeLine(tag + " BAD STARTTLS not available");
            return true;
        }
        ok(tag, "Begin TLS negotiation now");
        java.util.Optional<MailLines> upgraded = StartTls.serveMailbox(lines, config, peer);
        if (upgraded.isEmpty()) {
            return false;
        }
        lines = upgraded.get();
        tls = true;
        return true;
    }

    private void login(String tag, String args) throws IOException {
        if (!tls && config.requireTls()) {
            lines.writeLine(tag + " NO [PRIVACYREQUIRED] LOGIN refused before STARTTLS");
            return;
        }
        String[] userPass = args.split(" ", 2);
        if (userPass.length != 2) {
            lines.writeLine(tag + " BAD LOGIN needs a user name and a password");
            return;
        }
        String user = unquote(userPass[0]);
        String password = unquote(userPass[1]);
        if (password.equals(config.users().get(user))) {
            authenticated = true;
            ok(tag, "LOGIN completed");
        } else {
            lines.writeLine(tag + " NO [AUTHENTICATIONFAILED] invalid credentials");
        }
    }

    private void list(String tag) throws IOException {
        if (requireLogin(tag)) {
            lines.writeLine("* LIST (\\HasNoChildren) \"/\" INBOX");
            ok(tag, "LIST completed");
        }
    }

    private void select(String tag, String mailbox, String command) throws IOException {
        if (!requireLogin(tag)) {
            return;
        }
        if (!unquote(mailbox).equalsIgnoreCase("INBOX")) {
            lines.writeLine(tag + " NO no such mailbox");
            return;
        }
        int count = config.store().messages().size();
        lines.writeLine("* " + count + " EXISTS");
        lines.writeLine("* 0 RECENT");
        lines.writeLine("* OK [UIDVALIDITY 1] UIDs valid");
        lines.writeLine("* OK [UIDNEXT " + (count + 1) + "] next UID");
        lines.writeLine("* FLAGS (\\Seen)");
        selected = true;
        ok(tag, (command.equals("SELECT") ? "[READ-WRITE]" : "[READ-ONLY]") + " " + command + " completed");
    }

    /**
     * {@code FETCH n BODY[]} and friends: every data item is answered with the whole message as
     * a literal (§7.4.2). Message numbers and UIDs coincide here, since nothing is ever expunged.
     */
    private void fetch(String tag, String args, boolean uid) throws IOException {
        if (!requireLogin(tag)) {
            return;
        }
        if (!selected) {
            lines.writeLine(tag + " BAD no mailbox selected");
            return;
        }
        String set = args.split(" ", 2)[0];
        int number;
        try {
            number = Integer.parseInt(set);
        } catch (NumberFormatException e) {
            lines.writeLine(tag + " BAD only single message numbers are supported here");
            return;
        }
        byte[] message = config.store().read(number);
        if (message == null) {
            lines.writeLine(tag + " NO no such message");
            return;
        }
        String item = args.toUpperCase(Locale.ROOT).contains("RFC822") ? "RFC822" : "BODY[]";
        lines.writeLine("* " + number + " FETCH (" + (uid ? "UID " + number + " " : "") + item + " {" + message.length + "}");
        lines.write(message);
        lines.writeLine(")");
        ok(tag, (uid ? "UID " : "") + "FETCH completed");
    }

    private boolean requireLogin(String tag) throws IOException {
        if (!authenticated) {
            lines.writeLine(tag + " NO log in first");
        }
        return authenticated;
    }

    private void ok(String tag, String text) throws IOException {
        lines.writeLine(tag + " OK " + text);
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
