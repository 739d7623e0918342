package dev.tlsworkbook.engine.interop;

import dev.tlsworkbook.handshake.auth.CertifiedKey;
import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** The JDK's own TLS 1.3 (SunJSSE), configured from the test PKI, as the other side of interop tests. */
public final class JdkTls {
    private static final char[] PASSWORD = "unused".toCharArray();

    private JdkTls() {
    }

    /** A context that presents {@code key} (may be null) and trusts {@code ca}. */
    public static SSLContext context(CertifiedKey key, X509Certificate ca) throws GeneralSecurityException, IOException {
        return context(key, ca, SSLContext.getInstance("TLSv1.3"));
    }

    /** The same from another JSSE provider's context (Bouncy Castle's, for the hybrid groups). */
    public static SSLContext context(CertifiedKey key, X509Certificate ca, SSLContext context)
            throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (key != null) {
            keys.setKeyEntry("server", key.privateKey(), PASSWORD,
                    key.chain().certificates().toArray(new X509Certificate[0]));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** A TLS 1.3-only server socket on an ephemeral loopback port, offering one suite. */
    public static SSLServerSocket server(SSLContext context, String suite) throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(new String[] {"TLSv1.3"});
        server.setEnabledCipherSuites(new String[] {suite});
        return server;
    }

    /** A TLS 1.3-only client socket to 127.0.0.1:{@code port} that checks the name "localhost". */
    public static SSLSocket client(SSLContext context, int port, String suite) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        parameters.setCipherSuites(new String[] {suite});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName("localhost")));
        socket.setSSLParameters(parameters);
        return socket;
    }
}
