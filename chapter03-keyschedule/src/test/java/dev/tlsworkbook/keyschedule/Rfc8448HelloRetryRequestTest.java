package dev.tlsworkbook.keyschedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.KeyExchange;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.keyschedule.trace.Rfc8448Trace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §5 "HelloRetryRequest": the transcript in which ClientHello1 is replaced by the
 * synthetic message_hash message (RFC 8446 §4.4.1), and the secp256r1 exchange of the retried
 * handshake.
 */
class Rfc8448HelloRetryRequestTest {
    private static final int SECTION = 5;
    private static final HashAlgorithm SHA256 = HashAlgorithm.SHA256;
    private static Rfc8448Trace rfc;

    @BeforeAll
    static void loadRfc() {
        rfc = Rfc8448Trace.load();
    }

    private static Opaque value(String step, String name, int occurrence) {
        return rfc.step(SECTION, step, occurrence).value(name);
    }

    private static Opaque clientHello(int n) {
        return value("{client} construct a ClientHello handshake message", "ClientHello", n);
    }

    /** The RFC labels the HelloRetryRequest "ServerHello" (same handshake type); it is the first. */
    private static Opaque serverHello(int n) {
        return value("{server} construct a ServerHello handshake message", "ServerHello", n);
    }

    private static SecretBytes p256SharedSecret() {
        KeyExchange client = KeyExchanges.fromPrivateKey(NamedGroup.SECP256R1,
                SecretBytes.of(value("{client} create an ephemeral P-256 key pair", "private key", 0).bytes()));
        return client.sharedSecret(value("{server} create an ephemeral P-256 key pair", "public key", 0));
    }

    @Test
    void p256KeyPairsMatchTheRfcPublicKeys() {
        for (String party : new String[] {"{client}", "{server}"}) {
            var step = rfc.step(SECTION, party + " create an ephemeral P-256 key pair");
            KeyExchange kx = KeyExchanges.fromPrivateKey(NamedGroup.SECP256R1, SecretBytes.of(step.value("private key").bytes()));
            assertEquals(step.value("public key"), kx.publicKey());
        }
    }

    @Test
    void bothSidesComputeTheP256SharedSecretTheRfcExtracts() {
        Opaque ikm = value("{server} extract secret \"handshake\"", "IKM", 0);
        KeyExchange server = KeyExchanges.fromPrivateKey(NamedGroup.SECP256R1,
                SecretBytes.of(value("{server} create an ephemeral P-256 key pair", "private key", 0).bytes()));
        assertEquals(ikm.hex(), p256SharedSecret().hex());
        assertEquals(ikm.hex(), server.sharedSecret(value("{client} create an ephemeral P-256 key pair", "public key", 0)).hex());
    }

    @Test
    void messageHashIsType254WithTheHashLengthAndHashOfClientHello1() {
        Opaque ch1Hash = Opaque.of(SHA256.digest(clientHello(0).bytes()));
        Opaque synthetic = Transcript.messageHash(SHA256, ch1Hash);
        assertEquals(Opaque.fromHex("fe000020").concat(ch1Hash), synthetic);
        assertEquals(Transcript.of(SHA256).add(synthetic).currentHash(),
                Transcript.of(SHA256).add(clientHello(0)).replaceClientHelloWithMessageHash().currentHash());
    }

    @Test
    void transcriptAfterRetryGivesTheHashTheRfcDerivesHandshakeSecretsFrom() {
        Opaque hash = Transcript.of(SHA256).add(clientHello(0))
                .replaceClientHelloWithMessageHash()
                .add(serverHello(0))      // HelloRetryRequest
                .add(clientHello(1))
                .add(serverHello(1))
                .currentHash();
        assertEquals(value("{server} derive secret \"tls13 c hs traffic\"", "hash", 0), hash);

        // keeping ClientHello1 itself gives a different hash: the replacement is what the RFC hashes
        Opaque naive = Transcript.of(SHA256).add(clientHello(0)).add(serverHello(0)).add(clientHello(1))
                .add(serverHello(1)).currentHash();
        assertNotEquals(hash, naive);
    }

    @Test
    void handshakeAndMasterSecretsOfTheRetriedHandshakeMatch() {
        HandshakeSecret hs = EarlySecret.withoutPsk(SHA256).handshakeSecret(p256SharedSecret());
        assertEquals(value("{server} extract secret \"handshake\"", "secret", 0).hex(), hs.secret().hex());
        Opaque hash = Transcript.of(SHA256).add(clientHello(0)).replaceClientHelloWithMessageHash()
                .add(serverHello(0)).add(clientHello(1)).add(serverHello(1)).currentHash();
        assertEquals(value("{server} derive secret \"tls13 c hs traffic\"", "expanded", 0).hex(),
                hs.clientHandshakeTrafficSecret(hash).secret().hex());
        assertEquals(value("{server} derive secret \"tls13 s hs traffic\"", "expanded", 0).hex(),
                hs.serverHandshakeTrafficSecret(hash).secret().hex());
        assertEquals(value("{server} extract secret \"master\"", "secret", 0).hex(), hs.masterSecret().secret().hex());
    }
}
