package dev.tlsworkbook.starttls;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.FingerprintPolicy;
import dev.tlsworkbook.handshake.auth.HostnameMatcher;
import dev.tlsworkbook.handshake.auth.PeerAuthentication;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.auth.VerifyPolicy;
import dev.tlsworkbook.io.SocketTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An SMTP client that delivers one message (RFC 5321 §3.3) and upgrades with STARTTLS
 * (RFC 3207) as its {@link SecurityLevel} demands: connect, read the greeting, EHLO, STARTTLS,
 * the handshake, authenticate the server as the level says before a single byte of mail is sent,
 * EHLO again (§4.2: everything learned before is forgotten), MAIL, RCPT, DATA, QUIT.
 *
 * @since chapter05
 */
public final class SmtpClient {
    private final SmtpClientConfig config;

    public SmtpClient(SmtpClientConfig config) {
        this.config = config;
    }

    /** What happened to one message. */
    public record Result(boolean delivered, String reply, Optional<TlsLogLine.Trust> trust) {
    }

    /**
     * Delivers {@code message} (headers and body, CRLF or LF line endings) from {@code from} to
     * {@code recipients} through the server at {@code host:port}.
     */
    public Result send(String host, int port, String from, List<String> recipients, byte[] message)
            throws IOException {
        try (SocketTransport socket = SocketTransport.connect(host, port, config.timeout())) {
            socket.socket().setSoTimeout(Math.toIntExact(config.timeout().toMillis()));
            String address = socket.socket().getInetAddress().getHostAddress();
            MailLines lines = new MailLines(socket, config.dialogue());
            expect(SmtpReply.read(lines), 220, "greeting");
            SmtpReply ehlo = command(lines, "EHLO " + config.heloName());
            Optional<TlsLogLine.Trust> trust = Optional.empty();
            if (config.level() != SecurityLevel.NONE && ehlo.hasExtension("STARTTLS")) {
                SmtpReply go = command(lines, "STARTTLS");
                if (go.code() != 220) {
                    return refuse(lines, "STARTTLS refused: " + go);
                }
                TlsConnection tls;
                try {
                    tls = StartTls.client(lines, tlsConfig(), host, config.log());
                } catch (IOException e) {
                    // The alert went to the server; the connection is unusable, and nothing was sent.
                    String why = "TLS handshake with " + host + "[" + address + "] failed: " + e.getMessage();
                    config.log().accept(why);
                    return new Result(false, why, Optional.empty());
                }
                lines = new MailLines(tls.transport(), config.dialogue());
                Optional<String> failure = authenticate(tls, host);
                if (failure.isPresent()) {
                    config.log().accept("Server certificate not verified: " + failure.get());
                    return refuse(lines, failure.get());
                }
                trust = Optional.of(trustWord(tls));
                config.log().accept(TlsLogLine.client(trust.get(), host, address, port, tls.summary(),
                        tls.peerCertificates().stream().findFirst().map(X509Certificate::getPublicKey)));
                expectPositive(command(lines, "EHLO " + config.heloName()), "EHLO after STARTTLS");
            } else if (config.level().requiresTls()) {
                // Postfix's words; under "may" an attacker who deletes STARTTLS wins, under "encrypt" he does not.
                String why = "TLS is required, but was not offered by host " + host + "[" + address + "]";
                config.log().accept(why);
                return refuse(lines, why);
            } else {
                config.log().accept("plaintext connection to " + host + "[" + address + "]:" + port
                        + (config.level() == SecurityLevel.NONE ? " (security level none)" : " (STARTTLS not offered)"));
            }
            expectPositive(command(lines, "MAIL FROM:<" + from + ">"), "MAIL");
            for (String rcpt : recipients) {
                SmtpReply reply = command(lines, "RCPT TO:<" + rcpt + ">");
                if (!reply.positive()) {
                    return refuse(lines, "recipient " + rcpt + " refused: " + reply);
                }
            }
            expect(command(lines, "DATA"), 354, "DATA");
            lines.write(dotStuffed(message));
            SmtpReply done = SmtpReply.read(lines);
            command(lines, "QUIT");
            return new Result(done.positive(), done.toString(), trust);
        }
    }

