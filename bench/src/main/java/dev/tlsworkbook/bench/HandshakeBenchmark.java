package dev.tlsworkbook.bench;

import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.KeyKind;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full TLS 1.3 handshakes in memory, no sockets: x25519, an ECDSA P-256 certificate,
 * TLS_AES_128_GCM_SHA256. Each operation is one complete handshake between a fresh client and
 * server. {@link #workbookEngineX25519MlKem768} is the same handshake with the post-quantum
 * hybrid: 2.3 KB more on the wire (a 1216-byte client share, a 1120-byte server share) and an
 * ML-KEM-768 key generation, encapsulation and decapsulation beside the X25519 work.
 *
 * <p>Three peers run the same handshake: the workbook's engines, the JDK's {@code SSLEngine}s
 * and Bouncy Castle's JSSE engines ({@code bctls}); the {@code Rsa2048} variants use an RSA-2048
 * certificate instead, issued by an RSA-2048 CA, so CertificateVerify
 * is RSA-PSS. {@code bench/run --handshake-focus} runs just these on both JDKs.
 *
 * @since bench
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
// The JDK picks its key exchange group from this property on every version the workbook supports.
@Fork(value = 1, jvmArgsAppend = "-Djdk.tls.namedGroups=x25519")
public class HandshakeBenchmark {
    private JdkTls jdk;
    private JdkTls jdkRsa;
    private JdkTls bouncyCastle;
    private WorkbookTls workbook;
    private WorkbookTls workbookRsa;
    private WorkbookTls hybrid;

    @Setup
    public void setUp() throws Exception {
        jdk = new JdkTls();
        jdkRsa = new JdkTls(JdkTls.Peer.JDK, true);
        bouncyCastle = new JdkTls(JdkTls.Peer.BOUNCY_CASTLE, false);
        workbook = new WorkbookTls();
        workbookRsa = new WorkbookTls(NamedGroup.X25519, KeyKind.RSA_2048);
        hybrid = new WorkbookTls(NamedGroup.X25519MLKEM768);
    }

    /** The workbook's engines (chapter04). */
    @Benchmark
    public TlsEngine workbookEngine() {
        return workbook.handshake();
    }

    /** The workbook's engines with X25519MLKEM768 instead of x25519. */
    @Benchmark
    public TlsEngine workbookEngineX25519MlKem768() {
        return hybrid.handshake();
    }

    /** The workbook's engines with an RSA-2048 certificate. */
    @Benchmark
    public TlsEngine workbookEngineRsa2048() {
        return workbookRsa.handshake();
    }

    /** The baseline: two of the JDK's SSLEngines. */
    @Benchmark
    public SSLEngine jdkSslEngine() throws Exception {
        return handshake(jdk);
    }

    /** Two of the JDK's SSLEngines with an RSA-2048 certificate. */
    @Benchmark
    public SSLEngine jdkSslEngineRsa2048() throws Exception {
        return handshake(jdkRsa);
    }

    /** The second peer: two of Bouncy Castle's JSSE engines. */
    @Benchmark
    public SSLEngine bcJsseEngine() throws Exception {
        return handshake(bouncyCastle);
    }

    private static SSLEngine handshake(JdkTls peer) throws Exception {
        SSLEngine[] pair = peer.engines("TLS_AES_128_GCM_SHA256");
        JdkTls.handshake(pair[0], pair[1]);
        return pair[0];
    }
}
