package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.engine.TracePrinter;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.Pem;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.io.EchoServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code HandshakeDemo server}: an echo server (or, with {@code --www}, a one-page HTTPS server
 * like {@code openssl s_server -www}) that runs until the process is stopped.
 *
 * @since chapter04
 */
final class DemoServer {
    private DemoServer() {
    }

    static int run(DemoArgs args, PrintStream out) throws IOException, InterruptedException {
        Clock clock = args.entropy().clock();
        if (args.entropy().seed().isPresent()) {
            out.println(args.entropy().warning());
        }
        List<CertifiedKey> chains = new ArrayList<>();
        for (int i = 0; i < args.certs().size(); i++) {
            chains.add(load(args.certs().get(i), args.keys().get(i)));
        }
        if (chains.isEmpty()) {
            TestPki pki = TestPki.create(clock, args.entropy().random("pki"));
            chains.add(pki.issueLocalhost(KeyKind.EC_P256));
            Path caFile = args.caOut().isPresent() ? args.caOut().get()
                    : Files.createTempFile("tlsworkbook-ca-", ".pem");
            pki.writeCaPem(caFile);
            out.println("throwaway CA certificate written to " + caFile.toAbsolutePath()
                    + " (trust it with: curl --cacert " + caFile.toAbsolutePath() + " …)");
        }
        TlsConfig.Builder config = TlsConfig.builder().certificates(chains).clock(clock).random(args.entropy().random("server"))
                .keyLog(HandshakeDemo.keyLogFromEnvironment(System.err));
        if (!args.alpn().isEmpty()) {
            config.alpnProtocols(args.alpn());
        } else if (args.www()) {
            // A web server speaks HTTP/1.1 and says so when the client offers it (RFC 7301 §3.2).
            config.alpnProtocols(List.of("http/1.1"));
        }
        if (!args.groups().isEmpty()) {
            config.groups(args.groups());
        }
        if (!args.suites().isEmpty()) {
            config.cipherSuites(args.suites());
        }
        // RFC 8446 §8: 0-RTT data can be replayed, so it is accepted only when asked for.
        config.maxEarlyDataSize(args.earlyData());
        // Browsers open two connections at once: each trace line says which one it belongs to.
        ConnectionTrace connections = new ConnectionTrace(TracePrinter.server(out,
                args.trace() == DemoArgs.Trace.BYTES ? TracePrinter.Detail.BYTES : TracePrinter.Detail.MESSAGES));
        if (args.trace() != DemoArgs.Trace.OFF) {
            config.traceListener(connections);
        }
        TlsServer.Handler handler = args.www() ? DemoServer::www : DemoServer::echo;
        InetAddress address;
        try {
            address = InetAddress.getByName(args.bind());
        } catch (UnknownHostException e) {
            throw new DemoFailure(DemoFailure.USAGE, "unknown host for --bind: " + args.bind());
        }
        TlsServer server;
        try {
            server = TlsServer.start(new InetSocketAddress(address, args.port()),
                    TlsServer.DEFAULT_MAX_CONNECTIONS, config.build(), connection -> {
                        out.println(connections.prefix() + "= " + connection.summary()
                                + connection.serverName().map(n -> " sni=" + n).orElse(""));
                        byte[] early = connection.transport().earlyData();
                        if (early.length > 0) {
                            // Early data is read apart from the stream and shown, not served: it may be a replay.
                            out.println(connections.prefix() + "0-RTT data (" + early.length
                                    + " bytes, read with readEarlyData, not echoed): " + printable(early));
                        }
                        handler.handle(connection);
                    });
        } catch (BindException e) {
            throw DemoFailure.portInUse(args.bind(), args.port());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "server-shutdown"));
        out.println("listening on " + args.bind() + ":" + server.port() + (args.www() ? " (www)" : " (echo)")
                + " with " + chains.size() + " certificate chain" + (chains.size() == 1 ? "" : "s")
                + "; stop with Ctrl-C");
        out.flush();
        stopped.await();
        return 0;
    }

    private static CertifiedKey load(Path chain, Path key) {
        try {
            Pem.readCertificates(chain);
        } catch (IOException e) {
            throw DemoFailure.unreadable(chain, true, e);
        }
        try {
            Pem.readPrivateKey(key);
        } catch (IOException e) {
            throw DemoFailure.unreadable(key, false, e);
        }
        try {
            return CertifiedKey.load(chain, key);
        } catch (IOException | IllegalArgumentException e) {
            throw new DemoFailure(DemoFailure.LOCAL, chain + " and " + key + ": " + e.getMessage());
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 80); i++) {
            int c = bytes[i] & 0xff;
            text.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return text + (bytes.length > 80 ? "…" : "");
    }

    private static void echo(TlsConnection connection) throws IOException {
        EchoServer.echo(connection.transport());
    }

    /** Reads one HTTP request head, answers with the page in one write (one record when it fits), closes. */
    private static void www(TlsConnection connection) throws IOException {
        String requestLine = WwwPage.readRequestHead(connection.inputStream());
        byte[] response = WwwPage.response(requestLine, connection);
        connection.outputStream().write(response);
        connection.outputStream().close();
    }
}
