package dev.tlsworkbook.handshake.state;

import dev.tlsworkbook.handshake.auth.PeerAuthentication;

/**
 * How far the peer was authenticated, as the summary line prints it.
 *
 * @since chapter04
 */
public enum TrustStatus {
    /** The trust policy authenticated the peer's chain (and CertificateVerify proved the key). */
    TRUSTED("Trusted"),
    /**
     * The chain leads to a trusted CA but the server's name was not checked, because the client
     * chose so explicitly ({@code VerifyPolicy.withoutHostnameCheck()}): any holder of a
     * certificate from that CA could be on the other end. The summary line says so.
     */
    TRUSTED_NAME_NOT_CHECKED("Trusted-name-NOT-checked"),
    /** The peer proved its key, but the policy did not vouch for the chain (opportunistic). */
    UNTRUSTED("Untrusted"),
    /** The peer sent no certificate (a client without one, RFC 8446 §4.4.2.4). */
    ANONYMOUS("Anonymous");

    private final String label;

    TrustStatus(String label) {
        this.label = label;
    }

    /** The status a {@link PeerAuthentication} result stands for. */
    public static TrustStatus of(PeerAuthentication authentication) {
        if (authentication instanceof PeerAuthentication.Trusted trusted) {
            return trusted.nameChecked() ? TRUSTED : TRUSTED_NAME_NOT_CHECKED;
        }
        return authentication instanceof PeerAuthentication.Untrusted ? UNTRUSTED : ANONYMOUS;
    }

    @Override
    public String toString() {
        return label;
    }
}
