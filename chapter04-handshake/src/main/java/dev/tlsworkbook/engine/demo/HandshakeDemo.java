package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.engine.TracePrinter;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.io.EchoClient;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.keyschedule.KeyLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Chapter 4's demo. With no arguments: a throwaway CA and a {@code localhost} certificate, a
 * TLS 1.3 server on an ephemeral loopback port, and a client that connects to it, printing the
 * handshake as RFC 8446 §2 draws it, the summary line, a few echoed lines, and the close_notify
 * exchange. With {@code server …} or {@code client …} it talks to real tools (openssl, curl,
 * browsers); {@code --help} lists the options.
 *
 * @since chapter04
 */
public final class HandshakeDemo {
    static final String USAGE = """
            usage: HandshakeDemo [--seed N] [--trace=bytes]   embedded server and client on loopback, annotated trace
                   HandshakeDemo server [options]
                   HandshakeDemo illustrate [--out DIR] [--seed N]   one seeded connection as a static page, DIR/index.html
                                                                     (default docs/illustrated, seed 7)
                   HandshakeDemo walkthrough [PART] [--seed N]   the same connection field by field, as text; PART is
                                                                     client-hello, server-hello, hello-retry-request,
                                                                     record or certificate (default: all)
                   HandshakeDemo client HOST PORT [options]      send standard input, print what comes back
                   HandshakeDemo client https://HOST[:PORT]/PATH [options]   HTTP GET, print the body

            server options:
              --port N            listen on port N (default 4433; 0 picks a free port)
              --bind ADDR         listen address (default 127.0.0.1)
              --cert F --key F    a PEM certificate chain and its private key; repeat for several chains
                                  (without: a throwaway CA and localhost certificate; the CA is written to a file)
              --ca-out F          where to write that throwaway CA certificate (default: a temporary file)
              --www               answer an HTTP request with a page describing the connection, then close
              --verify-client M   ask for a client certificate: none (default), optional, required
              --client-cafile F   trust client certificates issued by the CAs in PEM file F (also named in the request)
              --client-fingerprint HEX   trust the client certificate with this SHA-256 fingerprint; repeatable
                                  (neither: client certificates are accepted untrusted, for encryption only)
              --post-handshake-auth      request a client certificate right after the handshake (RFC 8446 §4.6.2)
              --early-data N      accept up to N bytes of 0-RTT data with resumed sessions (off by default:
                                  0-RTT data can be replayed, RFC 8446 §8); it is printed, not served
              --nio               serve from java.nio selector threads (one per core), not a thread per connection
              --max-connections N connections held at once; more are refused (default 256, with --nio 4096)
              --handshake-timeout S   cut off a handshake not complete S seconds after accepting (default 10)
              --idle-timeout S    close an established connection silent for S seconds (default 120)
            client options:
              --cafile F          trust the CA certificates in PEM file F (default: the JDK's CA store)
              --fingerprint HEX   trust exactly the server certificate with this SHA-256 fingerprint
              --insecure          encrypt without authenticating the server (opportunistic)
              --key-share G,...   groups to send key shares for (default: the first of --groups, else
                                  X25519MLKEM768 and x25519)
              --key-update        send a KeyUpdate (requesting the server's) right after the handshake
              --cert F --key F    a client certificate chain and key, sent when the server asks; repeatable
                                  (the one fitting the request's signature schemes and CAs is chosen)
              --no-grease         do not send GREASE values
            both:
              --alpn P1,P2        application protocols (ALPN, RFC 7301)
              --groups G,...      key exchange groups in preference order: X25519MLKEM768, SecP256r1MLKEM768,
                                  SecP384r1MLKEM1024, x25519, secp256r1, x448, secp384r1 (the default)
              --suites S,...      TLS 1.3 cipher suites, e.g. TLS_CHACHA20_POLY1305_SHA256
              --keymatexport L    print keying material exported with label L (RFC 8446 §7.5)
              --keymatexportlen N how many bytes to export (default 20)
              --trace             print the handshake (default)   --trace=bytes  with hex dumps   --quiet  without
              --seed N            DEMO/TEST ONLY: take every random value from seed N and stop the clock at
                                  2026-01-01T00:00:00Z, so two runs print the same bytes (never for real keys)
            SSLKEYLOGFILE=path    append the connection secrets to path, for Wireshark
            """;

    private HandshakeDemo() {
    }

