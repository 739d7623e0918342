package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;

/**
 * One side of an ephemeral Diffie-Hellman exchange over one {@link NamedGroup}: a fresh key pair
 * per connection, the public half sent as {@code KeyShareEntry.key_exchange}, and the shared
 * secret computed from the peer's share (RFC 8446 §4.2.8, §7.4).
 *
 * <p>This is the DH shape (generate, publish, then combine with the peer's value), which both
 * sides of TLS 1.2's ECDHE use and which lets a server publish its share before it has seen the
 * client's. TLS 1.3 uses the {@link Kem} shape instead, which {@link DhKem} builds from this one;
 * a key pair is also the client's {@link DecapsulationKey}, decapsulation being the combination
 * with the server's public value.
 *
 * <p>Open so that a later chapter can add a group (finite-field DH, a hybrid KEM) by adding a
 * class; {@link KeyExchanges} creates the ones this chapter provides.
 *
 * <p>Why Bouncy Castle rather than the JDK's {@code XDH}/{@code EC} {@code KeyAgreement}: TLS
 * puts raw bytes on the wire (a little-endian u-coordinate for X25519/X448, {@code 0x04||X||Y}
 * for the NIST curves), and the JDK wants X.509/PKCS#8 encodings or {@code BigInteger}
 * coordinates, so every JDK call would need a conversion in and out. Bouncy Castle's
 * {@code rfc7748.X25519}/{@code X448} and {@code ECCurve.decodePoint} take exactly the bytes the
 * RFCs specify, so each line of these classes reads like the RFC sentence it implements.
 *
 * @since chapter03
 */
public interface KeyExchange extends DecapsulationKey {

    /** The group this key pair lives in. */
    @Override
    NamedGroup group();

    /** Our public share, the {@code key_exchange} bytes of our {@code KeyShareEntry}. */
    @Override
    Opaque publicKey();

    /**
     * The shared secret, the IKM of the handshake secret (RFC 8446 §7.1, §7.4), from the peer's
     * {@code key_exchange} bytes. The peer's share is validated first.
     *
     * @throws dev.tlsworkbook.alert.TlsException with {@code Violation.INVALID_KEY_SHARE}
     *     (→ {@code illegal_parameter}) if the share has the wrong length or form, is not on the
     *     curve, or yields the all-zero value (RFC 8446 §4.2.8.2, §7.4.2)
     */
    SecretBytes sharedSecret(Opaque peerPublicKey);

    /** As a KEM's client side: the server's "ciphertext" is its public value (draft-ietf-tls-hybrid-design). */
    @Override
    default SecretBytes decapsulate(Opaque serverShare) {
        return sharedSecret(serverShare);
    }

    /**
     * Forgets the private key once the shared secret is computed, or the share was not used
     * (forward secrecy, RFC 8446 §1.2: the ephemeral key must not outlive the handshake). Later
     * calls to {@link #sharedSecret} fail with {@link IllegalStateException}. Classes that hold key
     * material override it; the default holds none.
     *
     * @since chapter04
     */
    @Override
    default void destroy() {
    }

    /** True once {@link #destroy()} has run on a key that held material. */
    default boolean isDestroyed() {
        return false;
    }
}
