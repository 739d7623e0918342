package dev.tlsworkbook.negotiation;

/**
 * TLS_FALLBACK_SCSV (RFC 7507 §2): a signalling cipher suite value that a client adds when it
 * retries a handshake with a lower version than it supports, after a failure; a server that
 * supports a higher version than the client then offers answers inappropriate_fallback (§3). It
 * predates the RFC 8446 sentinels and guards clients that do their own fallback.
 *
 * @since chapter05
 */
public final class FallbackScsv {
    /** RFC 7507 §2: TLS_FALLBACK_SCSV {0x56, 0x00}. */
    public static final int CODE = dev.tlsworkbook.crypto.CipherSuite.TLS_FALLBACK_SCSV.code();

    private FallbackScsv() {
    }
}
