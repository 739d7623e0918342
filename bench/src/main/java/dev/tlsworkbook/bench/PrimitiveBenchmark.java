package dev.tlsworkbook.bench;

import dev.tlsworkbook.bench.primitive.Implementation;
import dev.tlsworkbook.bench.primitive.Primitive;
import dev.tlsworkbook.bench.primitive.PrimitiveOp;
import java.util.concurrent.TimeUnit;
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
 * Every primitive of a full TLS 1.3 handshake in every implementation available here (the JDK's
 * providers and Bouncy Castle's lightweight API), in microseconds per operation: the rows of the
 * handshake's cost budget in {@code docs/performance.md}. Run alone with {@code bench/run --primitives}.
 *
 * @since bench
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PrimitiveBenchmark {
    @Param({"X25519", "X448", "P256_ECDH", "P384_ECDH", "ECDSA_P256_SIGN", "ECDSA_P256_VERIFY", "ECDSA_P384_SIGN",
        "ECDSA_P384_VERIFY", "RSA_PSS_2048_SIGN", "RSA_PSS_2048_VERIFY", "RSA_PSS_4096_SIGN", "RSA_PSS_4096_VERIFY",
        "ED25519_SIGN", "ED25519_VERIFY", "SHA256_TRANSCRIPT", "SHA384_TRANSCRIPT", "HMAC_SHA256"})
    public PrimitiveOp op;

    @Param({"JDK", "BC"})
    public Implementation impl;

    private Primitive primitive;

    @Setup
    public void setUp() throws Exception {
        primitive = op.create(impl);
    }

    @Benchmark
    public Object run() throws Exception {
        return primitive.run();
    }
}
