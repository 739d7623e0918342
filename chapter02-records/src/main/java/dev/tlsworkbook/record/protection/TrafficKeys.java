package dev.tlsworkbook.record.protection;

import dev.tlsworkbook.bytes.SecretBytes;
import java.util.Objects;

/**
 * One direction's {@code [sender]_write_key} and {@code [sender]_write_iv} (RFC 8446 §7.3), with
 * the AEAD they are for. Lengths are checked here, so a protection never sees a bad key.
 *
 * @since chapter02
 */
public record TrafficKeys(AeadAlgorithm aead, SecretBytes key, SecretBytes iv) {

    public TrafficKeys {
        Objects.requireNonNull(aead, "aead");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(iv, "iv");
        if (key.length() != aead.keyLength()) {
            throw new IllegalArgumentException(aead + " needs a " + aead.keyLength() + "-byte key, got " + key.length());
        }
        if (iv.length() != aead.ivLength()) {
            throw new IllegalArgumentException(aead + " needs a " + aead.ivLength() + "-byte IV, got " + iv.length());
        }
    }

    @Override
    public String toString() {
        return "TrafficKeys{aead=" + aead + ", key=[redacted], iv=[redacted]}";
    }
}
