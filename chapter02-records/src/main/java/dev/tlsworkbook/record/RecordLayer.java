package dev.tlsworkbook.record;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.record.protection.NullProtection;
import dev.tlsworkbook.record.protection.OpenedRecord;
import dev.tlsworkbook.record.protection.RecordProtection;
import dev.tlsworkbook.record.protection.Tls13RecordProtection;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.util.Objects;

/**
 * The record layer of one connection, without I/O: one read direction and one write direction,
 * each owning its {@link RecordProtection} and 64-bit sequence number (RFC 8446 §5.3). Both start
 * unprotected ({@link NullProtection}); installing keys resets that direction's number to 0.
 *
 * <p>Writing: {@link #seal} turns one fragment (at most 2^14 bytes; see {@link Fragmenter}) into
 * one record in the caller's array. Reading: {@link #feed} bytes as they arrive, then
 * {@link #nextRecord} opens the next whole record into the caller's array.
 *
 * <p>One thread may read while another writes: the directions share no state. Installing keys
 * must happen on the thread of that direction.
 *
 * @since chapter02
 */
public final class RecordLayer {
    /** Room {@link #nextRecord} needs in its output array: the largest record body. */
    public static final int OPEN_BUFFER_SIZE = RecordHeader.MAX_CIPHERTEXT;

    private final RecordDecoder decoder = new RecordDecoder();
    /** A whole record {@link #feed} found in the caller's array, opened there by {@link #nextRecord}. */
    private byte[] inPlace;
    private int inPlaceOff;
    private int inPlaceLength = -1;
    private RecordProtection readProtection = NullProtection.INSTANCE;
    private long readSeq;
    private RecordProtection writeProtection = NullProtection.INSTANCE;
    private long writeSeq;
    private ChangeCipherSpecMode ccsMode = ChangeCipherSpecMode.REJECT;
    private volatile RecordListener listener = new RecordListener() { };

    public RecordLayer() {
        decoder.maxBodyLength(readProtection.maxBodyLength());
    }

    // ---------------------------------------------------------------- keys

    /**
     * Protects everything written from now on with {@code protection}; the write sequence number
     * restarts at 0 (RFC 8446 §5.3). The caller sends the message that announces the key change
     * (e.g. Finished, KeyUpdate) before calling this, so it ends on a record boundary (§5.1).
     */
    public void installWriteProtection(RecordProtection protection) {
        Objects.requireNonNull(protection, "protection");
        writeProtection.destroy();
        writeProtection = protection;
        writeSeq = 0;
    }

    /**
     * Opens everything read from now on with {@code protection}; the read sequence number
     * restarts at 0 (RFC 8446 §5.3).
     *
     * @param bufferedHandshakeBytes handshake bytes the caller holds that do not yet form a whole
     *     message, plus any that followed the message causing the key change in the same record;
     *     RFC 8446 §5.1: messages must not span a key change, so anything but 0 is
     *     {@link Violation#KEY_CHANGE_INSIDE_MESSAGE}
     */
    public void installReadProtection(RecordProtection protection, int bufferedHandshakeBytes) {
        Objects.requireNonNull(protection, "protection");
        if (bufferedHandshakeBytes != 0) {
            throw TlsException.local(Violation.KEY_CHANGE_INSIDE_MESSAGE, "RFC 8446 §5.1: " + bufferedHandshakeBytes
                    + " handshake bytes received before a key change are not a whole message on a record boundary");
        }
        readProtection.destroy();
        readProtection = protection;
        readSeq = 0;
        decoder.maxBodyLength(protection.maxBodyLength());
    }

    /** {@link #installWriteProtection} with TLS 1.3 protection under {@code keys}. */
    public void installWriteKeys(TrafficKeys keys) {
        installWriteProtection(Tls13RecordProtection.of(keys));
    }

    /** {@link #installReadProtection} with TLS 1.3 protection under {@code keys}. */
    public void installReadKeys(TrafficKeys keys, int bufferedHandshakeBytes) {
        installReadProtection(Tls13RecordProtection.of(keys), bufferedHandshakeBytes);
    }

    /** How change_cipher_spec records are treated from now on (RFC 8446 §5, Appendix D.4). */
    public void changeCipherSpecMode(ChangeCipherSpecMode mode) {
        this.ccsMode = Objects.requireNonNull(mode, "mode");
    }

