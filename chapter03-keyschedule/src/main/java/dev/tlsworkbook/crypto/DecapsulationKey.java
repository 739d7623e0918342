package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;

/**
 * The client's half of a {@link Kem}: the public share it sent and the private key that turns the
 * server's share into the shared secret ({@code Decaps(sk, ct) -> ss}). A Diffie-Hellman
 * {@link KeyExchange} is one (decapsulating is combining with the server's public value).
 *
 * @since chapter03
 */
public interface DecapsulationKey {

    /** The group of this key pair. */
    NamedGroup group();

    /** Our public share, the {@code key_exchange} bytes of our {@code KeyShareEntry}. */
    Opaque publicKey();

    /**
     * The shared secret from the server's {@code key_exchange} bytes, validated first.
     *
     * @throws dev.tlsworkbook.alert.TlsException with {@code Violation.INVALID_KEY_SHARE}
     *     (→ {@code illegal_parameter}) for a share of the wrong length or an invalid ECDH part
     */
    SecretBytes decapsulate(Opaque serverShare);

    /**
     * Forgets the private key(s) once the shared secret is computed or the share was not used
     * (forward secrecy, RFC 8446 §1.2). The default holds none.
     */
    default void destroy() {
    }
}
