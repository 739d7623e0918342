package dev.tlsworkbook.record.protection;

import dev.tlsworkbook.record.ContentType;

/**
 * What {@link RecordProtection#open} found: the real content type and how many plaintext bytes it
 * wrote. Mutable and reused for every record, so opening allocates nothing.
 *
 * @since chapter02
 */
public final class OpenedRecord {
    private ContentType type = ContentType.INVALID;
    private int length;

    /** Called by a protection once a record has been opened. */
    public void set(ContentType type, int length) {
        this.type = type;
        this.length = length;
    }

    /** The content type: the header's for unprotected records, TLSInnerPlaintext.type for TLS 1.3. */
    public ContentType type() {
        return type;
    }

    /** Plaintext bytes written to the output array (padding and inner type excluded). */
    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return "OpenedRecord{type=" + type + ", length=" + length + "}";
    }
}
