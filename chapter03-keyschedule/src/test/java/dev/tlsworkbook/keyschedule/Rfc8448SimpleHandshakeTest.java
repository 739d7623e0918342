package dev.tlsworkbook.keyschedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.KeyExchange;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.keyschedule.trace.Rfc8448Trace;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.TrafficKeys;
import dev.tlsworkbook.wire.WireReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §3 "Simple 1-RTT Handshake", byte for byte: the ECDHE shared secret from the RFC's
 * private keys, the transcript hashes from the RFC's message bytes, and every secret, key, IV
 * and Finished value the RFC prints for TLS_AES_128_GCM_SHA256.
 */
class Rfc8448SimpleHandshakeTest {
    private static final int SECTION = 3;
    private static final HashAlgorithm SHA256 = HashAlgorithm.SHA256;
    private static Rfc8448Trace rfc;

    @BeforeAll
    static void loadRfc() {
        rfc = Rfc8448Trace.load();
    }

    private static Opaque value(String step, String name) {
        return rfc.step(SECTION, step).value(name);
    }

    private static Opaque message(String party, String name) {
        String article = "AEIOU".indexOf(name.charAt(0)) >= 0 ? " an " : " a ";
        return value(party + " construct" + article + name + " handshake message", name);
    }

    private static void assertSecret(Opaque expected, SecretBytes actual) {
        assertEquals(expected.hex(), actual.hex());
    }

    // ---- the transcript at each point of the handshake (RFC 8446 §4.4.1) ----

    private static Transcript hello() {
        return Transcript.of(SHA256).add(message("{client}", "ClientHello")).add(message("{server}", "ServerHello"));
    }

    private static Transcript throughCertificateVerify() {
        return hello().add(message("{server}", "EncryptedExtensions")).add(message("{server}", "Certificate"))
                .add(message("{server}", "CertificateVerify"));
    }

    private static Transcript throughServerFinished() {
        return throughCertificateVerify().add(message("{server}", "Finished"));
    }

    private static Transcript throughClientFinished() {
        return throughServerFinished().add(message("{client}", "Finished"));
    }

    private static SecretBytes sharedSecret() {
        KeyExchange client = KeyExchanges.fromPrivateKey(NamedGroup.X25519,
                SecretBytes.of(value("{client} create an ephemeral x25519 key pair", "private key").bytes()));
        return client.sharedSecret(value("{server} create an ephemeral x25519 key pair", "public key"));
    }

    private static HandshakeSecret handshakeSecret() {
        return EarlySecret.withoutPsk(SHA256).handshakeSecret(sharedSecret());
    }

    private static MasterSecret masterSecret() {
        return handshakeSecret().masterSecret();
    }

    @Test
    void ephemeralX25519KeysMatchTheRfcPublicKeys() {
        for (String party : new String[] {"{client}", "{server}"}) {
            var step = rfc.step(SECTION, party + " create an ephemeral x25519 key pair");
            KeyExchange kx = KeyExchanges.fromPrivateKey(NamedGroup.X25519, SecretBytes.of(step.value("private key").bytes()));
            assertEquals(step.value("public key"), kx.publicKey());
        }
    }

    @Test
    void bothSidesComputeTheSharedSecretTheRfcExtractsAsHandshakeIkm() {
        Opaque ikm = value("{server} extract secret \"handshake\"", "IKM");
        KeyExchange server = KeyExchanges.fromPrivateKey(NamedGroup.X25519,
                SecretBytes.of(value("{server} create an ephemeral x25519 key pair", "private key").bytes()));
        assertSecret(ikm, sharedSecret());
        assertSecret(ikm, server.sharedSecret(value("{client} create an ephemeral x25519 key pair", "public key")));
    }

    @Test
    void earlySecretWithoutPskMatches() {
        assertSecret(value("{server} extract secret \"early\"", "secret"), EarlySecret.withoutPsk(SHA256).secret());
    }

    @Test
    void derivedSaltsMatch() {
        assertSecret(value("{server} derive secret for handshake \"tls13 derived\"", "expanded"),
                EarlySecret.withoutPsk(SHA256).derivedSecret());
        assertSecret(value("{server} derive secret for master \"tls13 derived\"", "expanded"),
                handshakeSecret().derivedSecret());
    }

    @Test
    void handshakeSecretMatches() {
        assertSecret(value("{server} extract secret \"handshake\"", "secret"), handshakeSecret().secret());
    }

    @Test
    void helloTranscriptHashMatchesTheHashTheRfcDerivesHandshakeSecretsFrom() {
        assertEquals(value("{server} derive secret \"tls13 c hs traffic\"", "hash"), hello().currentHash());
    }

    @Test
    void handshakeTrafficSecretsMatch() {
        Opaque hash = hello().currentHash();
        assertSecret(value("{server} derive secret \"tls13 c hs traffic\"", "expanded"),
                handshakeSecret().clientHandshakeTrafficSecret(hash).secret());
        assertSecret(value("{server} derive secret \"tls13 s hs traffic\"", "expanded"),
                handshakeSecret().serverHandshakeTrafficSecret(hash).secret());
    }

