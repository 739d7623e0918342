package dev.tlsworkbook.starttls.demo;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.Pem;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.starttls.MailServer;
import dev.tlsworkbook.starttls.MailServerConfig;
import dev.tlsworkbook.starttls.MailStore;
import dev.tlsworkbook.starttls.SecurityLevel;
import dev.tlsworkbook.starttls.SmtpClient;
import dev.tlsworkbook.starttls.SmtpClientConfig;
import dev.tlsworkbook.starttls.StartTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mail-server} and {@code smtp-client}: the STARTTLS servers and client for real use.
 *
 * @since chapter05
 */
final class MailCommands {
    static final String USAGE = """
            usage: mvn -q -pl chapter05-tls12-compat exec:java -Dexec.args="COMMAND [OPTIONS]"

              smtp                      embedded SMTP server and client on loopback: the STARTTLS upgrade
              mail-server [OPTIONS]     SMTP (and, if asked, IMAP, IMAPS, POP3) until stopped
                --smtp-port N           SMTP with STARTTLS (default 2525; 0 picks a free port)
                --imap-port N           also IMAP with STARTTLS
                --imaps-port N          also IMAP over implicit TLS (RFC 8314)
                --pop3-port N           also POP3 with STLS
                --bind ADDRESS          listen on ADDRESS (default 127.0.0.1)
                --hostname NAME         the name in the greeting and Received: headers (default mx.example.test)
                --cert F --key F        the server certificate chain and key (PEM); without them a throwaway
                                        CA issues one for the hostname and localhost (--ca-out F keeps the CA)
                --domain D              a local domain (repeatable; default example.test); other domains are relaying
                --maildir DIR           where delivered messages go (default: a new temporary directory)
                --user NAME:PASSWORD    an IMAP/POP3 login (repeatable)
                --require-tls           refuse MAIL and logins before STARTTLS
                --relay-fingerprint HEX allow relaying for a client certificate with this SHA-256 fingerprint (repeatable;
                                        asks every client for a certificate, optionally)
                --verify-client MODE    none, optional or required: ask clients for a certificate (TLS 1.3 and 1.2)
                --client-cafile F       judge client certificates against these CAs (Trusted in the log line)
              smtp-client HOST PORT [OPTIONS] < MESSAGE
                --level L               none, may, encrypt, verify, secure, fingerprint (default may)
                --from ADDRESS --to ADDRESS (repeatable)
                --cafile F              CA certificates for verify and secure (PEM)
                --nexthop DOMAIN        the domain secure matches (default: HOST)
                --fingerprint HEX       a trusted server certificate (repeatable) for fingerprint
                --cert F --key F        a client certificate, presented when the server asks
                --helo NAME             the EHLO name (default localhost)

            exit status: 0 delivered or served, 1 not delivered, 2 bad command line
            """;

    private MailCommands() {
    }

    /** The parsed options of both commands. */
    record Options(List<String> positional, Map<String, List<String>> values, Set<String> flags) {
        private static final Set<String> FLAGS = Set.of("--require-tls");
        private static final Set<String> VALUED = Set.of("--smtp-port", "--imap-port", "--imaps-port", "--pop3-port",
                "--bind", "--hostname", "--cert", "--key", "--ca-out", "--domain", "--maildir", "--user",
                "--relay-fingerprint", "--verify-client", "--client-cafile", "--level", "--from", "--to", "--cafile", "--nexthop", "--fingerprint", "--helo");