    private TlsConfig tlsConfig() {
        TlsConfig.Builder b = StartTls.mailTls().clock(config.clock()).random(config.random());
        // verify checks the MX host name inside the handshake; the other levels check after it.
        b.trustPolicy(config.level() == SecurityLevel.VERIFY ? TrustPolicy.verify(config.trustAnchors(), config.clock())
                : TrustPolicy.opportunistic());
        if (!config.clientCertificates().isEmpty()) {
            b.certificates(config.clientCertificates());
        }
        config.tlsCustomizer().accept(b);
        return b.build();
    }

    /** The checks of the level that happen after the handshake, before any mail is sent. */
    private Optional<String> authenticate(TlsConnection tls, String host) {
        X509Certificate leaf = tls.peerCertificates().get(0);
        switch (config.level()) {
            case FINGERPRINT -> {
                String fp = SmtpSession.fingerprint(leaf);
                return config.fingerprints().contains(fp) ? Optional.empty()
                        : Optional.of("fingerprint " + SmtpSession.colonHex(fp) + " of " + host + " is not listed");
            }
            case SECURE -> {
                if (!chainValidates(tls)) {
                    return Optional.of("the certificate chain of " + host + " does not validate");
                }
                String nexthop = config.nextHop().orElse(host).toLowerCase(Locale.ROOT);
                return namesNextHop(leaf, nexthop) ? Optional.empty()
                        : Optional.of("the certificate of " + host + " names neither " + nexthop + " nor a subdomain of it ("
                        + HostnameMatcher.describeSubjectAltNames(leaf) + ")");
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** Postfix's {@code nexthop, dot-nexthop}: the domain itself, or any name below it. */
    static boolean namesNextHop(X509Certificate leaf, String nexthop) {
        if (HostnameMatcher.matches(leaf, nexthop)) {
            return true;
        }
        try {
            if (leaf.getSubjectAlternativeNames() == null) {
                return false;
            }
            return leaf.getSubjectAlternativeNames().stream()
                    .filter(san -> (Integer) san.get(0) == 2) // dNSName
                    .map(san -> ((String) san.get(1)).toLowerCase(Locale.ROOT))
                    .anyMatch(name -> !name.startsWith("*") && name.endsWith("." + nexthop));
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private boolean chainValidates(TlsConnection tls) {
        if (config.trustAnchors().isEmpty()) {
            return false;
        }
        // Only the chain is judged here; the names are matched by the caller, so the name check is skipped by choice.
        VerifyPolicy pkix = TrustPolicy.verify(config.trustAnchors(), config.clock()).withoutHostnameCheck();
        try {
            return pkix.evaluate(new CertificateChain(tls.peerCertificates()), Optional.empty(), Side.SERVER)
                    instanceof PeerAuthentication.Trusted;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private TlsLogLine.Trust trustWord(TlsConnection tls) {
        return switch (config.level()) {
            case VERIFY, SECURE, FINGERPRINT -> TlsLogLine.Trust.VERIFIED;
            default -> chainValidates(tls) ? TlsLogLine.Trust.TRUSTED : TlsLogLine.Trust.UNTRUSTED;
        };
    }

    private static Result refuse(MailLines lines, String why) {
        try {
            lines.writeLine("QUIT");
        } catch (IOException ignored) {
            // The connection is being abandoned anyway; the reason below is what matters.
        }
        return new Result(false, why, Optional.empty());
    }

    private static SmtpReply command(MailLines lines, String command) throws IOException {
        lines.writeLine(command);
        return SmtpReply.read(lines);
    }

    private static void expect(SmtpReply reply, int code, String step) throws IOException {
        if (reply.code() != code) {
            throw new IOException(step + ": expected " + code + ", got " + reply);
        }
    }

    private static void expectPositive(SmtpReply reply, String step) throws IOException {
        if (!reply.positive()) {
            throw new IOException(step + " refused: " + reply);
        }
    }

    /**
     * The message as DATA sends it (RFC 5321 §4.5.2): CRLF line endings, a period doubled at the
     * start of a line, and the terminating {@code CRLF.CRLF}.
     */
    static byte[] dotStuffed(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        return out.append(".\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
