package dev.tlsworkbook.negotiation;

/**
 * What a TLS 1.2 registration adds to the configuration, beside the suites, groups and
 * certificates all versions share.
 *
 * @param requireExtendedMasterSecret refuse peers that do not negotiate RFC 7627's
 *     extended_master_secret (off by default, as in rustls and Go: EMS is always offered and used
 *     when the peer offers it)
 * @param fallback client: add TLS_FALLBACK_SCSV (RFC 7507), for an application that retries with
 *     TLS 1.2 only after a failed attempt with a higher version
 * @since chapter05
 */
public record Tls12Options(boolean requireExtendedMasterSecret, boolean fallback) {
    /** The defaults. */
    public static final Tls12Options DEFAULTS = new Tls12Options(false, false);
}
