package dev.tlsworkbook.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts plaintext bytes next to JMH's operation count. Every benchmark here runs with
 * {@code @OutputTimeUnit(MICROSECONDS)}, so this counter comes out in bytes per microsecond,
 * which is MB/s (10^6 bytes per second) and needs no arithmetic by hand.
 *
 * @since bench
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class PlaintextBytes {
    /** Reported by JMH as {@code <benchmark>:megabytes}, in MB/s. */
    public long megabytes;

    @Setup(Level.Iteration)
    public void reset() {
        megabytes = 0;
    }

    void add(int bytes) {
        megabytes += bytes;
    }
}
