package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.Opaque;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Diffie-Hellman group seen as a {@link Kem} (draft-ietf-tls-hybrid-design §"Key encapsulation
 * mechanisms": "DH key exchange can be modeled as a KEM"): KeyGen is a DH key pair, Encaps makes
 * the server's key pair and combines it with the client's share, the "ciphertext" being the
 * server's public value; Decaps is the client's combination.
 *
 * @since chapter03
 */
public final class DhKem implements Kem {
    private final NamedGroup group;
    private final Function<SecureRandom, KeyExchange> keyPairs;

    /**
     * A KEM over {@code group} whose key pairs come from {@code keyPairs} (fresh ones normally,
     * known ones to replay RFC 8448).
     */
    public DhKem(NamedGroup group, Function<SecureRandom, KeyExchange> keyPairs) {
        this.group = Objects.requireNonNull(group);
        this.keyPairs = Objects.requireNonNull(keyPairs);
    }

    /** The KEM of a Diffie-Hellman group we compute, with fresh key pairs. */
    public static DhKem of(NamedGroup group) {
        if (!KeyExchanges.supports(group)) {
            throw new IllegalArgumentException("no Diffie-Hellman key exchange for " + group);
        }
        return new DhKem(group, random -> KeyExchanges.generate(group, random));
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public DecapsulationKey generate(SecureRandom random) {
        return keyPair(random);
    }

    @Override
    public Encapsulation encapsulate(Opaque clientShare, SecureRandom random) {
        KeyExchange ours = keyPair(random);
        // RFC 8446 §4.2.8.2, §7.4: the client's share is validated inside sharedSecret (illegal_parameter).
        try {
            return new Encapsulation(ours.publicKey(), ours.sharedSecret(clientShare));
        } finally {
            ours.destroy(); // RFC 8446 §1.2: the ephemeral key does not outlive its one use
        }
    }

    private KeyExchange keyPair(SecureRandom random) {
        KeyExchange kx = keyPairs.apply(random);
        if (kx.group() != group) {
            throw new IllegalStateException("key pair for " + kx.group() + " given to the " + group + " KEM");
        }
        return kx;
    }

    @Override
    public String toString() {
        return "DhKem[" + group.ianaName() + "]";
    }
}
