package dev.tlsworkbook.bench;

import dev.tlsworkbook.handshake.auth.CertifiedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The JDK's own TLS 1.3 server, {@link SSLServerSocket} with a thread per connection, serving what
 * the chapter 4 demo serves (the byte echo, or with {@code --www} a short page per request), so
 * {@link LoadTool} can put the same load on it as on ours:
 *
 * <pre>
 * java -cp … dev.tlsworkbook.bench.JdkTlsServer PORT CERT.pem KEY.pem [--www]
 * </pre>
 *
 * @since bench
 */
public final class JdkTlsServer {
    private JdkTlsServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: JdkTlsServer PORT CERT.pem KEY.pem [--www]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        CertifiedKey key = CertifiedKey.load(Path.of(args[1]), Path.of(args[2]));
        boolean www = args.length > 3 && args[3].equals("--www");
        char[] password = "bench".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key.privateKey(), password,
                key.chain().certificates().toArray(new Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), null, null);
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(port, 1024, InetAddress.getLoopbackAddress());
        listener.setEnabledProtocols(new String[] {"TLSv1.3"});
        ExecutorService pool = Executors.newCachedThreadPool();
        System.out.println("JDK SSLServerSocket listening on 127.0.0.1:" + listener.getLocalPort() + (www ? " (www)" : " (echo)"));
        System.out.flush();
        while (true) {
            SSLSocket socket = (SSLSocket) listener.accept();
            pool.execute(() -> serve(socket, www));
        }
    }

    private static void serve(SSLSocket socket, boolean www) {
        try (socket) {
            socket.setSoTimeout(120_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (www) {
                LoadTool.readRequestHead(in);
                out.write(LoadTool.page("JDK SSLServerSocket " + socket.getSession().getCipherSuite()));
                out.flush();
                return;
            }
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The client went away; nothing to report for a load test server.
        }
    }

}
