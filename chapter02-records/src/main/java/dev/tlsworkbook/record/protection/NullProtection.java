package dev.tlsworkbook.record.protection;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.record.RecordHeader;

/**
 * No protection: TLSPlaintext written straight to the wire, as before the first keys are
 * installed (RFC 8446 §5.1, "When record protection has not yet been engaged").
 *
 * @since chapter02
 */
public final class NullProtection implements RecordProtection {
    /** Writes legacy_record_version 0x0303, as RFC 8446 §5.1 requires for all but the first ClientHello. */
    public static final NullProtection INSTANCE = new NullProtection(ProtocolVersion.TLS1_2);

    private final ProtocolVersion recordVersion;

    private NullProtection(ProtocolVersion recordVersion) {
        this.recordVersion = recordVersion;
    }

    /** A protection that writes {@code version}, e.g. 0x0301 for an initial ClientHello (RFC 8446 §5.1). */
    public static NullProtection withRecordVersion(ProtocolVersion version) {
        return version == ProtocolVersion.TLS1_2 ? INSTANCE : new NullProtection(version);
    }

    @Override
    public int seal(ContentType type, byte[] in, int inOff, int len, long seq, byte[] out, int outOff) {
        if (len > RecordHeader.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("fragment of " + len + " bytes exceeds 2^14");
        }
        RecordHeader.write(out, outOff, type.code(), recordVersion.code(), len);
        System.arraycopy(in, inOff, out, outOff + RecordHeader.LENGTH, len);
        return RecordHeader.LENGTH + len;
    }

    @Override
    public void open(byte[] record, int off, long seq, byte[] out, int outOff, OpenedRecord result) {
        int length = RecordHeader.length(record, off);
        if (length > RecordHeader.MAX_PLAINTEXT) {
            throw TlsException.local(Violation.RECORD_OVERFLOW,
                    "RFC 8446 §5.1: TLSPlaintext.length " + length + " exceeds 2^14");
        }
        int typeCode = RecordHeader.type(record, off);
        ContentType type = ContentType.fromCode(typeCode).orElseThrow(() -> TlsException.local(
                Violation.UNKNOWN_CONTENT_TYPE, "RFC 8446 §5: unknown record content type " + typeCode));
        System.arraycopy(record, off + RecordHeader.LENGTH, out, outOff, length);
        result.set(type, length);
    }

    @Override
    public int maxOverhead() {
        return RecordHeader.LENGTH;
    }

    @Override
    public int maxBodyLength() {
        return RecordHeader.MAX_PLAINTEXT;
    }

    @Override
    public boolean isProtected() {
        return false;
    }

    @Override
    public String toString() {
        return "NullProtection{recordVersion=" + recordVersion + "}";
    }
}
