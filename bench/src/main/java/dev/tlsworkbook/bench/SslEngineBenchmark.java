package dev.tlsworkbook.bench;

import dev.tlsworkbook.record.protection.AeadAlgorithm;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The peer: the JDK's {@link SSLEngine} protecting the same plaintext sizes with the same TLS 1.3
 * suite, client wrapping and server unwrapping through reused heap buffers, after a handshake done
 * once in set-up.
 *
 * @since bench
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SslEngineBenchmark {
    @Param({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    public AeadAlgorithm aead;

    @Param({"64", "1024", "16384"})
    public int size;

    private SSLEngine client;
    private SSLEngine server;
    private ByteBuffer plaintext;
    private ByteBuffer wire;
    private ByteBuffer opened;

    @Setup
    public void setUp() throws Exception {
        SSLEngine[] pair = new JdkTls().engines(BenchKeys.jdkSuite(aead));
        client = pair[0];
        server = pair[1];
        JdkTls.handshake(client, server);
        plaintext = ByteBuffer.wrap(BenchKeys.plaintext(size));
        wire = ByteBuffer.allocate(2 * client.getSession().getPacketBufferSize());
        opened = ByteBuffer.allocate(2 * server.getSession().getApplicationBufferSize());
    }

    /**
     * The client wraps {@code size} bytes. The JDK may cut a full 16 KiB write into two records
     * (it keeps its fragments a little under 2^14), so it wraps until every byte is taken.
     */
    @Benchmark
    public int wrap(PlaintextBytes bytes) throws SSLException {
        plaintext.clear();
        wire.clear();
        wrapAll();
        bytes.add(size);
        return wire.position();
    }

    /** The client wraps {@code size} bytes and the server unwraps them. */
    @Benchmark
    public int wrapUnwrap(PlaintextBytes bytes) throws SSLException {
        plaintext.clear();
        wire.clear();
        opened.clear();
        wrapAll();
        wire.flip();
        while (wire.hasRemaining()) {
            SSLEngineResult r = server.unwrap(wire, opened);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException("SSLEngine unwrap: " + r);
            }
        }
        if (opened.position() != size) {
            throw new IllegalStateException("SSLEngine unwrapped " + opened.position() + " of " + size + " bytes");
        }
        bytes.add(size);
        return opened.position();
    }

    private void wrapAll() throws SSLException {
        while (plaintext.hasRemaining()) {
            SSLEngineResult r = client.wrap(plaintext, wire);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException("SSLEngine wrap: " + r);
            }
        }
    }
}
