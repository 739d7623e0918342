package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;

/**
 * {@code record_size_limit} (RFC 8449 §4): the largest protected record plaintext the sender is
 * willing to receive. In TLS 1.3 it counts the whole TLSInnerPlaintext (content, content type and
 * padding), so 2^14+1 means "no limit"; the client sends it in ClientHello, the server in
 * EncryptedExtensions.
 *
 * <pre>
 * uint16 RecordSizeLimit;
 * </pre>
 *
 * @param recordSizeLimit at least 64 (RFC 8449 §4: "An endpoint MUST treat receipt of a smaller
 *     value as a fatal error and generate an "illegal_parameter" alert")
 * @since chapter04
 */
public record RecordSizeLimit(int recordSizeLimit) implements Extension {
    /** RFC 8449 §4: "Endpoints MUST NOT send a "record_size_limit" extension with a value smaller than 64." */
    public static final int MIN = 64;
    /** RFC 8449 §4: "TLS 1.3 uses a limit of 2^14+1 octets." */
    public static final int TLS13_MAX = RecordHeader.MAX_INNER_PLAINTEXT;

    public RecordSizeLimit {
        Fields.check(recordSizeLimit >= MIN && recordSizeLimit <= 0xffff, "record_size_limit is 64..65535");
    }

    static RecordSizeLimit decode(WireReader data) {
        int limit = data.u16();
        data.expectEnd();
        if (limit < MIN) {
            throw TlsException.local(Violation.RECORD_SIZE_LIMIT_TOO_SMALL,
                    "RFC 8449 §4: record_size_limit " + limit + " is below the minimum of 64");
        }
        return new RecordSizeLimit(limit);
    }

    /**
     * The most content bytes one protected TLS 1.3 record toward this peer may carry: the limit
     * less the content type byte, and never more than 2^14 (RFC 8449 §4: "Even if a larger record
     * size limit is provided by a peer, an endpoint MUST NOT send records larger than the
     * protocol-defined limit").
     */
    public int maxTls13Content() {
        return Math.min(recordSizeLimit, TLS13_MAX) - 1;
    }

    @Override
    public int extensionType() {
        return ExtensionType.RECORD_SIZE_LIMIT.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.u16(recordSizeLimit);
    }

    @Override
    public String toString() {
        return "record_size_limit{" + recordSizeLimit + "}";
    }
}
