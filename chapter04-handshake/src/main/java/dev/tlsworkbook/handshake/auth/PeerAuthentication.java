package dev.tlsworkbook.handshake.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TrustPolicy} concluded about the peer's Certificate message.
 *
 * @since chapter04
 */
public sealed interface PeerAuthentication {

    /** The peer's end-entity subject (RFC 2253), empty for an anonymous peer. */
    Optional<String> subject();

    /** True only for {@link Trusted}. */
    default boolean isTrusted() {
        return this instanceof Trusted;
    }

    /**
     * The chain was authenticated.
     *
     * @param chain the chain as the peer sent it
     * @param verifiedBy how, e.g. "PKIX path to CN=Example Root, name localhost"
     * @param nameChecked false when the policy was told to skip the host name check
     *     ({@link VerifyPolicy#withoutHostnameCheck()}): the chain is genuine, but for any name
     */
    record Trusted(CertificateChain chain, String verifiedBy, boolean nameChecked) implements PeerAuthentication {
        public Trusted {
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(verifiedBy, "verifiedBy");
        }

        /** Trusted with the name checked (or no name to check: a client certificate). */
        public Trusted(CertificateChain chain, String verifiedBy) {
            this(chain, verifiedBy, true);
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(chain.subject());
        }
    }

    /**
     * The peer sent a certificate (whose key still proves possession in CertificateVerify), but
     * the policy did not authenticate it: the connection is encrypted, not authenticated.
     */
    record Untrusted(CertificateChain chain, String reason) implements PeerAuthentication {
        public Untrusted {
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(chain.subject());
        }
    }

    /** The peer (a client, RFC 8446 §4.4.2.4) sent an empty Certificate message. */
    record Anonymous() implements PeerAuthentication {
        @Override
        public Optional<String> subject() {
            return Optional.empty();
        }
    }
}
