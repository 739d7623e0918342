package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.SecretBytes;

/**
 * The private half of an X25519 or X448 key pair, which can be destroyed once the shared secret
 * is computed (RFC 8446 §1.2, forward secrecy): its bytes are zeroed and any later use fails.
 *
 * @since chapter04
 */
final class XdhPrivateKey {
    private final SecretBytes bytes;
    private volatile boolean destroyed;

    XdhPrivateKey(byte[] bytes) {
        this.bytes = SecretBytes.of(bytes);
    }

    /** A copy of the key bytes, which the caller zeroes after use. */
    byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException("the private key was destroyed");
        }
        return bytes.bytes();
    }

    void destroy() {
        bytes.destroy();
        destroyed = true;
    }

    boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return bytes.toString();
    }
}
