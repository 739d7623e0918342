package dev.tlsworkbook.tls12.demo;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.config.Tls13;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.config.VersionSupport;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.engine.TracePrinter;
import dev.tlsworkbook.engine.demo.DemoEntropy;
import dev.tlsworkbook.engine.demo.DemoHook;
import dev.tlsworkbook.engine.demo.HandshakeDemo;
import dev.tlsworkbook.engine.demo.Illustration;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.resumption.SessionCache;
import dev.tlsworkbook.io.EchoClient;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.negotiation.Tls12Suites;
import dev.tlsworkbook.tls12.Tls12;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Chapter 5's demo. With no arguments: one embedded server speaking TLS 1.3 and TLS 1.2 on one
 * port, a TLS 1.3 client and a TLS 1.2 client connecting to it (both traces and summary lines),
 * the TLS 1.2 client again resuming with its ticket (RFC 5077, the abbreviated handshake), then a
 * client of both versions pushed down to TLS 1.2 by a scripted man in the middle and
 * catching it with the downgrade sentinel (RFC 8446 §4.1.3); {@code --seed N} makes its bytes
 * repeat, with chapter 4's {@link DemoEntropy}. {@code server …} and {@code client …} are
 * chapter 4's modes with both versions enabled, plus {@code --tls1.2} and {@code --tls1.3} to pin
 * one; {@code illustrate} draws one seeded TLS 1.2 connection with chapter 4's page and
 * {@link Tls12RecordLabels}.
 *
 * @since chapter05
 */
public final class CompatDemo {
    static final String USAGE = """
            usage: CompatDemo [--seed N]         embedded server, a TLS 1.3 and a TLS 1.2 client, and a caught downgrade
                   CompatDemo server [options]   serves TLS 1.3 and TLS 1.2 on one port
                   CompatDemo illustrate [--out DIR] [--seed N]   one seeded TLS 1.2 connection as a static page,
                                                 DIR/index.html (default docs/illustrated-tls12, seed 7)
                   CompatDemo client HOST PORT [options]
                   CompatDemo client https://HOST[:PORT]/PATH [options]
                   CompatDemo smtp | mail-server … | smtp-client …   the STARTTLS demo (docs/05-starttls.md)

            version options (default: both):
              --tls1.3            TLS 1.3 only
              --tls1.2            TLS 1.2 only
            the other options are chapter 4's:
            """;

