package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.SecretBytes;
import java.security.SecureRandom;
import java.util.List;

/**
 * Creates the {@link KeyExchange} of a {@link NamedGroup}: fresh for a connection, or from a
 * fixed private key to replay a trace. The groups this chapter computes are x25519, x448,
 * secp256r1 and secp384r1 (RFC 8446 §9.1: secp256r1 MUST, X25519 SHOULD).
 *
 * @since chapter03
 */
public final class KeyExchanges {
    private static final List<NamedGroup> SUPPORTED =
            List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.X448);

    private KeyExchanges() {
    }

    /** The groups we can compute, in our order of preference. */
    public static List<NamedGroup> supportedGroups() {
        return SUPPORTED;
    }

    public static boolean supports(NamedGroup group) {
        return SUPPORTED.contains(group);
    }

    /**
     * A fresh key pair in {@code group}, drawn from {@code random} (one per connection).
     *
     * @throws IllegalArgumentException for a group we do not compute
     */
    public static KeyExchange generate(NamedGroup group, SecureRandom random) {
        return switch (group) {
            case X25519 -> X25519KeyExchange.generate(random);
            case X448 -> X448KeyExchange.generate(random);
            case SECP256R1 -> Secp256r1KeyExchange.generate(random);
            case SECP384R1 -> Secp384r1KeyExchange.generate(random);
            case SECP521R1, FFDHE2048, FFDHE3072, FFDHE4096, FFDHE6144, FFDHE8192,
                    SECP256R1MLKEM768, X25519MLKEM768, SECP384R1MLKEM1024 -> throw unsupported(group);
        };
    }

    /**
     * A key pair from a known private key (RFC 8448 replays, tests).
     *
     * @throws IllegalArgumentException for a group we do not compute or a malformed key
     */
    public static KeyExchange fromPrivateKey(NamedGroup group, SecretBytes privateKey) {
        return switch (group) {
            case X25519 -> X25519KeyExchange.fromPrivateKey(privateKey);
            case X448 -> X448KeyExchange.fromPrivateKey(privateKey);
            case SECP256R1 -> Secp256r1KeyExchange.fromPrivateKey(privateKey);
            case SECP384R1 -> Secp384r1KeyExchange.fromPrivateKey(privateKey);
            case SECP521R1, FFDHE2048, FFDHE3072, FFDHE4096, FFDHE6144, FFDHE8192,
                    SECP256R1MLKEM768, X25519MLKEM768, SECP384R1MLKEM1024 -> throw unsupported(group);
        };
    }

    private static IllegalArgumentException unsupported(NamedGroup group) {
        return new IllegalArgumentException("no key exchange for " + group + "; supported: " + SUPPORTED);
    }
}
