package dev.tlsworkbook.record;

/**
 * The five-byte record header, {@code type || legacy_record_version || length} (RFC 8446 §5.1),
 * read and written in place in an array, with the size limits every record obeys.
 *
 * @since chapter02
 */
public final class RecordHeader {
    /** Bytes in a record header. */
    public static final int LENGTH = 5;
    /** RFC 8446 §5.1: TLSPlaintext.length MUST NOT exceed 2^14. */
    public static final int MAX_PLAINTEXT = 1 << 14;
    /** RFC 8446 §5.2: TLSCiphertext.length MUST NOT exceed 2^14 + 256. */
    public static final int MAX_CIPHERTEXT = MAX_PLAINTEXT + 256;
    /** RFC 8446 §5.4: the whole TLSInnerPlaintext (content, type, padding) MUST NOT exceed 2^14 + 1. */
    public static final int MAX_INNER_PLAINTEXT = MAX_PLAINTEXT + 1;
    /** The largest record on the wire, header included. */
    public static final int MAX_RECORD = LENGTH + MAX_CIPHERTEXT;

    private RecordHeader() {
    }

    /** Writes a header at {@code out[off..off+5)}. */
    public static void write(byte[] out, int off, int type, int version, int length) {
        out[off] = (byte) type;
        out[off + 1] = (byte) (version >>> 8);
        out[off + 2] = (byte) version;
        out[off + 3] = (byte) (length >>> 8);
        out[off + 4] = (byte) length;
    }

    /** The content type byte of the header at {@code off}. */
    public static int type(byte[] record, int off) {
        return record[off] & 0xff;
    }

    /** The legacy_record_version of the header at {@code off}. */
    public static int version(byte[] record, int off) {
        return ((record[off + 1] & 0xff) << 8) | (record[off + 2] & 0xff);
    }

    /** The body length of the header at {@code off}. */
    public static int length(byte[] record, int off) {
        return ((record[off + 3] & 0xff) << 8) | (record[off + 4] & 0xff);
    }

    /** "APPLICATION_DATA(23) 0x0303 len=17" for logs and the demo. */
    public static String describe(byte[] record, int off) {
        int type = type(record, off);
        String typeName = ContentType.fromCode(type).map(ContentType::toString).orElse("unknown(" + type + ")");
        return String.format("%s 0x%04x len=%d", typeName, version(record, off), length(record, off));
    }
}