    private CompatDemo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && List.of("smtp", "mail-server", "smtp-client").contains(args[0])) {
            // The module's other demo: STARTTLS (docs/05-starttls.md).
            dev.tlsworkbook.starttls.demo.MailDemo.main(args);
            return;
        }
        List<String> rest = new ArrayList<>();
        List<VersionSupport> versions = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--tls1.3" -> versions.add(Tls13.support());
                case "--tls1.2" -> versions.add(Tls12.support());
                default -> rest.add(arg);
            }
        }
        if (versions.isEmpty()) {
            versions.addAll(List.of(Tls13.support(), Tls12.support()));
        }
        // Chapter 4's options, below its own "usage:" lines.
        int status = HandshakeDemo.run(rest.toArray(String[]::new), versionsHook(versions),
                USAGE + HandshakeDemo.usage().lines().dropWhile(l -> !l.isBlank()).skip(1).map(l -> l + "\n")
                        .reduce("", String::concat), ILLUSTRATION);
        if (status == -1) {
            status = embedded(entropy(rest), System.out);
        }
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * The illustrated TLS 1.2 connection: a client of TLS 1.2 only, with the default TLS 1.2
     * suites, and a server of both versions, so its random ends in the downgrade sentinel.
     */
    static final Illustration ILLUSTRATION = new Illustration("TLS 1.2",
            "mvn -q -pl chapter05-tls12-compat exec:java -Dexec.args=\"illustrate --out docs/illustrated-tls12\"",
            config -> config.versions(Tls12.support()).cipherSuites(Tls12Suites.DEFAULT), Tls12::bothVersions,
            Tls12RecordLabels.INSTANCE, "docs/illustrated-tls12");

    /** The embedded demo's entropy: chapter 4's, seeded by {@code --seed N} (chapter 4 has checked the arguments). */
    static DemoEntropy entropy(List<String> args) {
        int i = args.indexOf("--seed");
        return i >= 0 && i + 1 < args.size() ? DemoEntropy.seeded(Long.parseLong(args.get(i + 1))) : DemoEntropy.system();
    }

    /** Enables {@code versions} with every suite of theirs we implement. */
    static DemoHook versionsHook(List<VersionSupport> versions) {
        List<CipherSuite> suites = Tls12.allSuites().stream()
                .filter(s -> versions.stream().anyMatch(v -> v.supportsSuite(s))).toList();
        return config -> config.versions(versions.toArray(VersionSupport[]::new)).cipherSuites(suites);
    }

    /** The no-argument demo; returns the exit status. */
    static int embedded(DemoEntropy entropy, PrintStream out) throws IOException {
        if (entropy.seed().isPresent()) {
            out.println(entropy.warning());
        }
        Clock clock = entropy.clock();
        TestPki pki = TestPki.create(clock, entropy.random("pki"));
        CertifiedKey localhost = pki.issueLocalhost(KeyKind.EC_P256);
        KeyLog keyLog = KeyLog.fromEnvironment();
        TlsConfig serverConfig = Tls12.bothVersions(TlsConfig.builder())
                .certificates(List.of(localhost)).keyLog(keyLog).clock(clock).random(entropy.random("server")).build();
        // One stream for every client of the demo: they connect one after the other, so the bytes repeat.
        TlsConfig.Builder client = TlsConfig.builder().trustPolicy(TrustPolicy.verify(List.of(pki.caCertificate()), clock))
                .keyLog(keyLog).clock(clock).random(entropy.random("client"));
        int failures = 0;
        try (TlsServer server = TlsServer.start(0, serverConfig, c -> EchoServer.echo(c.transport()))) {
            out.println("One server on 127.0.0.1:" + server.port() + " speaks TLS 1.3 and TLS 1.2 (" + localhost.chain().subject()
                    + ", signed by a throwaway CA the clients trust).");
            if (keyLog.enabled()) {
                out.println("Secrets go to $" + KeyLog.ENVIRONMENT_VARIABLE + " (TLS 1.2: CLIENT_RANDOM lines).");
            }
            out.println();
            out.println("1. A TLS 1.3 client");
            failures += connect(out, server.port(), client.versions(Tls13.support())
                    .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                            CipherSuite.TLS_CHACHA20_POLY1305_SHA256), "hello over TLS 1.3");
            out.println();
            out.println("2. A TLS 1.2 client (ClientHello without TLS 1.3 in supported_versions)");
            TlsConfig.Builder tls12 = client.versions(Tls12.support()).cipherSuites(Tls12Suites.DEFAULT)
                    .sessionCache(new SessionCache(SessionCache.DEFAULT_CAPACITY));
            failures += connect(out, server.port(), tls12, "hello over TLS 1.2");
            out.println();
            out.println("3. The TLS 1.2 client again, presenting the ticket it received (RFC 5077): the abbreviated handshake");
            failures += connect(out, server.port(), tls12, "hello again over TLS 1.2");
            client.sessionCache(new SessionCache(SessionCache.DEFAULT_CAPACITY));
        }
        out.println();
        out.println("4. A client of both versions, and a man in the middle who removes TLS 1.3 from its ClientHello");
        failures += downgrade(out, serverConfig, client.versions(Tls13.support(), Tls12.support()).cipherSuites(Tls12.allSuites()));
        return failures == 0 ? 0 : 1;
    }

    private static int connect(PrintStream out, int port, TlsConfig.Builder config, String line) throws IOException {
        TracePrinter trace = TracePrinter.client(out, TracePrinter.Detail.MESSAGES);
        trace.header();
        try (TlsConnection connection = TlsClient.connect("localhost", port, config.traceListener(trace).build())) {
            trace.summary(connection.summary());
            EchoClient echo = new EchoClient(connection.transport());
            out.println("echo: \"" + line + "\" → \"" + echo.roundTrip(line) + "\"");
            echo.finish();
            return 0;
        }
    }

    /**
     * The downgrade, in memory so the middlebox can rewrite bytes: the client's first record goes
     * through {@link DowngradingMiddlebox#stripTls13}, the rest unchanged.
     */
    private static int downgrade(PrintStream out, TlsConfig serverConfig, TlsConfig.Builder clientConfig) {
        TracePrinter trace = TracePrinter.client(out, TracePrinter.Detail.MESSAGES);
        trace.header();
        TlsEngine client = TlsEngine.client(clientConfig.traceListener(trace).build(), "localhost");
        TlsEngine server = TlsEngine.server(serverConfig);
        byte[] hello = drain(client);
        out.println("   middlebox: ClientHello offers TLS 1.3: " + DowngradingMiddlebox.offersTls13(hello)
                + "; forwarded without supported_versions and key_share");
        byte[] forged = DowngradingMiddlebox.stripTls13(hello);
        server.receive(forged, 0, forged.length);
        byte[] answer = drain(server);
        try {
            client.receive(answer, 0, answer.length);
        } catch (TlsException e) {
            out.println("   caught: " + e.alert() + " " + e.violation().map(Enum::name).orElse("") + ": " + e.getMessage());
            return 0;
        }
        out.println("   the downgrade went unnoticed");
        return 1;
    }

    private static byte[] drain(TlsEngine engine) {
        byte[] bytes = new byte[engine.pendingOutput()];
        engine.takeOutput(bytes, 0, bytes.length);
        return bytes;
    }
}
