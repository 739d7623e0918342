package dev.tlsworkbook.record.demo;

import dev.tlsworkbook.alert.Alert;
import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.io.EchoClient;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.io.SocketTransport;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.record.RecordLayer;
import dev.tlsworkbook.record.RecordListener;
import dev.tlsworkbook.record.RecordTransport;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.record.protection.TrafficKeys;
import dev.tlsworkbook.wire.WireReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Chapter 2's demo: chapter01's echo, unchanged, with every byte carried in TLS 1.3 protected
 * records under a fixed, public demo key. It prints each record as it crosses the wire, then
 * sends one record with a flipped byte and shows the server's bad_record_mac alert.
 *
 * <pre>
 * RecordDemo [--suite S]                       server and client on loopback, then exit
 * RecordDemo [--suite S] server [--port N]     a record echo server on 127.0.0.1 until Ctrl-C
 * RecordDemo [--suite S] client HOST PORT      sends each line of standard input, prints the echo
 * </pre>
 *
 * @since chapter02
 */
public final class RecordDemo {
    private static final String USAGE = """
            usage: RecordDemo [--suite SUITE]                    echo over protected records on 127.0.0.1, then exit
                   RecordDemo [--suite SUITE] server [--port N]  record echo server on 127.0.0.1:N until Ctrl-C
                   RecordDemo [--suite SUITE] client HOST PORT   send standard input line by line, print the echo
                   RecordDemo --help
              SUITE: AES_128_GCM (default), AES_256_GCM, CHACHA20_POLY1305
            Both sides use a FIXED DEMO KEY: anyone can decrypt these records. The key exchange comes in chapter03.""";

    private final PrintStream out;
    private final AeadAlgorithm aead;

    private RecordDemo(PrintStream out, AeadAlgorithm aead) {
        this.out = out;
        this.aead = aead;
    }

    public static void main(String[] args) throws Exception {
        int code = run(args, System.out);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the demo; returns the exit code (0 ok, 2 bad arguments). */
    public static int run(String[] args, PrintStream out) throws Exception {
        AeadAlgorithm aead = AeadAlgorithm.AES_128_GCM;
        int i = 0;
        if (args.length > 0 && args[0].equals("--help")) {
            out.println(USAGE);
            return 0;
        }
        if (args.length >= 2 && args[0].equals("--suite")) {
            try {
                aead = AeadAlgorithm.valueOf(args[1]);
            } catch (IllegalArgumentException e) {
                return usage("unknown suite: " + args[1]);
            }
            i = 2;
        } else if (args.length == 1 && args[0].equals("--suite")) {
            return usage("--suite needs a value");
        }
        RecordDemo demo = new RecordDemo(out, aead);
        String[] rest = Arrays.copyOfRange(args, i, args.length);
        if (rest.length == 0) {
            demo.embedded();
            return 0;
        }
        switch (rest[0]) {
            case "server" -> {
                if (rest.length == 1) {
                    demo.serve(0);
                    return 0;
                }
                if (rest.length == 3 && rest[1].equals("--port")) {
                    try {
                        int port = Integer.parseInt(rest[2]);
                        if (port >= 0 && port <= 65535) {
                            demo.serve(port);
                            return 0;
                        }
                    } catch (NumberFormatException e) {
                        // falls through to usage
                    }
                }
                return usage("server takes only --port N (0..65535)");
            }
            case "client" -> {
                if (rest.length != 3) {
                    return usage("client needs HOST PORT");
                }
                try {
                    demo.client(rest[1], Integer.parseInt(rest[2]));
                } catch (NumberFormatException e) {
                    return usage("PORT must be a number");
                }
                return 0;
            }
            default -> {
                return usage("unknown argument: " + rest[0]);
            }
        }
    }

    // ---------------------------------------------------------------- the three modes

    private void embedded() throws Exception {
        printKeys();
        try (EchoServer server = startServer(0)) {
            out.println("Echo server on 127.0.0.1:" + server.port() + " (chapter01's EchoServer, unchanged)");
            out.println();
            try (RecordTransport transport = connect("127.0.0.1", server.port())) {
                EchoClient client = new EchoClient(transport);
                for (String line : new String[] {"hello, records", "every byte of this line is encrypted"}) {
                    out.println("client sends \"" + line + "\"");
                    String back = client.roundTrip(line);
                    out.println("client got back \"" + back + "\"");
                    out.println();
                }
                out.println("client half-closes (close_notify), reads the server's close_notify as end of stream:");
                transport.shutdownOutput();
                out.println("  read() = " + transport.read(new byte[1], 0, 1));
                out.println();
            }
            tamperedRecord(server.port());
        }
    }

    private void serve(int port) throws Exception {
        printKeys();
        EchoServer server = startServer(port);
        out.println("Record echo server on 127.0.0.1:" + server.port() + "; Ctrl-C to stop");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }

    private void client(String host, int port) throws IOException {
        printKeys();
        try (RecordTransport transport = connect(host, port)) {
            EchoClient client = new EchoClient(transport);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                out.println("echo: " + client.roundTrip(line));
            }
            transport.shutdownOutput();
            transport.read(new byte[1], 0, 1);
        }
    }

