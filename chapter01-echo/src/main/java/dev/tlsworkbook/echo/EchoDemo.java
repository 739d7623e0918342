package dev.tlsworkbook.echo;

import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.io.EchoClient;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.io.FramedEcho;
import dev.tlsworkbook.io.FramedEchoClient;
import dev.tlsworkbook.io.SocketTransport;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.FrameDecoder;
import dev.tlsworkbook.wire.FrameEncoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Chapter 1 demo: a TCP echo that shows a stream has no message boundaries, half-close, and a
 * u16-length-framed echo built on the wire codec (RFC 8446 §3.4).
 *
 * <pre>
 * EchoDemo                                   server and client on loopback, then exit
 * EchoDemo server [--port N] [--framed]      serve until killed
 * EchoDemo client HOST PORT                  echo the lines of stdin
 * </pre>
 *
 * @since chapter01
 */
public final class EchoDemo {
    static final String USAGE = """
            usage: EchoDemo                               run an echo server and client on 127.0.0.1 and exit
                   EchoDemo server [--port N] [--framed]  serve on 127.0.0.1:N (default: a free port) until
                                                          killed; --framed echoes u16-length-prefixed frames
                   EchoDemo client HOST PORT              send each line of stdin, print each echo
                   EchoDemo --help                        this text
            """;
    /** Frames larger than this are refused by the demo's framed echo. */
    static final int MAX_FRAME = 1024;

    private EchoDemo() {
    }

    public static void main(String[] args) throws Exception {
        boolean server = args.length > 0 && args[0].equals("server");
        // Library code logs through SLF4J; keep the walkthrough quiet, let the server show connections.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", server ? "info" : "warn");
        }
        int code = run(args, System.out, System.in);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the demo; returns the process exit code (0 ok, 2 bad arguments). */
    static int run(String[] args, PrintStream out, InputStream stdin) throws Exception {
        if (args.length == 0) {
            walkthrough(out);
            return 0;
        }
        switch (args[0]) {
            case "--help", "-h", "help" -> {
                out.print(USAGE);
                return 0;
            }
            case "server" -> {
                return server(Arrays.copyOfRange(args, 1, args.length), out);
            }
            case "client" -> {
                if (args.length != 3 || parsePort(args[2]) < 0) {
                    return usage("client needs HOST PORT");
                }
                client(args[1], parsePort(args[2]), stdin, out);
                return 0;
            }
            default -> {
                return usage("unknown command: " + args[0]);
            }
        }
    }

    private static void walkthrough(PrintStream out) throws IOException {
        try (EchoServer server = EchoServer.startOnLoopback(0, 4, EchoServer.ECHO)) {
            byteEcho(server.port(), out);
            halfClose(server.port(), out);
        }
        try (EchoServer framed = EchoServer.startOnLoopback(0, 4, FramedEcho.handler(MAX_FRAME))) {
            framedEcho(framed.port(), out);
        }
        rejections(out);
    }

    private static void byteEcho(int port, PrintStream out) throws IOException {
        out.println("== 1. Byte echo over TCP, server on 127.0.0.1:" + port + " ==");
        try (EchoClient client = new EchoClient(connect("127.0.0.1", port))) {
            for (String line : List.of("hello", "TCP carries bytes, not messages")) {
                out.println("> " + line);
                out.println("< " + client.roundTrip(line));
            }
            byte[] big = bigLine(100 * 1024);
            EchoClient.Echoed echoed = client.roundTrip(big);
            out.printf("> a %,d-byte line \"%s\"%n"
                    + "  (written in %,d-byte pieces; the server reads at most %,d at a time)%n",
                    big.length, abbreviate(big), EchoClient.CHUNK, EchoServer.ECHO_BUFFER);
            out.printf("< %,d bytes back in %d reads, identical: %s%n",
                    echoed.bytes().length(), echoed.reads(), echoed.bytes().equals(Opaque.of(big)));
            out.println("  one write is not one read: the reader loops until it has every byte.");
            Opaque late = client.finish();
            out.println("  client shut its output; bytes after that: " + late.length()
                    + ", then end of stream");
        }
    }

    private static void halfClose(int port, PrintStream out) throws IOException {
        out.println();
        out.println("== 2. Half-close: write everything, shut output (FIN), then read ==");
        byte[] lines = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
        try (EchoClient client = new EchoClient(connect("127.0.0.1", port))) {
            EchoClient.Echoed echoed = client.sendAllThenShutdown(lines);
            out.printf("> %d bytes, then shutdownOutput()%n", lines.length);
            out.printf("< %d bytes in %d read(s), then -1: %s%n", echoed.bytes().length(),
                    echoed.reads(), new String(echoed.bytes().bytes(), StandardCharsets.UTF_8)
                            .replace("\n", "\\n"));
            out.println("  the server saw our FIN, echoed what it had, and sent its own FIN.");
        }
    }