        static Options parse(String[] args) {
            List<String> positional = new ArrayList<>();
            Map<String, List<String>> values = new HashMap<>();
            Set<String> flags = new LinkedHashSet<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (FLAGS.contains(a)) {
                    flags.add(a);
                } else if (VALUED.contains(a)) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    values.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
                } else if (a.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option: " + a);
                } else {
                    positional.add(a);
                }
            }
            return new Options(positional, values, flags);
        }

        List<String> all(String option) {
            return values.getOrDefault(option, List.of());
        }

        Optional<String> one(String option) {
            List<String> v = all(option);
            if (v.size() > 1) {
                throw new IllegalArgumentException(option + " given more than once");
            }
            return v.stream().findFirst();
        }

        Optional<Integer> port(String option) {
            return one(option).map(p -> {
                try {
                    int n = Integer.parseInt(p);
                    if (n < 0 || n > 65535) {
                        throw new IllegalArgumentException(option + ": port out of range: " + p);
                    }
                    return n;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(option + ": not a port number: " + p, e);
                }
            });
        }
    }

    static int server(Options o, PrintStream out) throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        String hostname = o.one("--hostname").orElse("mx.example.test");
        CertifiedKey certificate = certificate(o, hostname, clock, random, out);
        Path maildir = o.one("--maildir").map(Path::of).orElse(null);
        if (maildir == null) {
            maildir = Files.createTempDirectory("tlsworkbook-maildir-");
        }
        Map<String, String> users = new HashMap<>();
        for (String u : o.all("--user")) {
            int colon = u.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--user wants NAME:PASSWORD, got " + u);
            }
            users.put(u.substring(0, colon), u.substring(colon + 1));
        }
        List<String> domains = o.all("--domain").isEmpty() ? List.of("example.test") : o.all("--domain");
        ClientAuthMode verifyClient = o.one("--verify-client").map(MailCommands::clientAuthMode).orElse(ClientAuthMode.NONE);
        // Both versions ask for the certificate (RFC 8446 §4.3.2, RFC 5246 §7.4.4).
        TlsConfig.Builder tls = StartTls.mailTls().certificates(certificate).clock(clock).random(random).clientAuth(verifyClient);
        // Client certificates are judged by the policies a client applies to servers (chapter 4).
        Optional<String> clientCa = o.one("--client-cafile");
        tls.trustPolicy(clientCa.isPresent() ? TrustPolicy.verify(Path.of(clientCa.get()), clock) : TrustPolicy.opportunistic());
        MailServerConfig config = new MailServerConfig(hostname, Set.copyOf(domains), Optional.of(tls.build()),
                Optional.of(certificate.chain().publicKey()), o.flags().contains("--require-tls"),
                Set.copyOf(o.all("--relay-fingerprint")), users, new MailStore(maildir), out::println, clock);
        InetAddress bind = InetAddress.getByName(o.one("--bind").orElse("127.0.0.1"));
        Map<MailServer.Protocol, InetSocketAddress> listeners = new EnumMap<>(MailServer.Protocol.class);
        listeners.put(MailServer.Protocol.SMTP, new InetSocketAddress(bind, o.port("--smtp-port").orElse(2525)));
        o.port("--imap-port").ifPresent(p -> listeners.put(MailServer.Protocol.IMAP, new InetSocketAddress(bind, p)));
        o.port("--imaps-port").ifPresent(p -> listeners.put(MailServer.Protocol.IMAPS, new InetSocketAddress(bind, p)));
        o.port("--pop3-port").ifPresent(p -> listeners.put(MailServer.Protocol.POP3, new InetSocketAddress(bind, p)));
        try (MailServer server = MailServer.start(config, listeners)) {
            for (MailServer.Protocol p : listeners.keySet()) {
                out.println(p.name().toLowerCase(java.util.Locale.ROOT) + " listening on " + bind.getHostAddress() + ":"
                        + server.port(p));
            }
            out.println("messages go to " + maildir.toAbsolutePath() + "; stop with Ctrl-C");
            new CountDownLatch(1).await();
        }
        return 0;
    }

    private static ClientAuthMode clientAuthMode(String mode) {
        return switch (mode) {
            case "none" -> ClientAuthMode.NONE;
            case "optional" -> ClientAuthMode.OPTIONAL;
            case "required" -> ClientAuthMode.REQUIRED;
            default -> throw new IllegalArgumentException("--verify-client: none, optional or required, not " + mode);
        };
    }

    private static CertifiedKey certificate(Options o, String hostname, Clock clock, SecureRandom random,
            PrintStream out) throws IOException {
        Optional<String> cert = o.one("--cert");
        Optional<String> key = o.one("--key");
        if (cert.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        if (cert.isPresent()) {
            return CertifiedKey.load(Path.of(cert.get()), Path.of(key.get()));
        }
        TestPki pki = TestPki.create(clock, random);
        CertifiedKey issued = pki.issue("CN=" + hostname, KeyKind.EC_P256, List.of(hostname, "localhost"),
                List.of("127.0.0.1"));
        Path caFile = o.one("--ca-out").map(Path::of).orElse(Files.createTempFile("tlsworkbook-mail-ca-", ".pem"));
        pki.writeCaPem(caFile);
        out.println("throwaway CA certificate written to " + caFile.toAbsolutePath()
                + " (e.g. swaks --tls-ca-path " + caFile.toAbsolutePath() + ", curl --cacert " + caFile.toAbsolutePath() + ")");
        return issued;
    }

    static int client(Options o, InputStream stdin, PrintStream out) throws IOException {
        if (o.positional().size() != 2) {
            throw new IllegalArgumentException("smtp-client needs HOST and PORT");
        }
        String host = o.positional().get(0);
        int port = Options.parse(new String[] {"--smtp-port", o.positional().get(1)}).port("--smtp-port").orElseThrow();
        SecurityLevel level = SecurityLevel.parse(o.one("--level").orElse("may"));
        String from = o.one("--from").orElseThrow(() -> new IllegalArgumentException("--from is required"));
        List<String> to = o.all("--to");
        if (to.isEmpty()) {
            throw new IllegalArgumentException("at least one --to is required");
        }
        List<X509Certificate> anchors = new ArrayList<>();
        for (String f : o.all("--cafile")) {
            anchors.addAll(Pem.readCertificates(Path.of(f)));
        }
        SmtpClientConfig config = SmtpClientConfig.of(level, anchors, Set.copyOf(o.all("--fingerprint")), out::println);
        config = new SmtpClientConfig(level, o.one("--helo").orElse("localhost"), anchors, o.one("--nexthop"),
                config.fingerprints(), List.of(), b -> { }, config.dialogue(), out::println, config.clock(),
                config.random(), config.timeout());
        Optional<String> cert = o.one("--cert");
        if (cert.isPresent()) {
            config = config.withClientCertificates(List.of(CertifiedKey.load(Path.of(cert.get()),
                    Path.of(o.one("--key").orElseThrow(() -> new IllegalArgumentException("--cert needs --key"))))));
        }
        SmtpClient.Result result = new SmtpClient(config).send(host, port, from, to, stdin.readAllBytes());
        out.println(result.delivered() ? "delivered: " + result.reply() : "not delivered: " + result.reply());
        return result.delivered() ? 0 : 1;
    }
}
