package dev.tlsworkbook.keyschedule.demo;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.SeededRandom;
import dev.tlsworkbook.io.EchoClient;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.io.SocketTransport;
import dev.tlsworkbook.keyschedule.DerivedSecret;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.demo.ToyHandshake.Derived;
import dev.tlsworkbook.keyschedule.trace.Rfc8448Trace;
import dev.tlsworkbook.record.RecordLayer;
import dev.tlsworkbook.record.RecordListener;
import dev.tlsworkbook.record.RecordTransport;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Chapter 3 demo: two peers that have never met agree on keys. This is the one program of the
 * workbook that prints secrets, because seeing them is the lesson.
 *
 * <pre>
 * KeyScheduleDemo [--seed N]                     toy X25519 exchange over cleartext records, then a protected echo
 * KeyScheduleDemo rfc8448                        replay RFC 8448 §3 and compare every value
 * KeyScheduleDemo keylog FILE [LABEL LENGTH]     derive keys (and an exporter) from an SSLKEYLOGFILE
 * </pre>
 *
 * @since chapter03
 */
public final class KeyScheduleDemo {
    static final String USAGE = """
            usage: KeyScheduleDemo [--seed N]             a client and a server on 127.0.0.1 exchange X25519 shares in
                                                          cleartext records, run the TLS 1.3 key schedule, print every
                                                          secret, then echo under the derived keys; --seed N makes the
                                                          randomness (and so every value) repeatable
                   KeyScheduleDemo rfc8448                replay RFC 8448 §3 and print each value next to the RFC's
                                                          (exit 1 if any differs)
                   KeyScheduleDemo keylog FILE [LABEL LENGTH]
                                                          read an SSLKEYLOGFILE (e.g. from openssl s_client -keylogfile)
                                                          and print the record keys of each traffic secret; with LABEL
                                                          and LENGTH also the TLS-Exporter value (RFC 8446 §7.5)
                   KeyScheduleDemo --help                 this text
            """;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private KeyScheduleDemo() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int code = run(args, System.out);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the demo; returns the exit code (0 ok, 1 a value differs, 2 bad arguments). */
    static int run(String[] args, PrintStream out) throws Exception {
        if (args.length == 0) {
            return echo(new SecureRandom(), out);
        }
        switch (args[0]) {
            case "--help", "-h", "help" -> {
                out.print(USAGE);
                return 0;
            }
            case "--seed" -> {
                if (args.length != 2 || !args[1].matches("-?\\d{1,18}")) {
                    return usage("--seed needs a number");
                }
                return echo(seeded(Long.parseLong(args[1])), out);
            }
            case "rfc8448" -> {
                return args.length == 1 ? rfc8448(out) : usage("rfc8448 takes no arguments");
            }
            case "keylog" -> {
                if (args.length == 2) {
                    return KeyLogCheck.run(Path.of(args[1]), null, 0, out);
                }
                if (args.length == 4 && args[3].matches("\\d{1,4}")) {
                    return KeyLogCheck.run(Path.of(args[1]), args[2], Integer.parseInt(args[3]), out);
                }
                return usage("keylog needs FILE, optionally followed by LABEL LENGTH");
            }
            default -> {
                return usage("unknown command: " + args[0]);
            }
        }
    }

    // ------------------------------------------------------------------ default mode