    /** Sees every record sent and received, as on the wire. */
    public void listener(RecordListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    // ---------------------------------------------------------------- write direction

    /**
     * Seals one fragment as one record at {@code out[outOff..]} and advances the write sequence
     * number. {@code out} needs room for {@link #maxSealedLength(int)} bytes.
     *
     * @return the record's length on the wire
     * @throws IllegalArgumentException for a fragment over 2^14 bytes, or an empty Handshake or
     *     Alert fragment (RFC 8446 §5.1: MUST NOT be sent)
     * @throws IllegalStateException for application data before keys are installed (§5.1)
     * @throws TlsException with {@link Violation#SEQUENCE_NUMBER_EXHAUSTED} once the sequence number
     *     would wrap or the AEAD's limit (§5.5) is reached
     */
    public int seal(ContentType type, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (len > RecordHeader.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("RFC 8446 §5.1: fragment of " + len + " bytes exceeds 2^14");
        }
        if (len == 0 && (type == ContentType.HANDSHAKE || type == ContentType.ALERT)) {
            throw new IllegalArgumentException("RFC 8446 §5.1: zero-length " + type + " fragments MUST NOT be sent");
        }
        if (type == ContentType.APPLICATION_DATA && !writeProtection.isProtected()) {
            throw new IllegalStateException("RFC 8446 §5.1: application data MUST NOT be written unprotected");
        }
        // RFC 8446 §5.3 and §5.5: never wrap, never pass the AEAD's limit; -1L (2^64-1) itself is never used.
        if (Long.compareUnsigned(writeSeq, writeProtection.sealLimit()) >= 0) {
            throw TlsException.local(Violation.SEQUENCE_NUMBER_EXHAUSTED, "RFC 8446 §5.5: "
                    + Long.toUnsignedString(writeSeq) + " records sealed under one key; a key update is needed");
        }
        int n = writeProtection.seal(type, in, inOff, len, writeSeq, out, outOff);
        writeSeq++;
        listener.sent(out, outOff, n);
        return n;
    }

    /** The most bytes {@link #seal} writes for a {@code len}-byte fragment. */
    public int maxSealedLength(int len) {
        return len + writeProtection.maxOverhead();
    }

    /**
     * Writes the TLS 1.3 compatibility change_cipher_spec record {@code 14 03 03 00 01 01}
     * (RFC 8446 Appendix D.4). It is never protected and uses no sequence number.
     *
     * @return 6, the record's length
     */
    public int writeCompatibilityChangeCipherSpec(byte[] out, int outOff) {
        RecordHeader.write(out, outOff, ContentType.CHANGE_CIPHER_SPEC.code(), 0x0303, 1);
        out[outOff + RecordHeader.LENGTH] = 0x01;
        listener.sent(out, outOff, RecordHeader.LENGTH + 1);
        return RecordHeader.LENGTH + 1;
    }

    /** The sequence number the next sealed record will use. */
    public long writeSequence() {
        return writeSeq;
    }

    /** How many records may be sealed under the current write keys (unsigned; RFC 8446 §5.5); {@code -1L} is 2^64-1. */
    public long writeRecordLimit() {
        return writeProtection.sealLimit();
    }

    /** True once written records are encrypted. */
    public boolean isWriteProtected() {
        return writeProtection.isProtected();
    }

    // ---------------------------------------------------------------- read direction

    /**
     * Hands received bytes to the deframer. It takes at most the rest of one record, so call
     * {@link #nextRecord} when it stops taking bytes, and feed the rest after.
     *
     * <p>When no partial record is buffered and a whole record lies in {@code in[off..off+len)},
     * that record is not copied: {@link #nextRecord} opens it where it lies, so the caller leaves
     * those bytes unchanged until then, or calls {@link #keepHeldRecord()} first if it cannot.
     * The header is checked here either way (RFC 8446 §5.1), before anything else is done.
     *
     * @return how many of the {@code len} bytes were taken
     */
    public int feed(byte[] in, int off, int len) {
        if (inPlaceLength >= 0) {
            return 0;
        }
        int whole = decoder.wholeRecordAt(in, off, len);
        if (whole >= 0) {
            inPlace = in;
            inPlaceOff = off;
            inPlaceLength = whole;
            return whole;
        }
        return decoder.feed(in, off, len);
    }

    /**
     * Copies a whole record that {@link #feed} left in the caller's array, and that
     * {@link #nextRecord} has not opened yet, into the deframer's own buffer, so the caller may
     * reuse its array. Does nothing when there is no such record.
     */
    public void keepHeldRecord() {
        if (inPlaceLength >= 0) {
            byte[] in = inPlace;
            int off = inPlaceOff;
            int length = inPlaceLength;
            releaseRecord();
            decoder.feed(in, off, length);
        }
    }

    /**
     * Opens the buffered record, if a whole one is there, into {@code out[outOff..]} (room for
     * {@link #OPEN_BUFFER_SIZE} bytes) and {@code result}, and advances the read sequence number.
     *
     * @return false when no record is complete yet, or the record was a compatibility
     *     change_cipher_spec that RFC 8446 §5 says to drop; feed more bytes and call again
     * @throws TlsException for every record the RFC says to reject, with its {@link Violation}
     */
    public boolean nextRecord(byte[] out, int outOff, OpenedRecord result) {
        byte[] record;
        int off;
        if (inPlaceLength >= 0) {
            record = inPlace;
            off = inPlaceOff;
            listener.received(record, off, inPlaceLength);
        } else if (decoder.hasRecord()) {
            record = decoder.record();
            off = 0;
            listener.received(record, 0, decoder.recordLength());
        } else {
            return false;
        }
        try {
            if (RecordHeader.type(record, off) == ContentType.CHANGE_CIPHER_SPEC.code()
                    && ccsMode != ChangeCipherSpecMode.DELIVER) {
                checkCompatibilityChangeCipherSpec(record, off);
                return false;
            }
            // RFC 8446 §5.3: the read sequence number must not wrap either.
            if (readSeq == -1L) {
                throw TlsException.local(Violation.SEQUENCE_NUMBER_EXHAUSTED,
                        "RFC 8446 §5.3: read sequence number would wrap");
            }
            readProtection.open(record, off, readSeq, out, outOff, result);
            readSeq++;
        } finally {
            releaseRecord();
        }
        checkOpened(result);
        return true;
    }

    /** The sequence number the next opened record will use. */
    public long readSequence() {
        return readSeq;
    }

    /**
     * How many records the peer may seal under the current read keys (unsigned; RFC 8446 §5.5: the
     * same AEAD bound as for our writes); {@code -1L} is 2^64-1.
     */
    public long readRecordLimit() {
        return readProtection.sealLimit();
    }

    /** True once received records must be encrypted. */
    public boolean isReadProtected() {
        return readProtection.isProtected();
    }

    /** True when a whole record has been fed and waits for {@link #nextRecord}; {@link #feed} takes nothing until then. */
    public boolean hasWholeRecord() {
        return inPlaceLength >= 0 || decoder.hasRecord();
    }

    /** Gives back the read buffer grown for large records, when no record is half-received (see {@link RecordDecoder#trim()}). */
    public void trim() {
        decoder.trim();
    }

    /** Bytes of an incomplete record held: non-zero at end of stream means the stream was cut. */
    public int partialRecordBytes() {
        return decoder.partialBytes();
    }

    /** Moves both sequence numbers, so tests can reach the 2^64 limits without 2^64 records. */
    void skipSequenceNumbers(long read, long write) {
        this.readSeq = read;
        this.writeSeq = write;
    }

    private void releaseRecord() {
        if (inPlaceLength >= 0) {
            inPlace = null;
            inPlaceLength = -1;
        } else {
            decoder.release();
        }
    }

    private void checkCompatibilityChangeCipherSpec(byte[] record, int off) {
        if (ccsMode == ChangeCipherSpecMode.REJECT) {
            throw TlsException.local(Violation.BAD_CHANGE_CIPHER_SPEC,
                    "RFC 8446 §5: change_cipher_spec outside the handshake is an unexpected record");
        }
        // RFC 8446 §5: exactly one byte, 0x01, dropped without further processing.
        if (RecordHeader.length(record, off) != 1 || record[off + RecordHeader.LENGTH] != 0x01) {
            throw TlsException.local(Violation.BAD_CHANGE_CIPHER_SPEC,
                    "RFC 8446 §5: change_cipher_spec must be the single byte 0x01, got length "
                            + RecordHeader.length(record, off));
        }
    }

    private void checkOpened(OpenedRecord result) {
        ContentType type = result.type();
        switch (type) {
            case HANDSHAKE, ALERT -> {
                // RFC 8446 §5.1, §5.4: Handshake and Alert never have zero-length content.
                if (result.length() == 0) {
                    throw TlsException.local(Violation.ZERO_LENGTH_FRAGMENT,
                            "RFC 8446 §5.4: zero-length " + type + " record");
                }
            }
            case APPLICATION_DATA -> {
                // RFC 8446 §5.1: "Application Data messages are always protected." Empty ones are allowed.
                if (!readProtection.isProtected()) {
                    throw TlsException.local(Violation.UNEXPECTED_RECORD,
                            "RFC 8446 §5.1: application data received unprotected");
                }
            }
            case CHANGE_CIPHER_SPEC -> {
                // RFC 8446 §5: a protected change_cipher_spec MUST abort with unexpected_message.
                if (ccsMode != ChangeCipherSpecMode.DELIVER) {
                    throw TlsException.local(Violation.BAD_CHANGE_CIPHER_SPEC,
                            "RFC 8446 §5: change_cipher_spec inside a protected record");
                }
            }
            case INVALID, HEARTBEAT -> throw TlsException.local(Violation.UNKNOWN_CONTENT_TYPE,
                    "RFC 8446 §5: unexpected inner content type " + type);
        }
    }
}
