package dev.tlsworkbook.record.protection;

import dev.tlsworkbook.record.ContentType;

/**
 * Turns one TLSPlaintext into the bytes of one record on the wire and back (RFC 8446 §5.2).
 * Open on purpose: chapter02 gives {@link NullProtection} and {@link Tls13RecordProtection};
 * chapter05 adds the TLS 1.2 AEAD constructions (RFC 5288 explicit nonce, RFC 7905) through this
 * same interface.
 *
 * <p>Everything is array to array with offsets, so the record layer reuses its buffers and a
 * steady stream of records allocates nothing in our code. An instance serves one direction of one
 * connection and is not thread-safe. The caller owns the sequence number (RFC 8446 §5.3).
 *
 * @since chapter02
 */
public interface RecordProtection {

    /**
     * Writes one complete record (header and body) for {@code in[inOff..inOff+len)} at
     * {@code out[outOff..]}; {@code out} must have room for {@code len + maxOverhead()} bytes.
     *
     * @param len at most {@link dev.tlsworkbook.record.RecordHeader#MAX_PLAINTEXT}
     * @param seq this direction's sequence number for the record
     * @return the number of bytes written
     */
    int seal(ContentType type, byte[] in, int inOff, int len, long seq, byte[] out, int outOff);

    /**
     * Checks and decrypts the record whose header starts at {@code record[off]} and whose body
     * follows it, writing the plaintext at {@code out[outOff..]} (room for the body length is
     * enough) and its type and length into {@code result}.
     *
     * @throws dev.tlsworkbook.alert.TlsException with {@code BAD_RECORD_MAC}, {@code RECORD_OVERFLOW},
     *     {@code EMPTY_INNER_PLAINTEXT}, {@code UNKNOWN_CONTENT_TYPE} or {@code UNEXPECTED_RECORD}
     */
    void open(byte[] record, int off, long seq, byte[] out, int outOff, OpenedRecord result);

    /** The most bytes {@link #seal} adds to a plaintext, header included. */
    int maxOverhead();

    /** The largest record body accepted on read: 2^14 unprotected, 2^14+256 protected. */
    int maxBodyLength();

    /** True once records are encrypted (TLS 1.3 requires application data to be, RFC 8446 §5.1). */
    boolean isProtected();

    /**
     * How many records may be sealed under these keys (unsigned); {@code -1L} means 2^64-1.
     * RFC 8446 §5.5 caps AES-GCM at 2^24.5 full-size records.
     */
    default long sealLimit() {
        return -1L;
    }

    /** Forgets the key material. The protection is unusable afterwards. */
    default void destroy() {
    }
}