    // ---------------------------------------------------------------- the steps

    /** Sends one correctly sealed record with one ciphertext byte flipped, and shows the answer. */
    private void tamperedRecord(int port) throws IOException {
        out.println("Now a record with one flipped ciphertext byte, sent on a new connection:");
        RecordLayer layer = clientLayer();
        try (SocketTransport socket = SocketTransport.connect("127.0.0.1", port, Duration.ofSeconds(5))) {
            socket.socket().setSoTimeout(5000);
            byte[] data = "this record is tampered with".getBytes(StandardCharsets.US_ASCII);
            byte[] wire = new byte[layer.maxSealedLength(data.length)];
            int n = layer.seal(ContentType.APPLICATION_DATA, data, 0, data.length, wire, 0);
            int flipped = RecordHeader.LENGTH + 3;
            wire[flipped] ^= 0x01;
            // The dump above shows the record's body; the header's five bytes come before it.
            out.println("  body byte " + (flipped - RecordHeader.LENGTH) + " (record byte " + flipped + ", after the "
                    + RecordHeader.LENGTH + "-byte header) flipped: " + Hex.encode(wire, flipped, 1)
                    + " is what now travels");
            socket.write(wire, 0, n);

            byte[] chunk = new byte[RecordHeader.MAX_RECORD];
            byte[] plain = new byte[RecordLayer.OPEN_BUFFER_SIZE];
            OpenedRecord opened = new OpenedRecord();
            int got;
            while (!layer.nextRecord(plain, 0, opened) && (got = socket.read(chunk, 0, chunk.length)) != -1) {
                for (int pos = 0; pos < got; ) {
                    pos += layer.feed(chunk, pos, got - pos);
                }
            }
            if (opened.type() == ContentType.ALERT) {
                Alert alert = Alert.decode(WireReader.of(plain, 0, opened.length()));
                out.println("  the server answered with " + alert);
            }
            int eof = socket.read(chunk, 0, chunk.length);
            out.println("  and then closed the connection: read() = " + eof);
        }
    }

    private EchoServer startServer(int port) throws IOException {
        ServerSocket listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        // Server: reads with the client's write keys, writes with its own.
        return EchoServer.start(listener, 4,
                socket -> RecordTransport.protect(new SocketTransport(socket), clientKeys(), serverKeys()),
                EchoServer.ECHO);
    }

    private RecordTransport connect(String host, int port) throws IOException {
        SocketTransport socket = SocketTransport.connect(host, port, Duration.ofSeconds(5));
        return new RecordTransport(socket, clientLayer());
    }

    private RecordLayer clientLayer() {
        RecordLayer layer = new RecordLayer();
        layer.installReadKeys(serverKeys(), 0);
        layer.installWriteKeys(clientKeys());
        layer.listener(new Printer());
        return layer;
    }

    /** Prints every record the client sends or receives, as it is on the wire. */
    private final class Printer implements RecordListener {
        @Override
        public void sent(byte[] record, int offset, int length) {
            print("  client -> server", record, offset, length);
        }

        @Override
        public void received(byte[] record, int offset, int length) {
            print("  client <- server", record, offset, length);
        }

        private void print(String direction, byte[] record, int offset, int length) {
            out.println(direction + "  record " + RecordHeader.describe(record, offset)
                    + "   header " + Hex.encode(record, offset, RecordHeader.LENGTH));
            out.print(Hex.dump(record, offset + RecordHeader.LENGTH, length - RecordHeader.LENGTH, "      "));
        }
    }

    // ---------------------------------------------------------------- the fixed demo keys

    private void printKeys() {
        out.println("Chapter 2: TLS 1.3 records (RFC 8446 §5) with " + aead);
        out.println("FIXED DEMO KEY, public and for teaching only: the key exchange comes in chapter03.");
        out.println("  client write key " + clientKeys().key().hex() + "  iv " + clientKeys().iv().hex());
        out.println("  server write key " + serverKeys().key().hex() + "  iv " + serverKeys().iv().hex());
        out.println();
    }

    private TrafficKeys clientKeys() {
        return demoKeys(0xc0);
    }

    private TrafficKeys serverKeys() {
        return demoKeys(0x50);
    }

    /** Bytes first, first+1, ...: obviously not secret. */
    private TrafficKeys demoKeys(int first) {
        byte[] key = new byte[aead.keyLength()];
        byte[] iv = new byte[aead.ivLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (first + i);
        }
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (byte) (first + 0x20 + i);
        }
        return new TrafficKeys(aead, SecretBytes.of(key), SecretBytes.of(iv));
    }

    private static int usage(String problem) {
        System.err.println(problem);
        System.err.println(USAGE);
        return 2;
    }
}
