package dev.tlsworkbook.bench;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordLayer;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.tls12.prf.Tls12KeySchedule;
import dev.tlsworkbook.tls12.record.Tls12AeadProtection;
import java.util.Arrays;
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
 * One TLS 1.2 record through the same record layer, with chapter05's {@link Tls12AeadProtection}
 * (RFC 5288 explicit nonce for AES-GCM, RFC 7905 XOR nonce for ChaCha20-Poly1305), to set beside
 * {@link RecordLayerBenchmark}'s TLS 1.3 numbers: same sizes, same suites, same shape.
 *
 * @since bench
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class Tls12RecordLayerBenchmark {
    private static final int RING = 64;

    @Param({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    public AeadAlgorithm aead;

    @Param({"64", "1024", "16384"})
    public int size;

    private RecordLayer sender;
    private RecordLayer receiver;
    private byte[] plaintext;
    private byte[] wire;
    private byte[] opened;
    private final OpenedRecord result = new OpenedRecord();
    private Tls12AeadProtection opener;
    private byte[][] sealedRing;
    private int ringIndex;

    @Setup
    public void setUp() {
        plaintext = BenchKeys.plaintext(size);
        sender = new RecordLayer();
        receiver = new RecordLayer();
        // TLS 1.2 has no KeyUpdate; its explicit nonce is the 64-bit sequence number, which never repeats.
        sender.installWriteProtection(protection());
        receiver.installReadProtection(protection(), 0);
        wire = new byte[sender.maxSealedLength(size)];
        opened = new byte[RecordLayer.OPEN_BUFFER_SIZE];
        Tls12AeadProtection sealer = protection();
        opener = protection();
        sealedRing = new byte[RING][];
        for (int seq = 0; seq < RING; seq++) {
            byte[] record = new byte[size + sealer.maxOverhead()];
            int n = sealer.seal(ContentType.APPLICATION_DATA, plaintext, 0, size, seq, record, 0);
            sealedRing[seq] = Arrays.copyOf(record, n);
        }
    }

    /** Seal one record. */
    @Benchmark
    public int seal(PlaintextBytes bytes) {
        bytes.add(size);
        return sender.seal(ContentType.APPLICATION_DATA, plaintext, 0, size, wire, 0);
    }

    /** Open one record (sequence numbers cycle through a ring of pre-sealed records). */
    @Benchmark
    public int open(PlaintextBytes bytes) {
        int seq = ringIndex;
        ringIndex = (ringIndex + 1) % RING;
        opener.open(sealedRing[seq], 0, seq, opened, 0, result);
        bytes.add(size);
        return result.length();
    }

    /** Seal one record on one side, then deframe and open it on the other. */
    @Benchmark
    public int sealOpen(PlaintextBytes bytes) {
        int n = sender.seal(ContentType.APPLICATION_DATA, plaintext, 0, size, wire, 0);
        receiver.feed(wire, 0, n);
        if (!receiver.nextRecord(opened, 0, result)) {
            throw new IllegalStateException("a whole record was fed but none came out");
        }
        bytes.add(size);
        return result.length();
    }

    private Tls12AeadProtection protection() {
        byte[] key = new byte[aead.keyLength()];
        Arrays.fill(key, (byte) 0x5a);
        byte[] iv = new byte[Tls12KeySchedule.fixedIvLength(aead)];
        Arrays.fill(iv, (byte) 0xa5);
        return Tls12AeadProtection.of(aead, SecretBytes.of(key), Opaque.of(iv));
    }
}
