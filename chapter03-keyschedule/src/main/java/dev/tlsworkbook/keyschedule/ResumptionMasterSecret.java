package dev.tlsworkbook.keyschedule;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;

/**
 * resumption_master_secret (RFC 8446 §7.1), from which every NewSessionTicket's PSK is derived.
 *
 * @since chapter03
 */
public final class ResumptionMasterSecret implements DerivedSecret {
    private final HashAlgorithm hash;
    private final SecretBytes secret;

    ResumptionMasterSecret(HashAlgorithm hash, SecretBytes secret) {
        this.hash = hash;
        this.secret = secret;
    }

    /** A resumption master secret stored with a session, to derive PSKs later. */
    public static ResumptionMasterSecret of(HashAlgorithm hash, SecretBytes secret) {
        if (secret.length() != hash.length()) {
            throw new IllegalArgumentException("a " + hash + " resumption master secret is " + hash.length() + " bytes");
        }
        return new ResumptionMasterSecret(hash, secret);
    }

    @Override
    public SecretLabel label() {
        return SecretLabel.RESUMPTION_MASTER;
    }

    @Override
    public HashAlgorithm hash() {
        return hash;
    }

    @Override
    public SecretBytes secret() {
        return secret;
    }

    /**
     * The PSK of the ticket sent with {@code ticketNonce} (RFC 8446 §4.6.1):
     * {@code HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length)}.
     */
    public SecretBytes psk(Opaque ticketNonce) {
        return Tls13Kdf.expandLabel(hash, secret, "resumption", ticketNonce.bytes(), hash.length());
    }

    @Override
    public String toString() {
        return "ResumptionMasterSecret[" + hash + ", [redacted]]";
    }
}