    @Test
    void masterSecretMatches() {
        assertSecret(value("{server} extract secret \"master\"", "secret"), masterSecret().secret());
    }

    @Test
    void handshakeTrafficKeysMatch() {
        Opaque hash = hello().currentHash();
        assertKeys("{server} derive write traffic keys for handshake data",
                handshakeSecret().serverHandshakeTrafficSecret(hash).keys(AeadAlgorithm.AES_128_GCM));
        assertKeys("{server} derive read traffic keys for handshake data",
                handshakeSecret().clientHandshakeTrafficSecret(hash).keys(AeadAlgorithm.AES_128_GCM));
    }

    @Test
    void serverFinishedKeyAndVerifyDataMatch() {
        TrafficSecret server = handshakeSecret().serverHandshakeTrafficSecret(hello().currentHash());
        var step = rfc.step(SECTION, "{server} calculate finished \"tls13 finished\"");
        assertSecret(step.value("expanded"), server.finishedKey());
        Opaque verifyData = server.finishedVerifyData(throughCertificateVerify().currentHash());
        assertEquals(step.value("finished"), verifyData);
        // the Finished message the RFC sends is the 4-byte header and exactly this verify_data
        assertEquals(message("{server}", "Finished").slice(4, 32), verifyData);
    }

    @Test
    void serverFinishedVerifiesAndAFlippedBitDoesNot() {
        TrafficSecret server = handshakeSecret().serverHandshakeTrafficSecret(hello().currentHash());
        Opaque hash = throughCertificateVerify().currentHash();
        Opaque good = value("{server} calculate finished \"tls13 finished\"", "finished");
        byte[] bad = good.bytes();
        bad[31] ^= 1;
        assertTrue(server.verifyFinished(hash, good));
        assertFalse(server.verifyFinished(hash, Opaque.of(bad)));
        assertFalse(server.verifyFinished(hash, good.slice(0, 31)));
    }

    @Test
    void applicationTrafficAndExporterSecretsMatch() {
        Opaque hash = throughServerFinished().currentHash();
        assertEquals(value("{server} derive secret \"tls13 c ap traffic\"", "hash"), hash);
        assertSecret(value("{server} derive secret \"tls13 c ap traffic\"", "expanded"),
                masterSecret().clientApplicationTrafficSecret(hash).secret());
        assertSecret(value("{server} derive secret \"tls13 s ap traffic\"", "expanded"),
                masterSecret().serverApplicationTrafficSecret(hash).secret());
        assertSecret(value("{server} derive secret \"tls13 exp master\"", "expanded"),
                masterSecret().exporterMasterSecret(hash).secret());
    }

    @Test
    void applicationTrafficKeysMatch() {
        Opaque hash = throughServerFinished().currentHash();
        assertKeys("{server} derive write traffic keys for application data",
                masterSecret().serverApplicationTrafficSecret(hash).keys(AeadAlgorithm.AES_128_GCM));
        assertKeys("{client} derive write traffic keys for application data",
                masterSecret().clientApplicationTrafficSecret(hash).keys(AeadAlgorithm.AES_128_GCM));
    }

    @Test
    void clientFinishedMatches() {
        TrafficSecret client = handshakeSecret().clientHandshakeTrafficSecret(hello().currentHash());
        var step = rfc.step(SECTION, "{client} calculate finished \"tls13 finished\"");
        assertSecret(step.value("expanded"), client.finishedKey());
        assertEquals(step.value("finished"), client.finishedVerifyData(throughServerFinished().currentHash()));
    }

    @Test
    void resumptionMasterSecretAndTicketPskMatch() {
        var resMaster = rfc.step(SECTION, "{client} derive secret \"tls13 res master\"");
        Opaque hash = throughClientFinished().currentHash();
        assertEquals(resMaster.value("hash"), hash);
        ResumptionMasterSecret rms = masterSecret().resumptionMasterSecret(hash);
        assertSecret(resMaster.value("expanded"), rms.secret());

        // RFC 8446 §4.6.1: the PSK is derived from the ticket_nonce of the NewSessionTicket sent
        WireReader ticket = WireReader.of(message("{server}", "NewSessionTicket"));
        ticket.skip(4 + 4 + 4); // header, ticket_lifetime, ticket_age_add
        Opaque nonce = ticket.opaque8(0, 255);
        var resumption = rfc.step(SECTION, "{server} generate resumption secret \"tls13 resumption\"");
        assertEquals(resumption.value("hash"), nonce);
        assertSecret(resumption.value("expanded"), rms.psk(nonce));
    }

    private static void assertKeys(String step, TrafficKeys keys) {
        var s = rfc.step(SECTION, step);
        assertSecret(s.value("key expanded"), keys.key());
        assertSecret(s.value("iv expanded"), keys.iv());
    }
}
