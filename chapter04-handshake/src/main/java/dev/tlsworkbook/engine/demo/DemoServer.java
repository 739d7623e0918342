package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.engine.TracePrinter;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.Pem;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.engine.ServerLimits;
import dev.tlsworkbook.engine.nio.NioApplication;
import dev.tlsworkbook.engine.nio.NioSession;
import dev.tlsworkbook.engine.nio.NioTlsServer;
import java.io.Closeable;
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
 * like {@code openssl s_server -www}) that runs until the process is stopped; with {@code --nio}
 * the same on {@link NioTlsServer}'s selector threads.
 *
 * @since chapter04
 */
final class DemoServer {
    private DemoServer() {
    }

    static int run(DemoArgs args, PrintStream out, DemoHook hook) throws IOException, InterruptedException {
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
        hook.configure(config);
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
        // Client certificates (RFC 8446 §4.3.2) are judged by the same policies a client applies to servers.
        config.clientAuth(args.verifyClient());
        try {
            config.trustPolicy(args.clientCaFile().isPresent() ? TrustPolicy.verify(args.clientCaFile().get(), clock)
                    : !args.clientFingerprints().isEmpty() ? TrustPolicy.fingerprints(args.clientFingerprints())
                    : TrustPolicy.opportunistic());
        } catch (IOException e) {
            throw DemoFailure.unreadable(args.clientCaFile().orElseThrow(), true, e);
        }
        // RFC 8446 §8: 0-RTT data can be replayed, so it is accepted only when asked for.
        config.maxEarlyDataSize(args.earlyData());
        TracePrinter printer = TracePrinter.server(out,
                args.trace() == DemoArgs.Trace.BYTES ? TracePrinter.Detail.BYTES : TracePrinter.Detail.MESSAGES);
        // Browsers open two connections at once: while connections overlap, each trace line of the
        // blocking server says which one it belongs to. ConnectionTrace tells connections apart by their worker thread, which
        // the selector threads of --nio share, so that server's trace is unnumbered.
        ConnectionTrace connections = args.nio() ? null : new ConnectionTrace(printer);
        if (args.trace() != DemoArgs.Trace.OFF) {
            config.traceListener(args.nio() ? printer : connections);
        }
        ServerLimits limits = limits(args);
        InetSocketAddress address = new InetSocketAddress(address(args.bind()), args.port());
        Closeable server;
        int port;
        try {
            if (args.nio()) {
                NioApplication application = args.www() ? DemoServer::nioWww : NioApplication.echo();
                NioTlsServer nio = NioTlsServer.start(address, config.build(), limits, session -> {
                    out.println("= " + session.summary() + session.serverName().map(n -> " sni=" + n).orElse(""));
                    return application.connected(session);
                });
                server = nio;
                port = nio.port();
            } else {
                TlsServer.Handler handler = args.www() ? DemoServer::www : DemoServer::echo;
                TlsServer blocking = TlsServer.start(address, config.build(), limits, connection -> {
                    out.println(connections.prefix() + "= " + connection.summary()
                            + connection.serverName().map(n -> " sni=" + n).orElse("") + exported(args, connection));
                    byte[] early = connection.transport().earlyData();
                    if (early.length > 0) {
                        // Early data is read apart from the stream and shown, not served: it may be a replay.
                        out.println(connections.prefix() + "0-RTT data (" + early.length
                                + " bytes, read with readEarlyData, not echoed): " + printable(early));
                    }
                    if (args.postHandshakeAuth()) {
                        postHandshakeAuth(connection, out);
                    }
                    handler.handle(connection);
                    if (args.postHandshakeAuth()) {
                        out.println(connections.prefix() + "= after post-handshake auth: " + connection.summary());
                    }
                });
                server = blocking;
                port = blocking.port();
            }
        } catch (BindException e) {
            throw DemoFailure.portInUse(args.bind(), args.port());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException e) {
                out.println("close failed: " + e);
            }
            stopped.countDown();
        }, "server-shutdown"));
        out.println("listening on " + args.bind() + ":" + port + (args.www() ? " (www)" : " (echo)")
                + (args.nio() ? " from java.nio selector threads" : "")
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

    /** The --bind address; a name that does not resolve is the user's mistake, said in one line. */
    private static InetAddress address(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new DemoFailure(DemoFailure.USAGE, "unknown host for --bind: " + bind);
        }
    }

    /** {@code --keymatexport}: the exported keying material (RFC 8446 §7.5), as openssl prints it. */
    static String exported(DemoArgs args, TlsConnection connection) throws IOException {
        if (args.exportLabel().isEmpty()) {
            return "";
        }
        byte[] material = connection.exportKeyingMaterial(args.exportLabel().get(), null, args.exportLength());
        return "\n    Keying material exporter:\n      Label: '" + args.exportLabel().get() + "'\n      Length: "
                + args.exportLength() + "\n      Keying material: " + Hex.encode(material).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * {@code --post-handshake-auth}: asks a client that offered post_handshake_auth for its
     * certificate right away (RFC 8446 §4.6.2); the answer is read with the application data, and
     * the summary is printed again when the connection ends.
     */
    private static void postHandshakeAuth(TlsConnection connection, PrintStream out) throws IOException {
        try {
            connection.requestClientCertificate();
            out.println("  post-handshake CertificateRequest sent; the client's answer is read with its data");
        } catch (IllegalStateException e) {
            out.println("  no post-handshake authentication: " + e.getMessage());
        }
    }

    /** The limits from --max-connections, --handshake-timeout, --idle-timeout over the server's defaults. */
    static ServerLimits limits(DemoArgs args) {
        ServerLimits limits = args.nio() ? ServerLimits.defaults() : ServerLimits.blockingDefaults();
        if (args.maxConnections().isPresent()) {
            limits = limits.withMaxConnections(args.maxConnections().getAsInt());
        }
        if (args.handshakeTimeout().isPresent()) {
            limits = limits.withHandshakeTimeout(args.handshakeTimeout().get());
        }
        if (args.idleTimeout().isPresent()) {
            limits = limits.withIdleTimeout(args.idleTimeout().get());
        }
        return limits;
    }

    /** The {@code --www} page from a selector thread: collects the request head as it arrives, answers, closes. */
    private static NioApplication.Receiver nioWww(NioSession session) {
        return new NioApplication.Receiver() {
            private byte[] head = new byte[512];
            private int length;
            private boolean answered;

            @Override
            public void received(byte[] data, int off, int len) {
                if (answered) {
                    return;
                }
                if (length + len > WwwPage.MAX_REQUEST_HEAD) {
                    answered = true;
                    session.close();
                    return;
                }
                if (length + len > head.length) {
                    head = java.util.Arrays.copyOf(head, Math.max(2 * head.length, length + len));
                }
                System.arraycopy(data, off, head, length, len);
                length += len;
                int end = WwwPage.headEnd(head, length);
                if (end >= 0) {
                    answered = true;
                    byte[] response = WwwPage.response(WwwPage.requestLine(head, end), session.summary(),
                            session.serverName());
                    session.write(response, 0, response.length);
                    session.close();
                }
            }
        };
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
