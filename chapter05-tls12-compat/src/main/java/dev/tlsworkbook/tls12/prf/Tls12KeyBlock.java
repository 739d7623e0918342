package dev.tlsworkbook.tls12.prf;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.record.protection.AeadAlgorithm;

/**
 * The AEAD part of a TLS 1.2 key block (RFC 5246 §6.3): one write key and one fixed IV per side.
 *
 * @since chapter05
 */
public record Tls12KeyBlock(AeadAlgorithm aead, SecretBytes clientWriteKey, SecretBytes serverWriteKey,
        Opaque clientWriteIv, Opaque serverWriteIv) {

    @Override
    public String toString() {
        return "Tls12KeyBlock{" + aead + ", keys=[redacted]}";
    }
}
