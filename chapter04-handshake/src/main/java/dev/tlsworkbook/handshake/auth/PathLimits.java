package dev.tlsworkbook.handshake.auth;

/**
 * Bounds on the certification path search of the {@link VerifyPolicy verify} policy (GUIDE §11).
 * A peer controls the certificates it sends: with many certificates sharing one subject name, a
 * search that backtracks could try exponentially many paths, each costing signature checks. Like
 * webpki, the search stops at a path length and at a budget of signature checks, and the handshake
 * fails with bad_certificate ({@code CERTIFICATE_PATH_LIMIT}).
 *
 * @param maxIntermediates intermediate CA certificates on one path, between the end-entity
 *     certificate and the trust anchor; default 6 (webpki's limit on sub-CAs)
 * @param maxSignatureChecks signatures verified over the whole search, every path tried included;
 *     default 100 (webpki's budget)
 * @since chapter04
 */
public record PathLimits(int maxIntermediates, int maxSignatureChecks) {
    /** Six intermediates, 100 signature checks. */
    public static final PathLimits DEFAULT = new PathLimits(6, 100);

    public PathLimits {
        if (maxIntermediates < 0 || maxSignatureChecks < 1) {
            throw new IllegalArgumentException("path limits must allow a path: " + maxIntermediates + ", " + maxSignatureChecks);
        }
    }
}
