package dev.tlsworkbook.crypto;

import java.util.Optional;

/**
 * The IANA TLS Supported Groups registry (RFC 8446 §4.2.7, RFC 8422 §5.1.1, RFC 7919 §2), with
 * the values the workbook meets: the elliptic curves of RFC 8446, the finite-field groups of
 * RFC 7919, and the hybrid post-quantum groups of draft-ietf-tls-ecdhe-mlkem that browsers
 * already offer. Which groups we can compute is {@link Kems#supports} (the Diffie-Hellman ones also
 * {@link KeyExchanges#supports}); the rest are
 * named so that a trace can print them.
 *
 * <p>The values a peer offers stay raw codes (unknown and GREASE values are ignored, RFC 8701);
 * this enum is for what we select.
 *
 * @since chapter03
 */
public enum NamedGroup {
    /** secp256r1 (NIST P-256), 65-byte uncompressed share (RFC 8446 §4.2.8.2). */
    SECP256R1(0x0017, "secp256r1", Kind.ECDHE),
    /** secp384r1 (NIST P-384), 97-byte uncompressed share. */
    SECP384R1(0x0018, "secp384r1", Kind.ECDHE),
    /** secp521r1 (NIST P-521), 133-byte uncompressed share. */
    SECP521R1(0x0019, "secp521r1", Kind.ECDHE),
    /** x25519 (RFC 7748), 32-byte share. */
    X25519(0x001d, "x25519", Kind.ECDHE),
    /** x448 (RFC 7748), 56-byte share. */
    X448(0x001e, "x448", Kind.ECDHE),
    /** ffdhe2048 (RFC 7919 §A.1). */
    FFDHE2048(0x0100, "ffdhe2048", Kind.FFDHE),
    /** ffdhe3072 (RFC 7919 §A.2). */
    FFDHE3072(0x0101, "ffdhe3072", Kind.FFDHE),
    /** ffdhe4096 (RFC 7919 §A.3). */
    FFDHE4096(0x0102, "ffdhe4096", Kind.FFDHE),
    /** ffdhe6144 (RFC 7919 §A.4). */
    FFDHE6144(0x0103, "ffdhe6144", Kind.FFDHE),
    /** ffdhe8192 (RFC 7919 §A.5). */
    FFDHE8192(0x0104, "ffdhe8192", Kind.FFDHE),
    /** SecP256r1MLKEM768 (draft-ietf-tls-ecdhe-mlkem §5.1). */
    SECP256R1MLKEM768(0x11eb, "SecP256r1MLKEM768", Kind.HYBRID_KEM),
    /** X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem §5.2): ML-KEM-768 then X25519 in one share. */
    X25519MLKEM768(0x11ec, "X25519MLKEM768", Kind.HYBRID_KEM),
    /** SecP384r1MLKEM1024 (draft-ietf-tls-ecdhe-mlkem §5.3). */
    SECP384R1MLKEM1024(0x11ed, "SecP384r1MLKEM1024", Kind.HYBRID_KEM);

    /** The family a group belongs to, which decides how its key_exchange bytes are read. */
    public enum Kind {
        /** Elliptic-curve Diffie-Hellman (RFC 8446 §4.2.8.2, RFC 7748). */
        ECDHE,
        /** Finite-field Diffie-Hellman (RFC 7919, RFC 8446 §4.2.8.1). */
        FFDHE,
        /** A classical ECDH share concatenated with an ML-KEM share (draft-ietf-tls-hybrid-design). */
        HYBRID_KEM
    }

    private final int code;
    private final String ianaName;
    private final Kind kind;

    NamedGroup(int code, String ianaName, Kind kind) {
        this.code = code;
        this.ianaName = ianaName;
        this.kind = kind;
    }

    /** The registry value, a uint16 on the wire. */
    public int code() {
        return code;
    }

    /** The registry's own spelling, e.g. {@code x25519}, {@code X25519MLKEM768}. */
    public String ianaName() {
        return ianaName;
    }

    public Kind kind() {
        return kind;
    }

    /** The value with this registry code, if it is one we name. */
    public static Optional<NamedGroup> fromCode(int code) {
        for (NamedGroup g : values()) {
            if (g.code == code) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name() + String.format("(0x%04x)", code);
    }
}
