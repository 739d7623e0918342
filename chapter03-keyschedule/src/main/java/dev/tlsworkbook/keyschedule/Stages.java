package dev.tlsworkbook.keyschedule;

import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.Hkdf;

/** The step between two stages of RFC 8446 §7.1, shared by the stage classes. */
final class Stages {
    private Stages() {
    }

    /** {@code HKDF-Extract(Derive-Secret(previous, "derived", ""), ikm)}. */
    static SecretBytes extractNext(HashAlgorithm hash, SecretBytes previous, SecretBytes ikm) {
        SecretBytes salt = derivedSalt(hash, previous);
        try {
            return Hkdf.of(hash).extract(salt, ikm);
        } finally {
            salt.destroy();
        }
    }

    /** {@code Derive-Secret(previous, "derived", "")}: RFC 8448 prints it as "derive secret for ... tls13 derived". */
    static SecretBytes derivedSalt(HashAlgorithm hash, SecretBytes previous) {
        return Tls13Kdf.deriveSecret(hash, previous, SecretLabel.DERIVED.rfcLabel(), Tls13Kdf.emptyHash(hash));
    }
}
