package dev.tlsworkbook.starttls;

import java.util.Locale;

/**
 * How hard an SMTP client insists on TLS and on knowing who answers, with the names and meanings
 * of Postfix's {@code smtp_tls_security_level}. RFC 3207 §6 explains why anything below
 * {@link #ENCRYPT} is open to an active attacker: a man in the middle can delete the STARTTLS
 * line from the server's EHLO reply, and a {@link #MAY} client then sends in plaintext.
 *
 * @since chapter05
 */
public enum SecurityLevel {
    /** Never STARTTLS: plaintext only. */
    NONE,
    /** Opportunistic: TLS when the server offers it, any certificate; plaintext otherwise. */
    MAY,
    /** TLS required, the certificate not checked: protects against passive eavesdroppers only. */
    ENCRYPT,
    /** TLS required; the chain must validate and the certificate must name the MX host we connected to. */
    VERIFY,
    /**
     * TLS required; the chain must validate and the certificate must name the next-hop domain
     * itself or a subdomain of it (Postfix's default match {@code nexthop, dot-nexthop}), never
     * a name learned from the (unauthenticated) MX lookup.
     */
    SECURE,
    /** TLS required; the end-entity certificate must have one of the configured SHA-256 fingerprints, no PKIX. */
    FINGERPRINT;

    /** Whether the client refuses to deliver without TLS. */
    public boolean requiresTls() {
        return this != NONE && this != MAY;
    }

    /** Whether the client checks the certificate before it sends anything. */
    public boolean authenticates() {
        return this == VERIFY || this == SECURE || this == FINGERPRINT;
    }

    /** Parses Postfix's lower-case name ({@code may}, {@code verify} …). */
    public static SecurityLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown security level: " + name
                    + " (none, may, encrypt, verify, secure, fingerprint)", e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