    private static void framedEcho(int port, PrintStream out) throws IOException {
        out.println();
        out.println("== 3. Framed echo: struct { opaque payload<0..2^16-1>; } Frame; ==");
        List<Opaque> messages = List.of(text("hello"), Opaque.EMPTY, text("framing!"));
        byte[] wire = FrameEncoder.encode(messages);
        out.println("three messages (the second empty) as frames, sent in ONE write of "
                + wire.length + " bytes:");
        out.print(Hex.dump(wire, 0, wire.length, "  "));
        for (Opaque m : messages) {
            byte[] frame = FrameEncoder.encode(m);
            out.printf("  frame: %s | %-23s (payload of %d bytes)%n",
                    spaced(Hex.encode(frame, 0, 2)), spaced(m.hex()), m.length());
        }
        out.println("the decoder fed the same bytes 4 at a time:");
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
        for (int i = 0; i < wire.length; i += 4) {
            int n = Math.min(4, wire.length - i);
            List<Opaque> done = decoder.feed(wire, i, n);
            out.printf("  feed %-11s -> %s, %d byte(s) buffered%n", spaced(Hex.encode(wire, i, n)),
                    done.isEmpty() ? "no frame yet" : "frame(s) " + quoted(done), decoder.buffered());
        }
        try (FramedEchoClient client = new FramedEchoClient(connect("127.0.0.1", port), MAX_FRAME)) {
            List<Opaque> echoes = client.roundTrip(messages);
            out.println("server on 127.0.0.1:" + port + " echoed frames " + quoted(echoes));
            client.finish();
        }
    }

    private static void rejections(PrintStream out) {
        out.println();
        out.println("== 4. Bytes the framing rejects (max payload " + MAX_FRAME + ") ==");
        reject(out, "ff ff 41", "a length over the maximum", d -> {
            d.feed(Hex.decode("ffff41"));
        });
        reject(out, "00 05 68 65 + EOF", "the stream ends inside a frame", d -> {
            d.feed(Hex.decode("00056865"));
            d.end();
        });
        reject(out, "00 01 41 42", "one frame expected, a byte follows", d ->
                FrameDecoder.decodeExactly(Opaque.fromHex("00014142"), MAX_FRAME));
    }

    private static void reject(PrintStream out, String input, String what,
            java.util.function.Consumer<FrameDecoder> action) {
        try {
            action.accept(new FrameDecoder(MAX_FRAME));
            out.printf("  %-18s %s: accepted?!%n", input, what);
        } catch (DecodeException e) {
            out.printf("  %-18s %-36s -> %s%n", input, what, e.getMessage());
        }
    }

    private static int server(String[] args, PrintStream out) throws Exception {
        int port = 0;
        boolean framed = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> {
                    port = i + 1 < args.length ? parsePort(args[++i]) : -1;
                    if (port < 0) {
                        return usage("--port needs a number 0..65535");
                    }
                }
                case "--framed" -> framed = true;
                default -> {
                    return usage("unknown server option: " + args[i]);
                }
            }
        }
        EchoServer server = EchoServer.startOnLoopback(port, 16,
                framed ? FramedEcho.handler(FrameDecoder.MAX_U16) : EchoServer.ECHO);
        out.println((framed ? "framed" : "byte") + " echo listening on 127.0.0.1:" + server.port()
                + " (Ctrl-C to stop)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "echo-shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }

    private static void client(String host, int port, InputStream stdin, PrintStream out)
            throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        try (EchoClient client = new EchoClient(connect(host, port))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println(client.roundTrip(line));
            }
            client.finish();
        }
    }

    private static SocketTransport connect(String host, int port) throws IOException {
        SocketTransport transport = SocketTransport.connect(host, port, Duration.ofSeconds(5));
        // A demo must never hang on a silent peer.
        transport.socket().setSoTimeout(10_000);
        return transport;
    }

    private static int usage(String problem) {
        System.err.println(problem);
        System.err.print(USAGE);
        return 2;
    }

    private static int parsePort(String s) {
        try {
            int port = Integer.parseInt(s);
            return port >= 0 && port <= 0xffff ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] bigLine(int length) {
        byte[] line = new byte[length];
        for (int i = 0; i < length; i++) {
            line[i] = (byte) ('a' + i % 26);
        }
        line[length - 1] = '\n';
        return line;
    }

    private static String abbreviate(byte[] line) {
        String s = new String(line, StandardCharsets.US_ASCII).replace("\n", "\\n");
        return s.substring(0, 12) + "…" + s.substring(s.length() - 8);
    }

    private static String spaced(String hex) {
        return hex.replaceAll("(..)(?=.)", "$1 ");
    }

    private static Opaque text(String s) {
        return Opaque.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(List<Opaque> frames) {
        StringBuilder b = new StringBuilder();
        for (Opaque f : frames) {
            b.append(b.length() == 0 ? "" : " ").append('"')
                    .append(new String(f.bytes(), StandardCharsets.UTF_8)).append('"');
        }
        return b.toString();
    }
}
