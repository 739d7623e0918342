package dev.tlsworkbook.keyschedule;

import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import java.util.Objects;

/**
 * An exporter master secret, early or not (RFC 8446 §7.1), and the keying-material exporter
 * built on it (RFC 8446 §7.5, the TLS 1.3 form of RFC 5705).
 *
 * @since chapter03
 */
public final class ExporterSecret implements DerivedSecret {
    private final SecretLabel label;
    private final HashAlgorithm hash;
    private final SecretBytes secret;

    ExporterSecret(SecretLabel label, HashAlgorithm hash, SecretBytes secret) {
        this.label = Objects.requireNonNull(label);
        this.hash = Objects.requireNonNull(hash);
        this.secret = Objects.requireNonNull(secret);
    }

    /** An exporter secret known from elsewhere, e.g. the EXPORTER_SECRET line of a key log. */
    public static ExporterSecret of(SecretLabel label, HashAlgorithm hash, SecretBytes secret) {
        if (label != SecretLabel.EXPORTER_MASTER && label != SecretLabel.EARLY_EXPORTER_MASTER) {
            throw new IllegalArgumentException(label + " is not an exporter secret");
        }
        if (secret.length() != hash.length()) {
            throw new IllegalArgumentException("a " + hash + " exporter secret is " + hash.length() + " bytes");
        }
        return new ExporterSecret(label, hash, secret);
    }

    @Override
    public SecretLabel label() {
        return label;
    }

    @Override
    public HashAlgorithm hash() {
        return hash;
    }

    @Override
    public SecretBytes secret() {
        return secret;
    }

    /**
     * TLS-Exporter (RFC 8446 §7.5):
     * <pre>
     * TLS-Exporter(label, context_value, key_length) =
     *     HKDF-Expand-Label(Derive-Secret(Secret, label, ""),
     *                       "exporter", Hash(context_value), key_length)
     * </pre>
     * A missing context is the same as an empty one in TLS 1.3.
     */
    public SecretBytes export(String exporterLabel, byte[] contextValue, int length) {
        SecretBytes perLabel = Tls13Kdf.deriveSecret(hash, secret, exporterLabel, Tls13Kdf.emptyHash(hash));
        try {
            return Tls13Kdf.expandLabel(hash, perLabel, "exporter", hash.digest(contextValue), length);
        } finally {
            perLabel.destroy();
        }
    }

    @Override
    public String toString() {
        return "ExporterSecret[" + label + ", " + hash + ", [redacted]]";
    }
}
