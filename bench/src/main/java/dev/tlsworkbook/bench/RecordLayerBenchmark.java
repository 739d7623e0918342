package dev.tlsworkbook.bench;

import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordLayer;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.record.protection.Tls13RecordProtection;
import dev.tlsworkbook.record.protection.TrafficKeys;
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
 * One TLS 1.3 record through the workbook's record layer, as a connection uses it: a sending
 * {@link RecordLayer} seals into a reused buffer with its sequence number advancing, and a
 * receiving one deframes and opens it (chapter02).
 *
 * @since bench
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RecordLayerBenchmark {
    /**
     * RFC 8446 §5.5 allows about 2^24.5 AES-GCM records per key; a connection sends a KeyUpdate
     * long before that, and so does this benchmark, at a round number below the limit.
     */
    static final long RECORDS_PER_KEY = 1L << 24;
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
    private int generation;

    private Tls13RecordProtection opener;
    private byte[][] sealedRing;
    private int ringIndex;

    @Setup
    public void setUp() {
        plaintext = BenchKeys.plaintext(size);
        sender = new RecordLayer();
        receiver = new RecordLayer();
        rekey();
        wire = new byte[sender.maxSealedLength(size)];
        opened = new byte[RecordLayer.OPEN_BUFFER_SIZE];

        // For open alone: records sealed once, with sequence numbers 0..RING-1.
        TrafficKeys keys = BenchKeys.keys(aead, -1);
        Tls13RecordProtection sealer = Tls13RecordProtection.of(keys);
        opener = Tls13RecordProtection.of(keys);
        sealedRing = new byte[RING][];
        for (int seq = 0; seq < RING; seq++) {
            byte[] record = new byte[size + sealer.maxOverhead()];
            int n = sealer.seal(ContentType.APPLICATION_DATA, plaintext, 0, size, seq, record, 0);
            sealedRing[seq] = java.util.Arrays.copyOf(record, n);
        }
    }

    /** Seal one record. */
    @Benchmark
    public int seal(PlaintextBytes bytes) {
        if (sender.writeSequence() == RECORDS_PER_KEY) {
            rekey();
        }
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
        if (sender.writeSequence() == RECORDS_PER_KEY) {
            rekey();
        }
        int n = sender.seal(ContentType.APPLICATION_DATA, plaintext, 0, size, wire, 0);
        receiver.feed(wire, 0, n);
        if (!receiver.nextRecord(opened, 0, result)) {
            throw new IllegalStateException("a whole record was fed but none came out");
        }
        bytes.add(size);
        return result.length();
    }

    /** Both sides move to fresh keys, as a KeyUpdate would (RFC 8446 §4.6.3). */
    private void rekey() {
        TrafficKeys keys = BenchKeys.keys(aead, generation++);
        sender.installWriteKeys(keys);
        receiver.installReadKeys(keys, 0);
    }
}
