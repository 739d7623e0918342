package dev.tlsworkbook.handshake.auth;

import java.util.Optional;

/**
 * Opportunistic TLS (RFC 7435 style, Postfix's {@code may}): encrypt with whoever answers and
 * never call the result authenticated. The certificate's key must still be usable, because
 * CertificateVerify is checked with it. Never the default.
 *
 * @since chapter04
 */
public record OpportunisticPolicy() implements TrustPolicy {

    @Override
    public PeerAuthentication evaluate(CertificateChain chain, Optional<String> reference, Side peer) {
        ChainChecks.requireUsableKey(chain);
        return new PeerAuthentication.Untrusted(chain, "opportunistic policy: encrypted, peer not authenticated");
    }
}
