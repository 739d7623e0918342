package dev.tlsworkbook.handshake.auth;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of public key a TLS signature scheme can be used with (RFC 8446 §4.2.3). RSA keys come
 * in two kinds that the schemes keep apart: a key with the {@code rsaEncryption} OID
 * (RFC 8017, used by {@code rsa_pkcs1_*} and {@code rsa_pss_rsae_*}) and a key with the
 * {@code id-RSASSA-PSS} OID (RFC 4055, used only by {@code rsa_pss_pss_*}).
 *
 * @since chapter04
 */
public enum KeyType {
    /** RFC 8017 RSA key, OID rsaEncryption. */
    RSA,
    /** RFC 4055 RSA key restricted to RSASSA-PSS, OID id-RSASSA-PSS. */
    RSASSA_PSS,
    /** RFC 5480 elliptic-curve key (ECDSA). */
    EC,
    /** RFC 8410 Ed25519 key. */
    ED25519,
    /** RFC 8410 Ed448 key. */
    ED448;

    /** The kind of {@code key}, or empty for a kind TLS cannot sign with (DSA, X25519, ...). */
    public static Optional<KeyType> of(Key key) {
        if (key instanceof EdECKey edec) {
            return ofName(edec.getParams().getName());
        }
        if (key instanceof ECKey) {
            return Optional.of(EC);
        }
        if (key instanceof RSAKey) {
            // The JDK names keys with the id-RSASSA-PSS OID "RSASSA-PSS" (RFC 4055 §1.2).
            return Optional.of("RSASSA-PSS".equalsIgnoreCase(key.getAlgorithm()) ? RSASSA_PSS : RSA);
        }
        return ofName(key.getAlgorithm());
    }

    private static Optional<KeyType> ofName(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "ED25519" -> Optional.of(ED25519);
            case "ED448" -> Optional.of(ED448);
            default -> Optional.empty();
        };
    }
}
