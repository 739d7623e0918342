package dev.tlsworkbook.handshake.auth;

/**
 * Whether a server asks for a client certificate (RFC 8446 §4.3.2) and what it does without one
 * (§4.4.2.4), as {@code openssl s_server -verify} / {@code -Verify} and Postfix's
 * {@code smtpd_tls_ask_ccert} / {@code smtpd_tls_req_ccert} choose. The same modes serve TLS 1.2.
 *
 * @since chapter04
 */
public enum ClientAuthMode {
    /** No CertificateRequest: every client is anonymous. */
    NONE,
    /** CertificateRequest; a client may answer with an empty Certificate and stays anonymous. */
    OPTIONAL,
    /**
     * CertificateRequest; an empty Certificate is refused with certificate_required (RFC 8446
     * §4.4.2.4), in TLS 1.2 with handshake_failure (RFC 5246 §7.4.6).
     */
    REQUIRED;

    /** True when the server sends a CertificateRequest. */
    public boolean requests() {
        return this != NONE;
    }
}
