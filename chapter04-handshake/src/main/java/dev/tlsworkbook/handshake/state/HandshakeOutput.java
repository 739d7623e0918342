package dev.tlsworkbook.handshake.state;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.record.protection.RecordProtection;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.keyschedule.DerivedSecret;
import dev.tlsworkbook.keyschedule.ExporterSecret;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.record.ChangeCipherSpecMode;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Everything a handshake state may do besides computing (GUIDE §6). The engine implements it; a
 * recording implementation lets a state be tested alone.
 *
 * @since chapter04
 */
public interface HandshakeOutput {

    /** Queues a handshake message under the current write keys; returns its exact bytes for the transcript. */
    Opaque send(HandshakeMessage message);

    /** Queues the compatibility change_cipher_spec record (RFC 8446 Appendix D.4). */
    void sendChangeCipherSpec();

    /** Reports a received message (decoded) for the trace. */
    void received(HandshakeMessage message, HandshakeFrame frame);

    /** Reads with keys from {@code secret} from the next record on (RFC 8446 §5.1: on a message boundary). */
    void installReadKeys(CipherSuite suite, TrafficSecret secret, String epoch);

    /** Writes with keys from {@code secret} from the next record on; queued messages go out under the old keys. */
    void installWriteKeys(CipherSuite suite, TrafficSecret secret, String epoch);

    /**
     * Reads with {@code protection} from the next record on (a version's own record protection,
     * e.g. TLS 1.2's, RFC 5246 §6.2.3.3); on a message boundary, like {@link #installReadKeys}.
     */
    void installReadProtection(RecordProtection protection, CipherSuite suite, String epoch);

    /** Writes with {@code protection} from the next record on; queued messages go out under the old protection. */
    void installWriteProtection(RecordProtection protection, CipherSuite suite, String epoch);

    /** Writes one key-log line under {@code label} (e.g. TLS 1.2's {@code CLIENT_RANDOM}) for ClientHello.random. */
    void keyLog(String label, Opaque clientRandom, SecretBytes secret);

    /** Queues a warning alert (e.g. TLS 1.2's no_renegotiation, RFC 5746 §4.4); the connection stays up. */
    void sendWarning(AlertDescription description);

    /** Writes {@code secret} to the configured key log, keyed by ClientHello.random. */
    void keyLog(DerivedSecret secret, Opaque clientRandom);

    /** How change_cipher_spec records are treated from now on (RFC 8446 §5). */
    void changeCipherSpecMode(ChangeCipherSpecMode mode);

    /**
     * Server: the client offered early data we do not accept; skip records that fail to decrypt
     * (or arrive unprotected) up to the configured limit (RFC 8446 §4.2.10).
     */
    void skipEarlyData(boolean skip);

    /** Server: the server_name the client sent (RFC 6066 §3). */
    void serverName(String hostName);

    /**
     * Server: 0-RTT is accepted (RFC 8446 §4.2.10); application data read under the early keys is
     * early data, at most {@code maxEarlyDataSize} bytes of it, kept apart from ordinary data.
     */
    void acceptEarlyData(long maxEarlyDataSize);

    /**
     * Client: writes unprotected again. After a HelloRetryRequest, a client that had switched to
     * its 0-RTT keys sends ClientHello2 in the clear (RFC 8446 §4.1.4, §4.2.10: the early data is
     * abandoned).
     */
    void dropEarlyWriteKeys();

    /** The handshake is complete: what was agreed and who the peer is. */
    void handshakeComplete(HandshakeSummary summary, List<X509Certificate> peerCertificates);

    /**
     * The peer's record_size_limit (RFC 8449 §4): protected records toward it carry at most
     * {@code limit} bytes of TLSInnerPlaintext from now on.
     */
    default void peerRecordSizeLimit(int limit) {
    }

    /**
     * The peer knows our record_size_limit (we sent it and it negotiated the extension): a
     * protected record over it is record_overflow (RFC 8449 §4).
     */
    default void enforceRecordSizeLimit(int limit) {
    }

    /**
     * A version other than TLS 1.3 was chosen: {@code rule} is the RFC section that defines its
     * handshake messages, named from now on when one is refused as too large (GUIDE §11), e.g.
     * TLS 1.2's "RFC 5246 §7.4".
     *
     * @since chapter05
     */
    default void handshakeLengthRule(String rule) {
    }

    /** The exporter master secret of this connection (RFC 8446 §7.5). */
    default void exporterSecret(ExporterSecret secret) {
    }

    /**
     * Post-handshake authentication (RFC 8446 §4.6.2) completed: who the client is now. Only a
     * server reports this, after a verified Certificate, CertificateVerify and Finished.
     */
    default void peerAuthenticated(TrustStatus trust, Optional<String> subject, List<X509Certificate> certificates) {
    }
}
