package dev.tlsworkbook.keyschedule;

import java.util.Optional;

/**
 * The secrets the TLS 1.3 key schedule derives with Derive-Secret (RFC 8446 §7.1): the label the
 * RFC passes to HKDF-Expand-Label (without the "tls13 " prefix), and the name the secret has in
 * an SSLKEYLOGFILE (draft-ietf-tls-keylogfile §2.1) when it is logged at all.
 *
 * @since chapter03
 */
public enum SecretLabel {
    /** binder_key for an external PSK (RFC 8446 §7.1). */
    EXTERNAL_BINDER("ext binder", null),
    /** binder_key for a resumption PSK (RFC 8446 §7.1). */
    RESUMPTION_BINDER("res binder", null),
    /** client_early_traffic_secret (RFC 8446 §7.1). */
    CLIENT_EARLY_TRAFFIC("c e traffic", "CLIENT_EARLY_TRAFFIC_SECRET"),
    /** early_exporter_master_secret (RFC 8446 §7.1). */
    EARLY_EXPORTER_MASTER("e exp master", "EARLY_EXPORTER_SECRET"),
    /** The salt carried to the next stage, Derive-Secret(., "derived", "") (RFC 8446 §7.1). */
    DERIVED("derived", null),
    /** client_handshake_traffic_secret (RFC 8446 §7.1). */
    CLIENT_HANDSHAKE_TRAFFIC("c hs traffic", "CLIENT_HANDSHAKE_TRAFFIC_SECRET"),
    /** server_handshake_traffic_secret (RFC 8446 §7.1). */
    SERVER_HANDSHAKE_TRAFFIC("s hs traffic", "SERVER_HANDSHAKE_TRAFFIC_SECRET"),
    /** client_application_traffic_secret_0 (RFC 8446 §7.1). */
    CLIENT_APPLICATION_TRAFFIC("c ap traffic", "CLIENT_TRAFFIC_SECRET_0"),
    /** server_application_traffic_secret_0 (RFC 8446 §7.1). */
    SERVER_APPLICATION_TRAFFIC("s ap traffic", "SERVER_TRAFFIC_SECRET_0"),
    /** exporter_master_secret (RFC 8446 §7.1). */
    EXPORTER_MASTER("exp master", "EXPORTER_SECRET"),
    /** resumption_master_secret (RFC 8446 §7.1). */
    RESUMPTION_MASTER("res master", null);

    private final String rfcLabel;
    private final String keyLogName;

    SecretLabel(String rfcLabel, String keyLogName) {
        this.rfcLabel = rfcLabel;
        this.keyLogName = keyLogName;
    }

    /** The Label argument of Derive-Secret, e.g. {@code "c hs traffic"}. */
    public String rfcLabel() {
        return rfcLabel;
    }

    /** The SSLKEYLOGFILE label, e.g. {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET}; empty if never logged. */
    public Optional<String> keyLogName() {
        return Optional.ofNullable(keyLogName);
    }
}
