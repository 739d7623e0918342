package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;

/**
 * What the server's side of a {@link Kem} produces ({@code Encaps(pk) -> (ct, ss)}).
 *
 * @param ciphertext the server's {@code key_exchange} bytes: an ML-KEM ciphertext, a
 *     Diffie-Hellman public value, or a hybrid's concatenation of both
 * @param sharedSecret the IKM of the handshake secret (RFC 8446 §7.1)
 * @since chapter03
 */
public record Encapsulation(Opaque ciphertext, SecretBytes sharedSecret) {
}
