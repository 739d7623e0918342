package dev.tlsworkbook.crypto;

import java.util.List;

/**
 * The {@link Kem} of each group TLS 1.3 can negotiate here: the hybrids of
 * draft-ietf-tls-ecdhe-mlkem ({@link HybridKem}) and the Diffie-Hellman groups of
 * {@link KeyExchanges} seen as KEMs ({@link DhKem}).
 *
 * @since chapter03
 */
public final class Kems {
    private static final List<NamedGroup> HYBRIDS =
            List.of(NamedGroup.X25519MLKEM768, NamedGroup.SECP256R1MLKEM768, NamedGroup.SECP384R1MLKEM1024);

    private Kems() {
    }

    /** The hybrid groups, X25519MLKEM768 first (the one browsers offer). */
    public static List<NamedGroup> hybridGroups() {
        return HYBRIDS;
    }

    /** True for every group {@link #of} accepts. */
    public static boolean supports(NamedGroup group) {
        return HYBRIDS.contains(group) || KeyExchanges.supports(group);
    }

    /**
     * The KEM of {@code group}, with fresh key pairs.
     *
     * @throws IllegalArgumentException for a group we do not compute
     */
    public static Kem of(NamedGroup group) {
        return group.kind() == NamedGroup.Kind.HYBRID_KEM ? HybridKem.of(group) : DhKem.of(group);
    }
}