    /** The help text, for a later chapter's demo that adds its own options above it. */
    public static String usage() {
        return USAGE;
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the {@code server}, {@code client} and {@code --help} modes with {@code hook} applied to
     * every configuration and {@code usage} as the help text: the entry point a later chapter's demo
     * reuses. Returns the exit status, or -1 when there are no arguments (the caller's embedded demo).
     */
    public static int run(String[] args, DemoHook hook, String usage) throws IOException, InterruptedException {
        return run(args, hook, usage, Illustration.TLS13, false, System.out, System.err);
    }

    /** As {@link #run(String[], DemoHook, String)}, with the chapter's own page for {@code illustrate}. */
    public static int run(String[] args, DemoHook hook, String usage, Illustration illustration)
            throws IOException, InterruptedException {
        return run(args, hook, usage, illustration, false, System.out, System.err);
    }

    /** This chapter's demo: as above, with no hook, this chapter's help text and its own embedded demo. */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        return run(args, DemoHook.NONE, USAGE, Illustration.TLS13, true, out, err);
    }

    /**
     * Runs the demo and returns its exit status: 0 success, 1 the connection or TLS failed, 2 a
     * wrong command line, 3 a local resource missing or unusable ({@link DemoFailure}); -1 for no
     * arguments unless {@code embedded} (the caller runs its own embedded demo). User mistakes end
     * in one {@code error:} line on {@code err}, never a stack trace.
     */
    private static int run(String[] args, DemoHook hook, String usage, Illustration illustration, boolean embedded,
                           PrintStream out, PrintStream err) throws IOException, InterruptedException {
        DemoArgs parsed;
        try {
            parsed = DemoArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(usage);
            return DemoFailure.USAGE;
        }
        try {
            return switch (parsed.mode()) {
                case HELP -> {
                    out.print(usage);
                    yield 0;
                }
                case DEMO -> embedded ? embedded(parsed.entropy(), parsed.trace() == DemoArgs.Trace.BYTES
                        ? TracePrinter.Detail.BYTES : TracePrinter.Detail.MESSAGES, out) : -1;
                case SERVER -> DemoServer.run(parsed, out, hook);
                case ILLUSTRATE -> {
                    out.println("wrote " + Illustrate.write(parsed.entropy(), illustration,
                            parsed.out().orElse(Path.of(illustration.directory()))));
                    yield 0;
                }
                case WALKTHROUGH -> {
                    Walkthrough.print(parsed.entropy(), parsed.positional().isEmpty() ? "all" : parsed.positional().get(0),
                            out);
                    yield 0;
                }
                case CLIENT -> DemoClient.run(parsed, out, err, hook);
            };
        } catch (DemoFailure e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return e.status();
        }
    }

    /**
     * {@code $SSLKEYLOGFILE}'s key log, warning on {@code err} when it is on: the key log's own
     * warning goes to the log, which {@code mvn -q} hides.
     */
    static KeyLog keyLogFromEnvironment(PrintStream err) {
        KeyLog keyLog = KeyLog.fromEnvironment();
        if (keyLog.enabled()) {
            err.println("warning: writing TLS secrets to $" + KeyLog.ENVIRONMENT_VARIABLE + " ("
                    + System.getenv(KeyLog.ENVIRONMENT_VARIABLE) + "): anyone who can read that file can decrypt"
                    + " these connections");
        }
        return keyLog;
    }

    /** The no-argument demo; returns the exit status. */
    static int embedded(DemoEntropy entropy, TracePrinter.Detail detail, PrintStream out) throws IOException {
        Clock clock = entropy.clock();
        if (entropy.seed().isPresent()) {
            out.println(entropy.warning());
        }
        TestPki pki = TestPki.create(clock, entropy.random("pki"));
        CertifiedKey localhost = pki.issueLocalhost(KeyKind.EC_P256);
        KeyLog keyLog = keyLogFromEnvironment(out);
        // 0-RTT is off by default (RFC 8446 §8: replayable); the demo turns it on to show it.
        TlsConfig serverConfig = TlsConfig.builder().certificates(List.of(localhost)).keyLog(keyLog)
                .maxEarlyDataSize(EARLY_DATA_LIMIT).clock(clock).random(entropy.random("server")).build();
        TracePrinter trace = TracePrinter.client(out, detail);
        TlsConfig clientConfig = TlsConfig.builder().trustPolicy(TrustPolicy.verify(List.of(pki.caCertificate()), clock))
                .traceListener(trace).keyLog(keyLog).clock(clock).random(entropy.random("client")).build();

        try (TlsServer server = TlsServer.start(0, serverConfig, c -> EchoServer.echo(c.transport()))) {
            out.println("A throwaway CA (" + pki.caCertificate().getSubjectX500Principal().getName() + ") signed "
                    + localhost.chain().subject() + "; the server listens on 127.0.0.1:" + server.port()
                    + ", the client trusts only that CA.");
            out.println();
            trace.header();
            try (TlsConnection connection = TlsClient.connect("localhost", server.port(), clientConfig)) {
                trace.summary(connection.summary());
                out.println();
                // chapter01's echo client, unchanged, over the TLS transport.
                EchoClient echo = new EchoClient(connection.transport());
                for (String line : List.of("hello, TLS 1.3", "every byte in a record", "sealed with AEAD")) {
                    out.println("echo: \"" + line + "\" → \"" + echo.roundTrip(line) + "\"");
                }
                echo.finish();
                out.println("close_notify sent and received: the stream ended cleanly (RFC 8446 §6.1).");
            }
            out.println();
            out.println("A second connection resumes with a ticket from the first (RFC 8446 §2.2) and sends 0-RTT data (§2.3):");
            out.println();
            trace.header();
            byte[] early = "GET / (0-RTT)".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try (TlsConnection connection = TlsClient.connect("localhost", server.port(), clientConfig, TlsClient.DEFAULT_TIMEOUT,
                    early)) {
                trace.summary(connection.summary());
                out.println();
                out.println("0-RTT: " + connection.transport().engine().earlyDataSent() + " bytes sent before the handshake ended, "
                        + connection.summary().earlyData().name().toLowerCase(java.util.Locale.ROOT) + " by the server");
                EchoClient echo = new EchoClient(connection.transport());
                out.println("echo: \"resumed\" → \"" + echo.roundTrip("resumed") + "\"");
                echo.finish();
            }
        }
        return 0;
    }

    /** The demo server's max_early_data_size (RFC 8446 §4.2.10). */
    private static final int EARLY_DATA_LIMIT = 16384;
}
