package dev.tlsworkbook.record;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import java.util.Arrays;

/**
 * The incremental deframer (RFC 8446 §5.1): bytes go in however the network chunks them, one
 * at a time or many records at once; whole records come out, one at a time, in a buffer
 * allocated once. The header is checked as soon as its five bytes are in, before the body is
 * waited for, so a bad stream fails early and a peer never makes us hold more than one record.
 *
 * <p>The buffer grows to the largest record seen and is then reused, so a stream of full records
 * allocates nothing; {@link #trim()} gives it back between records, so a connection that sits
 * idle holds a few bytes instead of 16 KiB.
 *
 * <pre>
 *   feed(..) ──► [ header 5 bytes ] ──check──► [ body: length bytes ] ──► hasRecord()
 *                                                         record() / release()
 * </pre>
 *
 * @since chapter02
 */
public final class RecordDecoder {
    /** What an idle decoder holds: room for a header and a small record such as an alert. */
    static final int IDLE_CAPACITY = 64;

    private byte[] buffer = new byte[IDLE_CAPACITY];
    private int filled;
    private int recordLength = -1;
    private int maxBodyLength = RecordHeader.MAX_CIPHERTEXT;

    /**
     * Sets the largest body accepted: 2^14 before record protection is engaged, 2^14+256 after
     * (RFC 8446 §5.1, §5.2). Takes effect from the next header.
     */
    public void maxBodyLength(int maxBodyLength) {
        if (maxBodyLength < 0 || maxBodyLength > RecordHeader.MAX_CIPHERTEXT) {
            throw new IllegalArgumentException("maxBodyLength " + maxBodyLength);
        }
        this.maxBodyLength = maxBodyLength;
    }

    /**
     * Takes bytes from {@code in[off..off+len)} until the current record is complete and returns
     * how many it took (0 when a record is already waiting to be {@link #release() released}).
     *
     * @throws TlsException with {@code UNKNOWN_CONTENT_TYPE}, {@code BAD_RECORD_VERSION} or
     *     {@code RECORD_OVERFLOW} when the header is bad
     */
    public int feed(byte[] in, int off, int len) {
        int taken = 0;
        if (filled < RecordHeader.LENGTH) {
            int n = Math.min(len, RecordHeader.LENGTH - filled);
            System.arraycopy(in, off, buffer, filled, n);
            filled += n;
            taken = n;
            if (filled < RecordHeader.LENGTH) {
                return taken;
            }
            recordLength = RecordHeader.LENGTH + checkHeader();
            if (buffer.length < recordLength) {
                // Grow in steps, so records of growing size do not copy on every record.
                buffer = Arrays.copyOf(buffer, Math.min(RecordHeader.MAX_RECORD,
                        Math.max(recordLength, 2 * buffer.length)));
            }
        }
        int n = Math.min(len - taken, recordLength - filled);
        System.arraycopy(in, off + taken, buffer, filled, n);
        filled += n;
        return taken + n;
    }

    /** True when a whole record is buffered. */
    public boolean hasRecord() {
        return filled >= RecordHeader.LENGTH && filled == recordLength;
    }

    /** The buffer holding the record, header at index 0; valid until {@link #release()}. */
    public byte[] record() {
        if (!hasRecord()) {
            throw new IllegalStateException("no complete record");
        }
        return buffer;
    }

    /** The length of the buffered record, header included. */
    public int recordLength() {
        if (!hasRecord()) {
            throw new IllegalStateException("no complete record");
        }
        return recordLength;
    }

    /** Drops the current record so the next one can be fed. */
    public void release() {
        if (!hasRecord()) {
            throw new IllegalStateException("no complete record");
        }
        filled = 0;
        recordLength = -1;
    }

    /**
     * Gives back a buffer grown for large records when no byte of a record is held, so an idle
     * connection costs {@value #IDLE_CAPACITY} bytes here. Does nothing in the middle of a record.
     */
    public void trim() {
        if (filled == 0 && buffer.length > IDLE_CAPACITY) {
            buffer = new byte[IDLE_CAPACITY];
        }
    }

    /** Bytes of memory the decoder holds for record data right now. */
    public int capacity() {
        return buffer.length;
    }

    /** Bytes held of a record not yet complete: non-zero at end of stream means truncation. */
    public int partialBytes() {
        return hasRecord() ? 0 : filled;
    }

    /**
     * The length of the whole record starting at {@code in[off]} when all of it lies in
     * {@code in[off..off+len)} and no byte of another record is buffered, else -1: then the record
     * can be opened where it lies instead of being copied in ({@link RecordLayer#feed}). The header
     * is checked exactly as {@link #feed} checks it.
     *
     * @throws TlsException as {@link #feed} does for a bad header
     */
    int wholeRecordAt(byte[] in, int off, int len) {
        if (filled != 0 || len < RecordHeader.LENGTH) {
            return -1;
        }
        int length = RecordHeader.LENGTH + checkHeader(in, off);
        return length <= len ? length : -1;
    }

    private int checkHeader() {
        return checkHeader(buffer, 0);
    }

    private int checkHeader(byte[] buffer, int off) {
        int type = RecordHeader.type(buffer, off);
        int version = RecordHeader.version(buffer, off);
        int length = RecordHeader.length(buffer, off);
        // RFC 8446 §5: only the four TLS 1.3 record types; heartbeat (RFC 6520) is never negotiated here.
        boolean known = type == ContentType.CHANGE_CIPHER_SPEC.code() || type == ContentType.ALERT.code()
                || type == ContentType.HANDSHAKE.code() || type == ContentType.APPLICATION_DATA.code();
        if (!known) {
            throw TlsException.local(Violation.UNKNOWN_CONTENT_TYPE,
                    "RFC 8446 §5: unexpected record content type " + type);
        }
        // RFC 8446 §5.1: legacy_record_version is otherwise ignored, but a major version other
        // than 3 means the peer is not speaking TLS at all.
        if ((version >>> 8) != 0x03) {
            throw TlsException.local(Violation.BAD_RECORD_VERSION,
                    String.format("RFC 8446 §5.1: record version 0x%04x is not 0x03XX", version));
        }
        if (length > maxBodyLength) {
            throw TlsException.local(Violation.RECORD_OVERFLOW, "RFC 8446 §"
                    + (maxBodyLength > RecordHeader.MAX_PLAINTEXT ? "5.2" : "5.1")
                    + ": record length " + length + " exceeds " + maxBodyLength);
        }
        return length;
    }
}
