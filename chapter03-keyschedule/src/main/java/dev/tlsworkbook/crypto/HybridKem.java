package dev.tlsworkbook.crypto;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The hybrid groups of draft-ietf-tls-ecdhe-mlkem §3: an ECDH exchange and an ML-KEM
 * encapsulation run side by side, each share and the shared secret being the plain concatenation
 * of the two parts (the combiner of draft-ietf-tls-hybrid-design §3.3). The connection stays
 * secret as long as either part holds.
 *
 * <p>The order of the parts is not the same for all three groups (§3: "we put the ML-KEM shared
 * secret first in X25519MLKEM768, and the ECDH shared secret first in SecP256r1MLKEM768 and
 * SecP384r1MLKEM1024", for FIPS reasons), and it applies to the client share, the server share
 * and the shared secret alike:
 *
 * <pre>
 * group               client share            server share            shared secret
 * X25519MLKEM768      ek(1184) || x25519(32)  ct(1088) || x25519(32)  K(32) || x25519(32)
 * SecP256r1MLKEM768   P-256(65) || ek(1184)   P-256(65) || ct(1088)   P-256(32) || K(32)
 * SecP384r1MLKEM1024  P-384(97) || ek(1568)   P-384(97) || ct(1568)   P-384(48) || K(32)
 * </pre>
 *
 * @since chapter03
 */
public final class HybridKem implements Kem {
    /** draft-ietf-tls-ecdhe-mlkem §3.1: ML-KEM-768 first, then X25519. */
    public static final HybridKem X25519MLKEM768 =
            new HybridKem(NamedGroup.X25519MLKEM768, MlKem.ML_KEM_768, NamedGroup.X25519, 32, true);
    /** draft-ietf-tls-ecdhe-mlkem §3.1: secp256r1 first, then ML-KEM-768. */
    public static final HybridKem SECP256R1MLKEM768 =
            new HybridKem(NamedGroup.SECP256R1MLKEM768, MlKem.ML_KEM_768, NamedGroup.SECP256R1, 65, false);
    /** draft-ietf-tls-ecdhe-mlkem §3.1: secp384r1 first, then ML-KEM-1024. */
    public static final HybridKem SECP384R1MLKEM1024 =
            new HybridKem(NamedGroup.SECP384R1MLKEM1024, MlKem.ML_KEM_1024, NamedGroup.SECP384R1, 97, false);

    private final NamedGroup group;
    private final MlKem mlKem;
    private final NamedGroup ecdhGroup;
    private final int ecdhShareLength;
    private final boolean mlKemFirst;

    private HybridKem(NamedGroup group, MlKem mlKem, NamedGroup ecdhGroup, int ecdhShareLength, boolean mlKemFirst) {
        this.group = group;
        this.mlKem = mlKem;
        this.ecdhGroup = ecdhGroup;
        this.ecdhShareLength = ecdhShareLength;
        this.mlKemFirst = mlKemFirst;
    }

    /** The hybrid KEM of {@code group}. */
    public static HybridKem of(NamedGroup group) {
        return switch (group) {
            case X25519MLKEM768 -> X25519MLKEM768;
            case SECP256R1MLKEM768 -> SECP256R1MLKEM768;
            case SECP384R1MLKEM1024 -> SECP384R1MLKEM1024;
            case SECP256R1, SECP384R1, SECP521R1, X25519, X448, FFDHE2048, FFDHE3072, FFDHE4096, FFDHE6144,
                    FFDHE8192 -> throw new IllegalArgumentException(group + " is not a hybrid group");
        };
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    /** The ML-KEM parameter set inside. */
    public MlKem mlKem() {
        return mlKem;
    }

    /** The ECDH group inside. */
    public NamedGroup ecdhGroup() {
        return ecdhGroup;
    }

    /** True for X25519MLKEM768, whose parts are in the order ML-KEM, ECDH (the other two: ECDH, ML-KEM). */
    public boolean mlKemFirst() {
        return mlKemFirst;
    }

    /** Bytes in the client's share (§3.1.1): 1216, 1249 or 1665. */
    public int clientShareLength() {
        return mlKem.encapsulationKeyLength() + ecdhShareLength;
    }

    /** Bytes in the server's share (§3.1.2): 1120, 1153 or 1665. */
    public int serverShareLength() {
        return mlKem.ciphertextLength() + ecdhShareLength;
    }

    @Override
    public DecapsulationKey generate(SecureRandom random) {
        MlKem.KeyPair kemPair = mlKem.generate(random);
        KeyExchange ecdh = KeyExchanges.generate(ecdhGroup, random);
        // §3.1.1: the client share is the encapsulation key and the ECDH share, in the group's order.
        return new ClientKey(kemPair, ecdh, join(kemPair.encapsulationKey(), ecdh.publicKey()));
    }

    @Override
    public Encapsulation encapsulate(Opaque clientShare, SecureRandom random) {
        requireLength(clientShare, clientShareLength(), "client share", "ek", mlKem.encapsulationKeyLength());
        Opaque[] parts = split(clientShare, mlKem.encapsulationKeyLength());
        // §3.1.2: "the server MUST perform the encapsulation key check described in Section 7.2 of [FIPS203]"
        // and "process the ECDH part as described in Section 4.2.8.2 of [RFC8446], including all validity
        // checks"; both abort with illegal_parameter. The ECDH part is checked first: it costs less.
        KeyExchange ours = KeyExchanges.generate(ecdhGroup, random);
        SecretBytes ecdhSecret;
        try {
            ecdhSecret = ours.sharedSecret(parts[1]);
        } finally {
            ours.destroy(); // RFC 8446 §1.2: the ephemeral key does not outlive its one use
        }
        Encapsulation kem;
        try {
            kem = mlKem.encapsulate(parts[0], random);
        } catch (TlsException e) {
            ecdhSecret.destroy();
            throw e;
        }
        // §3.1.2: the server share is the ciphertext and our ECDH share; §3.1.3: the secret, in the same order.
        return new Encapsulation(join(kem.ciphertext(), ours.publicKey()), joinSecrets(kem.sharedSecret(), ecdhSecret));
    }

    /** The ML-KEM part and the ECDH part of a share in wire order. */
    private Opaque join(Opaque kemPart, Opaque ecdhPart) {
        return mlKemFirst ? kemPart.concat(ecdhPart) : ecdhPart.concat(kemPart);
    }

    /** {@code [kemPart, ecdhPart]} of a share whose length has been checked. */
    private Opaque[] split(Opaque share, int kemLength) {
        return mlKemFirst
                ? new Opaque[] {share.slice(0, kemLength), share.slice(kemLength, ecdhShareLength)}
                : new Opaque[] {share.slice(ecdhShareLength, kemLength), share.slice(0, ecdhShareLength)};
    }

    /** §3.1.3: the concatenation of the two secrets in the group's order; both inputs are destroyed. */
    private SecretBytes joinSecrets(SecretBytes kemSecret, SecretBytes ecdhSecret) {
        byte[] first = (mlKemFirst ? kemSecret : ecdhSecret).bytes();
        byte[] second = (mlKemFirst ? ecdhSecret : kemSecret).bytes();
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        try {
            return SecretBytes.of(both);
        } finally {
            Arrays.fill(first, (byte) 0);
            Arrays.fill(second, (byte) 0);
            Arrays.fill(both, (byte) 0);
            kemSecret.destroy();
            ecdhSecret.destroy();
        }
    }

    private void requireLength(Opaque share, int length, String what, String kemPart, int kemLength) {
        if (share.length() != length) {
            throw TlsException.local(Violation.INVALID_KEY_SHARE, "draft-ietf-tls-ecdhe-mlkem §3.1: " + group.ianaName()
                    + " " + what + " must be " + length + " bytes (" + mlKem.name() + " " + kemPart + " " + kemLength
                    + " + " + ecdhGroup.ianaName() + " " + ecdhShareLength + "), was " + share.length());
        }
    }

    @Override
    public String toString() {
        return "HybridKem[" + group.ianaName() + "]";
    }

    /** The client's two private keys and the share made of their public halves. */
    private final class ClientKey implements DecapsulationKey {
        private final MlKem.KeyPair kemPair;
        private final KeyExchange ecdh;
        private final Opaque publicKey;

        ClientKey(MlKem.KeyPair kemPair, KeyExchange ecdh, Opaque publicKey) {
            this.kemPair = kemPair;
            this.ecdh = ecdh;
            this.publicKey = publicKey;
        }

        @Override
        public NamedGroup group() {
            return group;
        }

        @Override
        public Opaque publicKey() {
            return publicKey;
        }

        @Override
        public SecretBytes decapsulate(Opaque serverShare) {
            // §3.1.2: "the client MUST check if the ciphertext length matches the selected group, and abort with an
            // illegal_parameter alert if it fails"; the ECDH part gets RFC 8446 §4.2.8.2's checks.
            requireLength(serverShare, serverShareLength(), "server share", "ciphertext", mlKem.ciphertextLength());
            Opaque[] parts = split(serverShare, mlKem.ciphertextLength());
            SecretBytes ecdhSecret = ecdh.sharedSecret(parts[1]);
            return joinSecrets(kemPair.decapsulate(parts[0]), ecdhSecret);
        }

        @Override
        public void destroy() {
            ecdh.destroy();
            kemPair.destroy();
        }

        @Override
        public String toString() {
            return "HybridKem.ClientKey[" + group.ianaName() + ", public=" + publicKey.length() + " bytes, private=[redacted]]";
        }
    }
}
