package dev.tlsworkbook.bench.primitive;

/**
 * Every primitive a full TLS 1.3 handshake spends its time in (issue: the cost budget of one
 * handshake), each available from {@link JdkPrimitives} and {@link BcPrimitives}.
 *
 * <p>Key exchanges are one side's whole share of the work: a fresh key pair plus the agreement
 * with a fixed peer share. Signatures cover a CertificateVerify-sized message (130 bytes for
 * SHA-256: 64 spaces, the 33-byte context string and separator, the 32-byte transcript hash).
 * Transcript hashing feeds 4 KiB of handshake bytes and takes six intermediate hashes, as the
 * TLS 1.3 key schedule does. HMAC is one HMAC-SHA256 over 64 bytes: HKDF is built from it.
 *
 * @since bench
 */
public enum PrimitiveOp {
    X25519, X448, P256_ECDH, P384_ECDH,
    ECDSA_P256_SIGN, ECDSA_P256_VERIFY, ECDSA_P384_SIGN, ECDSA_P384_VERIFY,
    RSA_PSS_2048_SIGN, RSA_PSS_2048_VERIFY, RSA_PSS_4096_SIGN, RSA_PSS_4096_VERIFY,
    ED25519_SIGN, ED25519_VERIFY,
    SHA256_TRANSCRIPT, SHA384_TRANSCRIPT, HMAC_SHA256;

    /** The operation in {@code implementation}, with its fixed inputs prepared. */
    public Primitive create(Implementation implementation) throws Exception {
        return switch (implementation) {
            case JDK -> JdkPrimitives.create(this);
            case BC -> BcPrimitives.create(this);
        };
    }
}
