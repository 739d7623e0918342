package dev.tlsworkbook.keyschedule;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.Hkdf;
import java.util.Objects;

/**
 * The first stage of the TLS 1.3 key schedule, and the way in to the others. Each stage is its
 * own type and offers only the derivations that are legal once its input is known, so code
 * cannot ask for an application secret before the (EC)DHE secret has gone in.
 *
 * <p>RFC 8446 §7.1, with the method that computes each box ("0" is Hash.length zero bytes):
 *
 * <pre>
 *              0
 *              |
 *              v
 *    PSK -&gt;  HKDF-Extract = Early Secret                  {@link #withoutPsk} / {@link #fromPsk}
 *              |
 *              +-----&gt; Derive-Secret(., "ext binder" | "res binder", "")
 *              |                     = binder_key            {@link #binderKey}, {@link #binder}
 *              |
 *              +-----&gt; Derive-Secret(., "c e traffic", ClientHello)
 *              |                     = client_early_traffic_secret   {@link #clientEarlyTrafficSecret}
 *              |
 *              +-----&gt; Derive-Secret(., "e exp master", ClientHello)
 *              |                     = early_exporter_master_secret  {@link #earlyExporterMasterSecret}
 *              v
 *        Derive-Secret(., "derived", "")
 *              |
 *              v
 *    (EC)DHE -&gt; HKDF-Extract = Handshake Secret           {@link #handshakeSecret}
 *              |
 *              +-----&gt; Derive-Secret(., "c hs traffic", ClientHello...ServerHello)
 *              |                     = client_handshake_traffic_secret
 *              |                                  {@link HandshakeSecret#clientHandshakeTrafficSecret}
 *              +-----&gt; Derive-Secret(., "s hs traffic", ClientHello...ServerHello)
 *              |                     = server_handshake_traffic_secret
 *              v                                  {@link HandshakeSecret#serverHandshakeTrafficSecret}
 *        Derive-Secret(., "derived", "")
 *              |
 *              v
 *    0 -&gt; HKDF-Extract = Master Secret                    {@link HandshakeSecret#masterSecret}
 *              |
 *              +-----&gt; Derive-Secret(., "c ap traffic", ClientHello...server Finished)
 *              |                     = client_application_traffic_secret_0
 *              |                                  {@link MasterSecret#clientApplicationTrafficSecret}
 *              +-----&gt; Derive-Secret(., "s ap traffic", ClientHello...server Finished)
 *              |                     = server_application_traffic_secret_0
 *              |                                  {@link MasterSecret#serverApplicationTrafficSecret}
 *              +-----&gt; Derive-Secret(., "exp master", ClientHello...server Finished)
 *              |                     = exporter_master_secret {@link MasterSecret#exporterMasterSecret}
 *              |
 *              +-----&gt; Derive-Secret(., "res master", ClientHello...client Finished)
 *                                    = resumption_master_secret {@link MasterSecret#resumptionMasterSecret}
 * </pre>
 *
 * Transcript hashes come from {@link Transcript}; traffic keys, KeyUpdate and Finished from
 * {@link TrafficSecret}; the resumption PSK from {@link ResumptionMasterSecret}.
 *
 * @since chapter03
 */
public final class EarlySecret {
    /** Which kind of PSK a binder is for: the binder key label differs (RFC 8446 §7.1). */
    public enum PskKind {
        /** A PSK provisioned out of band: "ext binder". */
        EXTERNAL(SecretLabel.EXTERNAL_BINDER),
        /** A PSK from a NewSessionTicket: "res binder". */
        RESUMPTION(SecretLabel.RESUMPTION_BINDER);

        private final SecretLabel label;

        PskKind(SecretLabel label) {
            this.label = label;
        }
    }

    private final HashAlgorithm hash;
    private final SecretBytes secret;

    private EarlySecret(HashAlgorithm hash, SecretBytes secret) {
        this.hash = hash;
        this.secret = secret;
    }

    /** The early secret of a handshake without PSK: HKDF-Extract(0, 0) (RFC 8446 §7.1). */
    public static EarlySecret withoutPsk(HashAlgorithm hash) {
        return fromPsk(hash, SecretBytes.zeros(hash.length()));
    }

    /** HKDF-Extract(0, PSK) (RFC 8446 §7.1). */
    public static EarlySecret fromPsk(HashAlgorithm hash, SecretBytes psk) {
        Objects.requireNonNull(psk, "psk");
        return new EarlySecret(hash, Hkdf.of(hash).extract(new byte[0], psk));
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** The Early Secret itself. */
    public SecretBytes secret() {
        return secret;
    }

    /**
     * {@code Derive-Secret(., "derived", "")}: the salt of the handshake secret (RFC 8446 §7.1), exposed so a
     * trace can show it (RFC 8448 prints it as "derive secret for ... \"tls13 derived\"").
     */
    public SecretBytes derivedSecret() {
        return Stages.derivedSalt(hash, secret);
    }

    /** {@code binder_key = Derive-Secret(Early Secret, "ext binder" | "res binder", "")} (RFC 8446 §7.1). */
    public SecretBytes binderKey(PskKind kind) {
        return Tls13Kdf.deriveSecret(hash, secret, kind.label.rfcLabel(), Tls13Kdf.emptyHash(hash));
    }

    /**
     * A PSK binder: computed "in the same way as the Finished message" with the binder key as
     * base key, over the hash of the ClientHello truncated before the binders list (RFC 8446
     * §4.2.11.2).
     */
    public Opaque binder(PskKind kind, Opaque truncatedClientHelloHash) {
        SecretBytes binderKey = binderKey(kind);
        try {
            return Tls13Kdf.finishedMac(hash, binderKey, truncatedClientHelloHash);
        } finally {
            binderKey.destroy();
        }
    }

    /** {@code client_early_traffic_secret = Derive-Secret(., "c e traffic", ClientHello)} (RFC 8446 §7.1). */
    public TrafficSecret clientEarlyTrafficSecret(Opaque clientHelloHash) {
        return new TrafficSecret(SecretLabel.CLIENT_EARLY_TRAFFIC, hash, derive(SecretLabel.CLIENT_EARLY_TRAFFIC, clientHelloHash), 0);
    }

    /** {@code early_exporter_master_secret = Derive-Secret(., "e exp master", ClientHello)} (RFC 8446 §7.1). */
    public ExporterSecret earlyExporterMasterSecret(Opaque clientHelloHash) {
        return new ExporterSecret(SecretLabel.EARLY_EXPORTER_MASTER, hash, derive(SecretLabel.EARLY_EXPORTER_MASTER, clientHelloHash));
    }

    /**
     * The next stage: {@code Handshake Secret = HKDF-Extract(Derive-Secret(., "derived", ""), (EC)DHE)}
     * (RFC 8446 §7.1), with the shared secret from {@link dev.tlsworkbook.crypto.KeyExchange}.
     */
    public HandshakeSecret handshakeSecret(SecretBytes sharedSecret) {
        Objects.requireNonNull(sharedSecret, "sharedSecret");
        return new HandshakeSecret(hash, Stages.extractNext(hash, secret, sharedSecret));
    }

    private SecretBytes derive(SecretLabel label, Opaque transcriptHash) {
        return Tls13Kdf.deriveSecret(hash, secret, label.rfcLabel(), transcriptHash);
    }

    @Override
    public String toString() {
        return "EarlySecret[" + hash + ", [redacted]]";
    }
}
