package dev.tlsworkbook.keyschedule;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;

/**
 * The last stage of the key schedule (RFC 8446 §7.1), reached from
 * {@link HandshakeSecret#masterSecret}: application traffic, exporter and resumption secrets.
 *
 * @since chapter03
 */
public final class MasterSecret {
    private final HashAlgorithm hash;
    private final SecretBytes secret;

    MasterSecret(HashAlgorithm hash, SecretBytes secret) {
        this.hash = hash;
        this.secret = secret;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** The Master Secret itself. */
    public SecretBytes secret() {
        return secret;
    }

    /** {@code client_application_traffic_secret_0 = Derive-Secret(., "c ap traffic", ClientHello...server Finished)}. */
    public TrafficSecret clientApplicationTrafficSecret(Opaque serverFinishedHash) {
        return new TrafficSecret(SecretLabel.CLIENT_APPLICATION_TRAFFIC, hash, derive(SecretLabel.CLIENT_APPLICATION_TRAFFIC, serverFinishedHash), 0);
    }

    /** {@code server_application_traffic_secret_0 = Derive-Secret(., "s ap traffic", ClientHello...server Finished)}. */
    public TrafficSecret serverApplicationTrafficSecret(Opaque serverFinishedHash) {
        return new TrafficSecret(SecretLabel.SERVER_APPLICATION_TRAFFIC, hash, derive(SecretLabel.SERVER_APPLICATION_TRAFFIC, serverFinishedHash), 0);
    }

    /** {@code exporter_master_secret = Derive-Secret(., "exp master", ClientHello...server Finished)}. */
    public ExporterSecret exporterMasterSecret(Opaque serverFinishedHash) {
        return new ExporterSecret(SecretLabel.EXPORTER_MASTER, hash, derive(SecretLabel.EXPORTER_MASTER, serverFinishedHash));
    }

    /** {@code resumption_master_secret = Derive-Secret(., "res master", ClientHello...client Finished)}. */
    public ResumptionMasterSecret resumptionMasterSecret(Opaque clientFinishedHash) {
        return new ResumptionMasterSecret(hash, derive(SecretLabel.RESUMPTION_MASTER, clientFinishedHash));
    }

    private SecretBytes derive(SecretLabel label, Opaque transcriptHash) {
        return Tls13Kdf.deriveSecret(hash, secret, label.rfcLabel(), transcriptHash);
    }

    @Override
    public String toString() {
        return "MasterSecret[" + hash + ", [redacted]]";
    }
}