    private static int echo(SecureRandom random, PrintStream out) throws Exception {
        TracePrinter p = new TracePrinter(out);
        p.line("Chapter 3: the TLS 1.3 key schedule between two peers that have never met.");
        p.line("This demo PRINTS SECRETS on purpose (the one place in the workbook that does); real code never logs them.");
        p.line("The handshake is a TOY: each side sends one cleartext message carrying its X25519 share, and the");
        p.line("transcript is just those two messages. The real ClientHello/ServerHello/Finished arrive in chapter04.");
        CompletableFuture<Derived> serverSide = new CompletableFuture<>();
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        // Each accepted socket: cleartext records, the toy exchange, then the same records under the new keys.
        try (EchoServer server = EchoServer.start(listener, 1, socket -> {
            SocketTransport tcp = new SocketTransport(socket);
            RecordLayer layer = new RecordLayer();
            try {
                Derived d = ToyHandshake.server(tcp, layer, random);
                install(layer, d.clientApplication().keys(ToyHandshake.AEAD), d.serverApplication().keys(ToyHandshake.AEAD));
                serverSide.complete(d);
            } catch (RuntimeException | IOException e) {
                serverSide.completeExceptionally(e);
                throw e;
            }
            return new RecordTransport(tcp, layer);
        }, EchoServer.ECHO)) {
            p.line("");
            p.line("server listening on 127.0.0.1:" + server.port() + "; suite " + ToyHandshake.SUITE + ", group x25519");
            SocketTransport tcp = SocketTransport.connect("127.0.0.1", server.port(), TIMEOUT);
            RecordLayer layer = new RecordLayer();
            try (RecordTransport records = new RecordTransport(tcp, layer)) {
                Derived client = ToyHandshake.client(tcp, layer, random);
                Derived srv = serverSide.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                printExchange(p, client, srv);
                printSchedule(p, client);
                boolean same = compare(p, client, srv);
                printKeyLog(p, client);

                install(layer, client.serverApplication().keys(ToyHandshake.AEAD),
                        client.clientApplication().keys(ToyHandshake.AEAD));
                p.line("");
                p.line("Both sides installed the application traffic keys (" + ToyHandshake.AEAD + "); the echo now runs over protected records:");
                boolean[] shown = new boolean[1];
                layer.listener(new RecordListener() {
                    @Override
                    public void sent(byte[] record, int offset, int length) {
                        if (!shown[0]) { // the first protected record: opaque type 23, then ciphertext and tag
                            shown[0] = true;
                            p.line(TracePrinter.format("first protected record on the wire", Opaque.of(record, offset, length)).stripTrailing());
                        }
                    }
                });
                EchoClient echo = new EchoClient(records);
                for (String line : List.of("hello under keys nobody sent", "sequence numbers and nonces change per record")) {
                    String back = echo.roundTrip(line);
                    p.line("  client sent \"" + line + "\", got back \"" + back + "\"");
                }
                p.line("  protected records written by the client: " + records.layer().writeSequence()
                        + ", read back: " + records.layer().readSequence());
                records.shutdownOutput();
                return same ? 0 : 1;
            }
        }
    }

    private static void install(RecordLayer layer, TrafficKeys read, TrafficKeys write) {
        layer.installReadKeys(read, 0);
        layer.installWriteKeys(write);
    }

    private static void printExchange(TracePrinter p, Derived client, Derived server) {
        p.step("client", "create an ephemeral x25519 key pair and send its public key (in the clear)");
        p.value("public key", client.ourShare());
        p.value("toy ClientHello record on the wire", client.sentRecord());
        p.step("server", "create an ephemeral x25519 key pair and send its public key (in the clear)");
        p.value("public key", server.ourShare());
        p.value("toy ServerHello record on the wire", server.sentRecord());
        p.step("client", "X25519(client private key, server public key)");
        p.value("shared secret", Opaque.of(client.shared().bytes()));
        p.step("server", "X25519(server private key, client public key)");
        p.value("shared secret", Opaque.of(server.shared().bytes()));
    }

    private static void printSchedule(TracePrinter p, Derived d) {
        p.step("client", "extract secret \"early\" (no PSK: HKDF-Extract(0, 0))");
        p.value("secret", bytes(d.early().secret()));
        p.step("client", "derive secret for handshake \"tls13 derived\"");
        p.value("expanded", bytes(d.early().derivedSecret()));
        p.step("client", "extract secret \"handshake\" (IKM = the shared secret)");
        p.value("secret", bytes(d.handshake().secret()));
        p.step("client", "transcript hash of the toy ClientHello and ServerHello");
        p.value("hash", d.transcript().currentHash());
        traffic(p, d.clientHandshake());
        traffic(p, d.serverHandshake());
        p.step("client", "derive secret for master \"tls13 derived\"");
        p.value("expanded", bytes(d.handshake().derivedSecret()));
        p.step("client", "extract secret \"master\" (IKM = 0)");
        p.value("secret", bytes(d.master().secret()));
        traffic(p, d.clientApplication());
        traffic(p, d.serverApplication());
        p.step("client", "derive secret \"tls13 exp master\"");
        p.value("expanded", bytes(d.exporter().secret()));
    }

