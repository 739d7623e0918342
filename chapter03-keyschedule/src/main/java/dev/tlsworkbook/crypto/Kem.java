package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.Opaque;
import java.security.SecureRandom;

/**
 * The TLS 1.3 key exchange of one {@link NamedGroup}, in the one shape that fits both
 * Diffie-Hellman and a key encapsulation mechanism (draft-ietf-tls-hybrid-design §"Key
 * encapsulation mechanisms"): {@code KeyGen() -> (pk, sk)}, {@code Encaps(pk) -> (ct, ss)},
 * {@code Decaps(sk, ct) -> ss}.
 *
 * <ul>
 *   <li>The client calls {@link #generate}: the public half is its {@code KeyShareEntry}, the
 *       {@link DecapsulationKey} waits for the server's share ({@code (serverShare) → secret}).
 *   <li>The server calls {@link #encapsulate} on the client's share
 *       ({@code (clientShare) → (serverShare, secret)}).
 * </ul>
 *
 * <p>Diffie-Hellman is a KEM too, as the draft explains: the client's key pair is (x, g^x); to
 * encapsulate, the server picks y and sends g^y as the "ciphertext", the secret being g^xy; the
 * client decapsulates by computing g^xy ({@link DhKem}). ML-KEM is a KEM by design (FIPS 203), and
 * a hybrid such as X25519MLKEM768 runs both and concatenates ({@link HybridKem}). So the TLS 1.3
 * handshake talks to this interface only and needs no special case for a hybrid.
 *
 * <p>The Diffie-Hellman groups keep their own DH shape in {@link KeyExchange} (generate, publish,
 * combine), which TLS 1.2 needs: its ServerKeyExchange sends the server's share before the client's
 * arrives, which a KEM cannot do. The hybrids are TLS 1.3 only.
 *
 * @since chapter03
 */
public interface Kem {

    /** The group whose {@code key_exchange} bytes this KEM reads and writes. */
    NamedGroup group();

    /**
     * Client: a fresh key pair; its {@link DecapsulationKey#publicKey()} is the ClientHello's
     * {@code key_exchange} (KeyGen).
     */
    DecapsulationKey generate(SecureRandom random);

    /**
     * Server: encapsulates to the client's {@code key_exchange} (Encaps). The client's share is
     * validated first.
     *
     * @throws dev.tlsworkbook.alert.TlsException with {@code Violation.INVALID_KEY_SHARE}
     *     (→ {@code illegal_parameter}) for a share of the wrong length, an ECDH part that fails
     *     RFC 8446 §4.2.8.2 or an ML-KEM encapsulation key that fails FIPS 203 §7.2
     */
    Encapsulation encapsulate(Opaque clientShare, SecureRandom random);
}
