package dev.tlsworkbook.starttls.demo;

import dev.tlsworkbook.engine.TracePrinter;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.starttls.MailLines;
import dev.tlsworkbook.starttls.MailServer;
import dev.tlsworkbook.starttls.MailServerConfig;
import dev.tlsworkbook.starttls.MailStore;
import dev.tlsworkbook.starttls.SecurityLevel;
import dev.tlsworkbook.starttls.SmtpClient;
import dev.tlsworkbook.starttls.SmtpClientConfig;
import dev.tlsworkbook.starttls.StartTls;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mail commands of chapter 5: {@code smtp} (an embedded SMTP server and client on loopback,
 * showing the plaintext dialogue, the upgrade, the handshake and Postfix's log lines),
 * {@code mail-server} and {@code smtp-client} for real use ({@link MailCommands}).
 *
 * @since chapter05
 */
public final class MailDemo {
    private MailDemo() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs one mail command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String command = args.length == 0 ? "smtp" : args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        try {
            return switch (command) {
                case "smtp" -> smtp(out);
                case "mail-server" -> MailCommands.server(MailCommands.Options.parse(rest), out);
                case "smtp-client" -> MailCommands.client(MailCommands.Options.parse(rest), System.in, out);
                case "--help", "-h", "help" -> {
                    out.print(MailCommands.USAGE);
                    yield 0;
                }
                default -> throw new IllegalArgumentException("unknown command: " + command);
            };
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(MailCommands.USAGE);
            return 2;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return 2;
        } catch (java.net.BindException e) {
            err.println("error: " + e.getMessage() + " (is another server on that port? --smtp-port 0 picks a free one)");
            return 2;
        } catch (java.net.UnknownHostException e) {
            err.println("error: unknown host: " + e.getMessage());
            return 2;
        } catch (java.net.ConnectException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** The embedded demo: one message from our client to our server over STARTTLS. */
    static int smtp(PrintStream out) throws IOException {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        TestPki pki = TestPki.create(clock, random);
        CertifiedKey mx = pki.issue("CN=mx.example.test", KeyKind.EC_P256, List.of("mx.example.test", "localhost"),
                List.of("127.0.0.1"));
        Path maildir = Files.createTempDirectory("tlsworkbook-maildir-");
        MailServerConfig serverConfig = new MailServerConfig("mx.example.test", Set.of("example.test"),
                Optional.of(StartTls.mailTls().certificates(mx).clock(clock).random(random).build()),
                Optional.of(mx.chain().publicKey()), true, Set.of(), Map.of(), new MailStore(maildir),
                line -> out.println("server log: " + line), clock);
        try (MailServer server = MailServer.start(serverConfig, Map.of(MailServer.Protocol.SMTP,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))) {
            int port = server.port(MailServer.Protocol.SMTP);
            out.println("An SMTP server for example.test (certificate " + mx.chain().subject() + ", from a throwaway CA)"
                    + " listens on 127.0.0.1:" + port + " and requires STARTTLS before MAIL.");
            out.println("The client delivers one message at Postfix's security level \"verify\": TLS, a valid chain,"
                    + " and the name of the host it connected to in the certificate.");
            out.println();
            TracePrinter trace = TracePrinter.client(out, TracePrinter.Detail.MESSAGES);
            MailLines.Dialogue dialogue = new MailLines.Dialogue() {
                @Override
                public void sent(String line) {
                    out.println("C: " + line);
                    if (line.equals("STARTTLS")) {
                        out.flush();
                    }
                }

                @Override
                public void received(String line) {
                    out.println("S: " + line);
                    if (line.startsWith("220 2.0.0 Ready to start TLS")) {
                        out.println("-- the same TCP connection now carries TLS records --");
                        trace.header();
                    }
                }
            };
            SmtpClientConfig client = SmtpClientConfig.of(SecurityLevel.VERIFY, List.of(pki.caCertificate()), Set.of(),
                    line -> out.println("client log: " + line))
                    .withTls(b -> b.traceListener(trace), dialogue);
            byte[] message = ("From: bob@client.test\r\nTo: alice@example.test\r\nSubject: hello over STARTTLS\r\n\r\n"
                    + "Delivered through the chapter 4 engine, upgraded in the middle of an SMTP session.\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            SmtpClient.Result result = new SmtpClient(client).send("localhost", port, "bob@client.test",
                    List.of("alice@example.test"), message);
            out.println();
            if (!result.delivered()) {
                out.println("not delivered: " + result.reply());
                return 1;
            }
            Path stored = serverConfig.store().messages().get(0);
            out.println("Delivered to " + stored + ":");
            out.print(Files.readString(stored, StandardCharsets.ISO_8859_1).replace("\r\n", "\n"));
        }
        return 0;
    }
}
