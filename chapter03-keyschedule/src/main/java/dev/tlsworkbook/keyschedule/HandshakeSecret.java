package dev.tlsworkbook.keyschedule;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;

/**
 * The second stage of the key schedule (RFC 8446 §7.1), reached from
 * {@link EarlySecret#handshakeSecret}: the handshake traffic secrets, then the master secret.
 *
 * @since chapter03
 */
public final class HandshakeSecret {
    private final HashAlgorithm hash;
    private final SecretBytes secret;

    HandshakeSecret(HashAlgorithm hash, SecretBytes secret) {
        this.hash = hash;
        this.secret = secret;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** The Handshake Secret itself. */
    public SecretBytes secret() {
        return secret;
    }

    /**
     * {@code Derive-Secret(., "derived", "")}: the salt of the master secret (RFC 8446 §7.1), exposed so a
     * trace can show it (RFC 8448 prints it as "derive secret for ... \"tls13 derived\"").
     */
    public SecretBytes derivedSecret() {
        return Stages.derivedSalt(hash, secret);
    }

    /** {@code Derive-Secret(., "c hs traffic", ClientHello...ServerHello)} (RFC 8446 §7.1). */
    public TrafficSecret clientHandshakeTrafficSecret(Opaque helloHash) {
        return traffic(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC, helloHash);
    }

    /** {@code Derive-Secret(., "s hs traffic", ClientHello...ServerHello)} (RFC 8446 §7.1). */
    public TrafficSecret serverHandshakeTrafficSecret(Opaque helloHash) {
        return traffic(SecretLabel.SERVER_HANDSHAKE_TRAFFIC, helloHash);
    }

    /** The next stage: {@code Master Secret = HKDF-Extract(Derive-Secret(., "derived", ""), 0)} (RFC 8446 §7.1). */
    public MasterSecret masterSecret() {
        return new MasterSecret(hash, Stages.extractNext(hash, secret, SecretBytes.zeros(hash.length())));
    }

    private TrafficSecret traffic(SecretLabel label, Opaque transcriptHash) {
        return new TrafficSecret(label, hash, Tls13Kdf.deriveSecret(hash, secret, label.rfcLabel(), transcriptHash), 0);
    }

    @Override
    public String toString() {
        return "HandshakeSecret[" + hash + ", [redacted]]";
    }
}
