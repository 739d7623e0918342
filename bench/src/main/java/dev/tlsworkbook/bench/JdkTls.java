package dev.tlsworkbook.bench;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A JSSE TLS 1.3 pair ({@link SSLEngine}) set up in memory as a peer the workbook is measured
 * against: a server with a fresh certificate (ECDSA P-256 or RSA-2048) from a throwaway CA, a
 * client that trusts that CA. The JSSE provider, with its key and trust managers, is the JDK's own
 * or Bouncy Castle's ({@link Peer}).
 *
 * @since bench
 */
final class JdkTls {
    /**
     * Bouncy Castle's JSSE logs every connection at INFO through java.util.logging, thousands of
     * lines per benchmark iteration, and warns at start-up about entries of the JDK's
     * disabledAlgorithms it does not parse; only its errors are worth seeing in a benchmark. Held here
     * because java.util.logging keeps loggers weakly, and a collected one forgets its level.
     */
    private static final java.util.logging.Logger BC_JSSE_LOG = quiet("org.bouncycastle.jsse");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    /** Whose JSSE implementation runs the engines. */
    enum Peer {
        /** The JDK's {@code SunJSSE}. */
        JDK,
        /** Bouncy Castle's JSSE provider ({@code bctls}) over its own JCA provider. */
        BOUNCY_CASTLE
    }

    private final Peer peer;
    private final SSLContext server;
    private final SSLContext client;

    /** The JDK's pair with an ECDSA P-256 certificate. */
    JdkTls() throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
        this(Peer.JDK, false);
    }

    /** {@code peer}'s pair with an RSA-2048 certificate when {@code rsa}, else ECDSA P-256. */
    JdkTls(Peer peer, boolean rsa) throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
        this.peer = peer;
        KeyPair caPair = generate(rsa);
        KeyPair pair = generate(rsa);
        // Issued by a throwaway CA that the client trusts, as the workbook's pair is (WorkbookTls), so
        // both clients verify the certificate's signature: a trusted self-signed leaf would skip that.
        X500Name caName = new X500Name("CN=Bench CA");
        Instant now = Instant.now();
        String algorithm = rsa ? "SHA256withRSA" : "SHA256withECDSA";
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minus(1, ChronoUnit.DAYS)),
                        Date.from(now.plus(1, ChronoUnit.DAYS)), caName, caPair.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .build(new JcaContentSignerBuilder(algorithm).build(caPair.getPrivate())));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, Date.from(now.minus(1, ChronoUnit.DAYS)),
                        Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name("CN=localhost"), pair.getPublic())
                        .build(new JcaContentSignerBuilder(algorithm).build(caPair.getPrivate())));
        char[] password = "bench".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", pair.getPrivate(), password, new Certificate[] {certificate});
        // Bouncy Castle's pair uses its own key and trust managers too (with the JDK's SunX509 key manager its
        // server finds no credential for an EC certificate).
        Provider jsse = peer == Peer.BOUNCY_CASTLE ? new BouncyCastleJsseProvider(new BouncyCastleProvider()) : null;
        KeyManagerFactory keyManagers = jsse == null
                ? KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm())
                : KeyManagerFactory.getInstance("PKIX", jsse);
        keyManagers.init(keys, password);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory trustManagers = jsse == null
                ? TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
                : TrustManagerFactory.getInstance("PKIX", jsse);
        trustManagers.init(trusted);

        server = jsse == null ? SSLContext.getInstance("TLSv1.3") : SSLContext.getInstance("TLSv1.3", jsse);
        server.init(keyManagers.getKeyManagers(), null, null);
        client = jsse == null ? SSLContext.getInstance("TLSv1.3") : SSLContext.getInstance("TLSv1.3", jsse);
        client.init(null, trustManagers.getTrustManagers(), null);
    }

    private static KeyPair generate(boolean rsa) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
        if (rsa) {
            generator.initialize(2048);
        } else {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        }
        return generator.generateKeyPair();
    }

    /** A fresh client and server engine limited to TLS 1.3 and {@code suite}. */
    SSLEngine[] engines(String suite) {
        SSLEngine c = client.createSSLEngine();
        c.setUseClientMode(true);
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        for (SSLEngine e : new SSLEngine[] {c, s}) {
            e.setEnabledProtocols(new String[] {"TLSv1.3"});
            e.setEnabledCipherSuites(new String[] {suite});
        }
        if (peer == Peer.BOUNCY_CASTLE) {
            // Bouncy Castle's groups are set per engine: x25519 with a share. Its client accepts, and its server
            // offers, an ECDSA P-256 certificate only when secp256r1 is among the groups, so that is listed last,
            // without a share (the server picks x25519, the first it supports).
            for (SSLEngine e : new SSLEngine[] {c, s}) {
                BCSSLParameters parameters = ((BCSSLEngine) e).getParameters();
                parameters.setNamedGroups(new String[] {"x25519", "secp256r1"});
                parameters.setUseNamedGroupsOrder(true);
                parameters.setEarlyKeyShares(new String[] {"x25519"});
                ((BCSSLEngine) e).setParameters(parameters);
            }
        }
        return new SSLEngine[] {c, s};
    }

    /** Runs the handshake between two engines through memory buffers until both are done. */
    static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        int packet = client.getSession().getPacketBufferSize();
        int app = client.getSession().getApplicationBufferSize();
        ByteBuffer toServer = ByteBuffer.allocate(packet * 4);
        ByteBuffer toClient = ByteBuffer.allocate(packet * 4);
        ByteBuffer empty = ByteBuffer.allocate(0);
        ByteBuffer sink = ByteBuffer.allocate(app * 2);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 100; round++) {
            step(client, empty, toServer, toClient, sink);
            step(server, empty, toClient, toServer, sink);
            if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
        }
        throw new IllegalStateException("SSLEngine handshake did not finish: "
                + client.getHandshakeStatus() + " / " + server.getHandshakeStatus());
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    /** Lets {@code engine} read what came in, run its tasks, and write what it wants to send. */
    private static void step(SSLEngine engine, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink)
            throws SSLException {
        in.flip();
        while (in.hasRemaining()) {
            SSLEngineResult r = engine.unwrap(in, sink);
            sink.clear();
            runTasks(engine);
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                break;
            }
        }
        in.compact();
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            SSLEngineResult r = engine.wrap(empty, out);
            runTasks(engine);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                break;
            }
        }
        runTasks(engine);
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
