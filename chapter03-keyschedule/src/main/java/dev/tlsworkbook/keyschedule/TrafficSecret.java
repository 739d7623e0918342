package dev.tlsworkbook.keyschedule;

import dev.tlsworkbook.bytes.ConstantTime;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.util.Objects;
import java.util.Optional;

/**
 * A traffic secret: one direction's early, handshake or application secret (RFC 8446 §7.1).
 * Everything a record layer and a Finished message need comes out of it: the write key and IV
 * (§7.3), the next generation after a KeyUpdate (§7.2), and the Finished MAC (§4.4.4).
 *
 * @since chapter03
 */
public final class TrafficSecret implements DerivedSecret {
    private static final byte[] EMPTY = new byte[0];

    private final SecretLabel label;
    private final HashAlgorithm hash;
    private final SecretBytes secret;
    private final int generation;

    TrafficSecret(SecretLabel label, HashAlgorithm hash, SecretBytes secret, int generation) {
        this.label = Objects.requireNonNull(label);
        this.hash = Objects.requireNonNull(hash);
        this.secret = Objects.requireNonNull(secret);
        this.generation = generation;
    }

    /**
     * A traffic secret known from elsewhere (a key log, a trace), so that its keys can be
     * derived; e.g. to decrypt a recorded connection.
     */
    public static TrafficSecret of(SecretLabel label, HashAlgorithm hash, SecretBytes secret) {
        if (secret.length() != hash.length()) {
            throw new IllegalArgumentException("a " + hash + " traffic secret is " + hash.length() + " bytes");
        }
        return new TrafficSecret(label, hash, secret, 0);
    }

    @Override
    public SecretLabel label() {
        return label;
    }

    @Override
    public HashAlgorithm hash() {
        return hash;
    }

    @Override
    public SecretBytes secret() {
        return secret;
    }

    /** N in application_traffic_secret_N: 0 from the handshake, +1 per KeyUpdate (RFC 8446 §7.2). */
    public int generation() {
        return generation;
    }

    /**
     * The write key and IV for {@code aead} (RFC 8446 §7.3):
     * <pre>
     * [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
     * [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
     * </pre>
     */
    public TrafficKeys keys(AeadAlgorithm aead) {
        return new TrafficKeys(aead,
                Tls13Kdf.expandLabel(hash, secret, "key", EMPTY, aead.keyLength()),
                Tls13Kdf.expandLabel(hash, secret, "iv", EMPTY, aead.ivLength()));
    }

    /**
     * The next generation after a KeyUpdate (RFC 8446 §7.2):
     * {@code application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length)}.
     */
    public TrafficSecret next() {
        return new TrafficSecret(label, hash,
                Tls13Kdf.expandLabel(hash, secret, "traffic upd", EMPTY, hash.length()), generation + 1);
    }

    /** {@code finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)} (RFC 8446 §4.4.4). */
    public SecretBytes finishedKey() {
        return Tls13Kdf.finishedKey(hash, secret);
    }

    /**
     * {@code verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CertificateVerify*))}
     * (RFC 8446 §4.4.4), for the Finished this side sends.
     */
    public Opaque finishedVerifyData(Opaque transcriptHash) {
        return Tls13Kdf.finishedMac(hash, secret, transcriptHash);
    }

    /**
     * Whether a received Finished carries the right verify_data, compared in constant time
     * (RFC 8446 §4.4.4: the recipient MUST verify; a mismatch is {@code decrypt_error}).
     */
    public boolean verifyFinished(Opaque transcriptHash, Opaque receivedVerifyData) {
        return ConstantTime.equals(finishedVerifyData(transcriptHash), receivedVerifyData);
    }

    /** The SSLKEYLOGFILE label of this secret, if it is one that is logged (generation 0 only). */
    public Optional<String> keyLogName() {
        return generation == 0 ? label.keyLogName() : Optional.empty();
    }

    @Override
    public String toString() {
        return "TrafficSecret[" + label + (generation > 0 ? "_" + generation : "") + ", " + hash + ", [redacted]]";
    }
}