    private static void traffic(TracePrinter p, TrafficSecret secret) {
        p.step("client", "derive secret \"tls13 " + secret.label().rfcLabel() + "\"");
        p.value("expanded", bytes(secret.secret()));
        TrafficKeys keys = secret.keys(ToyHandshake.AEAD);
        p.value("key", bytes(keys.key()));
        p.value("iv", bytes(keys.iv()));
    }

    private static boolean compare(TracePrinter p, Derived client, Derived server) {
        p.line("");
        p.line("Did both sides derive the same values?");
        List<DerivedSecret[]> pairs = List.of(
                new DerivedSecret[] {client.clientHandshake(), server.clientHandshake()},
                new DerivedSecret[] {client.serverHandshake(), server.serverHandshake()},
                new DerivedSecret[] {client.clientApplication(), server.clientApplication()},
                new DerivedSecret[] {client.serverApplication(), server.serverApplication()},
                new DerivedSecret[] {client.exporter(), server.exporter()});
        boolean all = client.shared().equals(server.shared());
        p.line("  " + mark(all) + " shared secret");
        for (DerivedSecret[] pair : pairs) {
            boolean same = pair[0].secret().equals(pair[1].secret());
            if (pair[0] instanceof TrafficSecret c && pair[1] instanceof TrafficSecret s) {
                same &= c.keys(ToyHandshake.AEAD).key().equals(s.keys(ToyHandshake.AEAD).key());
            }
            p.line("  " + mark(same) + " " + pair[0].label() + (pair[0] instanceof TrafficSecret ? " (secret and key)" : ""));
            all &= same;
        }
        return all;
    }

    private static void printKeyLog(TracePrinter p, Derived client) {
        p.line("");
        p.line("The same secrets as SSLKEYLOGFILE lines (KeyLog; what Wireshark reads):");
        KeyLog log = KeyLog.to(line -> p.line("  " + line));
        for (DerivedSecret s : List.of(client.clientHandshake(), client.serverHandshake(), client.clientApplication(),
                client.serverApplication(), client.exporter())) {
            log.log(s, client.clientRandom());
        }
    }

    // ------------------------------------------------------------------ rfc8448 mode

    private static int rfc8448(PrintStream out) {
        out.println("Replaying RFC 8448 §3 (simple 1-RTT handshake, TLS_AES_128_GCM_SHA256, x25519) from the RFC's");
        out.println("private keys and handshake messages; each value we derive next to the one the RFC prints.");
        List<Rfc8448Replay.Check> checks = Rfc8448Replay.section3(Rfc8448Trace.load());
        String lastStep = "";
        int bad = 0;
        for (Rfc8448Replay.Check c : checks) {
            if (!c.step().equals(lastStep)) {
                out.println();
                out.println("   " + c.step() + ":");
                lastStep = c.step();
            }
            out.print(TracePrinter.format("ours " + c.name(), c.ours()));
            out.print(TracePrinter.format("RFC  " + c.name(), c.rfc()).stripTrailing());
            out.println("   " + mark(c.matches()));
            bad += c.matches() ? 0 : 1;
        }
        out.println();
        out.println(bad == 0 ? "all " + checks.size() + " values match RFC 8448 ✓" : bad + " of " + checks.size() + " values differ ✗");
        return bad == 0 ? 0 : 1;
    }

    // ------------------------------------------------------------------ helpers

    static String mark(boolean ok) {
        return ok ? "✓" : "✗";
    }

    private static Opaque bytes(SecretBytes secret) {
        return Opaque.of(secret.bytes());
    }

    private static SecureRandom seeded(long seed) {
        return SeededRandom.of(seed); // for demos and docs only: the seed gives away every key
    }

    private static int usage(String problem) {
        System.err.println(problem);
        System.err.print(USAGE);
        return 2;
    }
}
