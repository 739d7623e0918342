package dev.tlsworkbook.crypto;

import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import java.util.Optional;

/**
 * The IANA TLS Cipher Suites registry, the part the workbook speaks: the five TLS 1.3 suites
 * (RFC 8446 §B.4), the TLS 1.2 ECDHE AEAD suites chapter05 negotiates (RFC 5289 §3.2,
 * RFC 7905 §2), and the two signaling values (RFC 5746 §3.3, RFC 7507 §2).
 *
 * <p>A TLS 1.3 suite names only the AEAD and the HKDF hash; a TLS 1.2 suite also names its key
 * exchange and signature family. The CCM suites are listed but unsupported ({@link #aead()}
 * is empty), so a peer that offers them is understood and passed over.
 *
 * @since chapter03
 */
public enum CipherSuite {
    /** RFC 8446 §B.4. */
    TLS_AES_128_GCM_SHA256(0x1301, ProtocolVersion.TLS1_3, KeyExchangeMethod.TLS13, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    /** RFC 8446 §B.4. */
    TLS_AES_256_GCM_SHA384(0x1302, ProtocolVersion.TLS1_3, KeyExchangeMethod.TLS13, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    /** RFC 8446 §B.4. */
    TLS_CHACHA20_POLY1305_SHA256(0x1303, ProtocolVersion.TLS1_3, KeyExchangeMethod.TLS13, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),
    /** RFC 8446 §B.4; AEAD_AES_128_CCM is not supported here. */
    TLS_AES_128_CCM_SHA256(0x1304, ProtocolVersion.TLS1_3, KeyExchangeMethod.TLS13, null, HashAlgorithm.SHA256),
    /** RFC 8446 §B.4; AEAD_AES_128_CCM_8 is not supported here. */
    TLS_AES_128_CCM_8_SHA256(0x1305, ProtocolVersion.TLS1_3, KeyExchangeMethod.TLS13, null, HashAlgorithm.SHA256),

    /** RFC 5289 §3.2. */
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xc02b, ProtocolVersion.TLS1_2, KeyExchangeMethod.ECDHE_ECDSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    /** RFC 5289 §3.2. */
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xc02c, ProtocolVersion.TLS1_2, KeyExchangeMethod.ECDHE_ECDSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    /** RFC 5289 §3.2. */
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xc02f, ProtocolVersion.TLS1_2, KeyExchangeMethod.ECDHE_RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    /** RFC 5289 §3.2. */
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xc030, ProtocolVersion.TLS1_2, KeyExchangeMethod.ECDHE_RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    /** RFC 7905 §2. */
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xcca8, ProtocolVersion.TLS1_2, KeyExchangeMethod.ECDHE_RSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),
    /** RFC 7905 §2. */
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xcca9, ProtocolVersion.TLS1_2, KeyExchangeMethod.ECDHE_ECDSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),

    /** RFC 5746 §3.3: a client's "I support secure renegotiation" signal; never selected. */
    TLS_EMPTY_RENEGOTIATION_INFO_SCSV(0x00ff, null, KeyExchangeMethod.SIGNALING, null, null),
    /** RFC 7507 §2: a client's "this is a fallback retry" signal; never selected. */
    TLS_FALLBACK_SCSV(0x5600, null, KeyExchangeMethod.SIGNALING, null, null);

    /** How a suite agrees its keys and authenticates the server. */
    public enum KeyExchangeMethod {
        /** TLS 1.3: negotiated separately by supported_groups and signature_algorithms (RFC 8446 §4.1.1). */
        TLS13,
        /** TLS 1.2 ephemeral ECDH signed with ECDSA (RFC 8422 §2.1). */
        ECDHE_ECDSA,
        /** TLS 1.2 ephemeral ECDH signed with RSA (RFC 8422 §2.1). */
        ECDHE_RSA,
        /** Not a suite: a signaling value in the cipher_suites list. */
        SIGNALING
    }

    private final int code;
    private final ProtocolVersion version;
    private final KeyExchangeMethod keyExchange;
    private final AeadAlgorithm aead;
    private final HashAlgorithm hash;

    CipherSuite(int code, ProtocolVersion version, KeyExchangeMethod keyExchange, AeadAlgorithm aead, HashAlgorithm hash) {
        this.code = code;
        this.version = version;
        this.keyExchange = keyExchange;
        this.aead = aead;
        this.hash = hash;
    }

    /** The registry value, a uint16 on the wire. */
    public int code() {
        return code;
    }

    /** The only protocol version the suite can be negotiated in; empty for signaling values. */
    public Optional<ProtocolVersion> version() {
        return Optional.ofNullable(version);
    }

    public KeyExchangeMethod keyExchange() {
        return keyExchange;
    }

    /** The record protection; empty for signaling values and for suites we do not implement (CCM). */
    public Optional<AeadAlgorithm> aead() {
        return Optional.ofNullable(aead);
    }

    /** The HKDF/transcript hash (TLS 1.3) or PRF hash (TLS 1.2); empty for signaling values. */
    public Optional<HashAlgorithm> hash() {
        return Optional.ofNullable(hash);
    }

    /** True for a real suite (not a signaling value) whose AEAD we implement. */
    public boolean isImplemented() {
        return aead != null && keyExchange != KeyExchangeMethod.SIGNALING;
    }

    public boolean isTls13() {
        return version == ProtocolVersion.TLS1_3;
    }

    /** The value with this registry code, if we name it. */
    public static Optional<CipherSuite> fromCode(int code) {
        for (CipherSuite s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name() + String.format("(0x%04x)", code);
    }
}
