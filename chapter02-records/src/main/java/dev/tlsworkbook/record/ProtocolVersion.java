package dev.tlsworkbook.record;

import java.util.Optional;

/**
 * {@code ProtocolVersion} values (RFC 8446 §4.2.1, Appendix B.3.1): the record's
 * {@code legacy_record_version} and, in chapter04, {@code supported_versions}.
 *
 * @since chapter02
 */
public enum ProtocolVersion {
    /** RFC 6101; never negotiated, listed so logs can name it. */
    SSL3_0(0x0300),
    /** RFC 2246; appears as the legacy record version of a first ClientHello (RFC 8446 §5.1). */
    TLS1_0(0x0301),
    /** RFC 4346. */
    TLS1_1(0x0302),
    /** RFC 5246; also the legacy_record_version of every TLS 1.3 record (RFC 8446 §5.1). */
    TLS1_2(0x0303),
    /** RFC 8446. */
    TLS1_3(0x0304);

    private final int code;

    ProtocolVersion(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** The version with wire value {@code code}, if there is one. */
    public static Optional<ProtocolVersion> fromCode(int code) {
        for (ProtocolVersion v : values()) {
            if (v.code == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name() + String.format("(0x%04x)", code);
    }
}
