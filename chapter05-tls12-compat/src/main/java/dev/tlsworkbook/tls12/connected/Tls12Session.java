package dev.tlsworkbook.tls12.connected;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.ConstantTime;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.state.HandshakeOutput;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.tls12.message.Tls12Finished;
import dev.tlsworkbook.tls12.prf.Tls12KeyBlock;
import dev.tlsworkbook.tls12.prf.Tls12KeySchedule;
import dev.tlsworkbook.tls12.record.Tls12AeadProtection;

/**
 * The steps both TLS 1.2 sides share once the pre-master secret is known (RFC 5246 §7.4.9, §8.1;
 * RFC 7627 §4): the master secret, its key-log line, the key block, switching one direction's
 * protection at a ChangeCipherSpec, and the Finished messages.
 *
 * @param clientRandom ClientHello.random
 * @param serverRandom ServerHello.random
 * @since chapter05
 */
public record Tls12Session(Tls12KeySchedule schedule, Tls12KeyBlock keys, Opaque clientRandom, Opaque serverRandom) {
    /** RFC NSS key log format: the TLS 1.2 line holds the master secret. */
    public static final String KEY_LOG_LABEL = "CLIENT_RANDOM";

    /**
     * Derives the session from the pre-master secret (the ECDH shared secret, RFC 8422 §5.10) and
     * writes the CLIENT_RANDOM key-log line.
     *
     * @param sessionHash the transcript hash through ClientKeyExchange (RFC 7627 §3), used when
     *     {@code extendedMasterSecret}
     */
    public static Tls12Session derive(CipherSuite suite, SecretBytes preMasterSecret, boolean extendedMasterSecret,
            Opaque sessionHash, Opaque clientRandom, Opaque serverRandom, HandshakeOutput out) {
        Tls12KeySchedule schedule = extendedMasterSecret
                ? Tls12KeySchedule.extended(suite, preMasterSecret, sessionHash)
                : Tls12KeySchedule.legacy(suite, preMasterSecret, clientRandom, serverRandom);
        preMasterSecret.destroy();
        out.keyLog(KEY_LOG_LABEL, clientRandom, schedule.masterSecret());
        return new Tls12Session(schedule, schedule.keyBlock(clientRandom, serverRandom), clientRandom, serverRandom);
    }

    /**
     * The session resumed from a ticket (RFC 5246 §7.3, abbreviated handshake): the original
     * master secret, new keys from the new randoms ("the new connection ... use[s] the same
     * master_secret", §7.4.1.2), and the CLIENT_RANDOM key-log line for the new client random.
     */
    public static Tls12Session resume(CipherSuite suite, SecretBytes masterSecret, Opaque clientRandom, Opaque serverRandom,
            HandshakeOutput out) {
        Tls12KeySchedule schedule = Tls12KeySchedule.fromMasterSecret(suite, masterSecret);
        out.keyLog(KEY_LOG_LABEL, clientRandom, masterSecret);
        return new Tls12Session(schedule, schedule.keyBlock(clientRandom, serverRandom), clientRandom, serverRandom);
    }

    /** RFC 5246 §7.1: after our ChangeCipherSpec, our writes use the pending keys ("application" epoch). */
    public void installWrite(boolean client, HandshakeOutput out) {
        out.installWriteProtection(protection(client), schedule.suite(), "application");
    }

    /** RFC 5246 §7.1: after the peer's ChangeCipherSpec, its records are read with the pending keys. */
    public void installRead(boolean client, HandshakeOutput out) {
        out.installReadProtection(protection(!client), schedule.suite(), "application");
    }

    /** Our Finished over {@code transcript} (RFC 5246 §7.4.9). */
    public Tls12Finished finished(boolean client, Transcript transcript) {
        return new Tls12Finished(schedule.verifyData(client, transcript.currentHash()));
    }

    /**
     * RFC 5246 §7.4.9: "Recipients of Finished messages MUST verify that the contents are correct";
     * compared in constant time; a wrong one is decrypt_error.
     */
    public void checkFinished(boolean fromClient, Transcript transcript, Tls12Finished received) {
        Opaque expected = schedule.verifyData(fromClient, transcript.currentHash());
        if (!ConstantTime.equals(expected, received.verifyData())) {
            throw TlsException.local(Violation.BAD_FINISHED, "RFC 5246 §7.4.9: the "
                    + (fromClient ? "client" : "server") + "'s Finished verify_data does not match the handshake");
        }
    }

    private Tls12AeadProtection protection(boolean clientWrite) {
        return Tls12AeadProtection.of(keys.aead(), clientWrite ? keys.clientWriteKey() : keys.serverWriteKey(),
                clientWrite ? keys.clientWriteIv() : keys.serverWriteIv());
    }
}
