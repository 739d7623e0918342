package dev.tlsworkbook.record;

/**
 * Splits a write into record-sized fragments (RFC 8446 §5.1: "chunks of 2^14 bytes or less").
 * The limit can be lowered, as the record_size_limit extension (RFC 8449) does.
 *
 * @since chapter02
 */
public final class Fragmenter {
    /** Fragments of at most 2^14 bytes. */
    public static final Fragmenter DEFAULT = new Fragmenter(RecordHeader.MAX_PLAINTEXT);

    /** Receives one fragment: {@code length} bytes starting at {@code offset} of the caller's array. */
    @FunctionalInterface
    public interface Sink<E extends Exception> {
        void fragment(int offset, int length) throws E;
    }

    private final int maxFragmentLength;

    /** @param maxFragmentLength 1..2^14 */
    public Fragmenter(int maxFragmentLength) {
        if (maxFragmentLength < 1 || maxFragmentLength > RecordHeader.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("maxFragmentLength must be 1..2^14, got " + maxFragmentLength);
        }
        this.maxFragmentLength = maxFragmentLength;
    }

    public int maxFragmentLength() {
        return maxFragmentLength;
    }

    /** How many fragments {@code length} bytes need; 0 for 0 (an empty write sends no record). */
    public int count(int length) {
        return (int) ((length + (long) maxFragmentLength - 1) / maxFragmentLength);
    }

    /** Hands {@code [offset, offset+length)} to {@code sink} in order, in full fragments and one last short one. */
    public <E extends Exception> void split(int offset, int length, Sink<E> sink) throws E {
        int end = offset + length;
        for (int pos = offset; pos < end; pos += maxFragmentLength) {
            sink.fragment(pos, Math.min(maxFragmentLength, end - pos));
        }
    }
}
