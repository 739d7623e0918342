package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TracePrinter;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * {@code HandshakeDemo client}: connects to any TLS 1.3 server, prints the handshake and the
 * summary line on standard error, then either copies standard input to the server and the
 * server's answer to standard output, or (for an {@code https://} URL) sends one HTTP GET and
 * prints the response body. A failed handshake or certificate check exits with status 1 and the
 * reason.
 *
 * @since chapter04
 */
final class DemoClient {
    private DemoClient() {
    }

    static int run(DemoArgs args, PrintStream out, PrintStream err, DemoHook hook) throws IOException, InterruptedException {
        boolean url = args.positional().size() == 1;
        String host;
        int port;
        String path = "/";
        if (url) {
            URI uri = URI.create(args.positional().get(0));
            host = uri.getHost();
            port = uri.getPort() == -1 ? 443 : uri.getPort();
            path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
            if (host == null) {
                err.println("error: no host in " + uri);
                return 2;
            }
        } else {
            host = args.positional().get(0);
            try {
                port = Integer.parseInt(args.positional().get(1));
            } catch (NumberFormatException e) {
                err.println("error: not a port number: " + args.positional().get(1));
                return 2;
            }
        }
        TlsConfig config;
        try {
            config = config(args, url, err, hook);
        } catch (IOException e) {
            throw DemoFailure.unreadable(args.caFile().orElseThrow(), true, e);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        TlsConnection connection;
        try {
            connection = TlsClient.connect(host, port, config);
        } catch (java.net.UnknownHostException e) {
            err.println("error: unknown host " + host);
            return DemoFailure.CONNECTION;
        } catch (java.net.ConnectException e) {
            err.println("error: " + host + ":" + port + ": connection refused (is the server running?)");
            return DemoFailure.CONNECTION;
        } catch (IOException e) {
            err.println("error: " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
        try (connection) {
            err.println("= " + connection.summary() + DemoServer.exported(args, connection));
            if (args.keyUpdate()) {
                connection.transport().updateKeys(true);
            }
            if (url) {
                get(connection, host, port, path, out);
            } else {
                copyStdin(connection, err);
                connection.inputStream().transferTo(out);
                out.flush();
            }
            return 0;
        } catch (IOException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static TlsConfig config(DemoArgs args, boolean url, PrintStream err, DemoHook hook) throws IOException {
        Clock clock = args.entropy().clock();
        if (args.entropy().seed().isPresent()) {
            err.println(args.entropy().warning());
        }
        TrustPolicy trust = args.caFile().isPresent() ? TrustPolicy.verify(args.caFile().get(), clock)
                : args.fingerprint().isPresent() ? TrustPolicy.fingerprint(args.fingerprint().get())
                : args.insecure() ? TrustPolicy.opportunistic()
                : TrustPolicy.verify(clock);
        TlsConfig.Builder config = TlsConfig.builder().trustPolicy(trust).clock(clock).grease(args.grease())
                .random(args.entropy().random("client"))
                .keyLog(HandshakeDemo.keyLogFromEnvironment(err));
        hook.configure(config);
        if (!args.alpn().isEmpty()) {
            config.alpnProtocols(args.alpn());
        } else if (url) {
            config.alpnProtocols(List.of("http/1.1"));
        }
        if (!args.groups().isEmpty()) {
            config.groups(args.groups());
            config.keyShareGroups(args.keyShares().isEmpty() ? List.of(args.groups().get(0)) : args.keyShares());
        } else if (!args.keyShares().isEmpty()) {
            config.keyShareGroups(args.keyShares());
        }
        if (!args.suites().isEmpty()) {
            config.cipherSuites(args.suites());
        }
        // --cert/--key: chains offered to a server that asks (RFC 8446 §4.3.2), one picked per request.
        List<CertifiedKey> chains = new java.util.ArrayList<>();
        for (int i = 0; i < args.certs().size(); i++) {
            chains.add(CertifiedKey.load(args.certs().get(i), args.keys().get(i)));
        }
        config.certificates(chains);
        if (args.trace() != DemoArgs.Trace.OFF) {
            config.traceListener(TracePrinter.client(err, args.trace() == DemoArgs.Trace.BYTES
                    ? TracePrinter.Detail.BYTES : TracePrinter.Detail.MESSAGES));
        }
        return config.build();
    }

    /** HTTP/1.1 GET (RFC 9112 §3), then the body: everything after the blank line. */
    private static void get(TlsConnection connection, String host, int port, String path, PrintStream out)
            throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + (port == 443 ? "" : ":" + port)
                + "\r\nUser-Agent: tls-workbook\r\nAccept: */*\r\nConnection: close\r\n\r\n";
        connection.outputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        connection.inputStream().transferTo(response);
        byte[] bytes = response.toByteArray();
        int body = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (body < 0) {
            throw new IOException("no HTTP response head in " + bytes.length + " bytes");
        }
        out.write(bytes, body + 4, bytes.length - body - 4);
        out.flush();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Standard input to the server on a daemon thread; close_notify at its end. */
    private static void copyStdin(TlsConnection connection, PrintStream err) {
        Thread copier = new Thread(() -> {
            try {
                InputStream in = System.in;
                OutputStream toServer = connection.outputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    toServer.write(buffer, 0, n);
                }
                toServer.close();
            } catch (IOException e) {
                err.println("stdin: " + e.getMessage());
            }
        }, "stdin-to-server");
        copier.setDaemon(true);
        copier.start();
    }
}
