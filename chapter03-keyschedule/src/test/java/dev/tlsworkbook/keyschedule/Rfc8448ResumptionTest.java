package dev.tlsworkbook.keyschedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.keyschedule.EarlySecret.PskKind;
import dev.tlsworkbook.keyschedule.trace.Rfc8448Trace;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.TrafficKeys;
import dev.tlsworkbook.wire.WireWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §4 "Resumed 0-RTT Handshake": the PSK from §3's ticket, the binder over the truncated
 * ClientHello, the early traffic secrets, and the PSK+ECDHE handshake secrets.
 */
class Rfc8448ResumptionTest {
    private static final int SECTION = 4;
    private static final HashAlgorithm SHA256 = HashAlgorithm.SHA256;
    private static Rfc8448Trace rfc;

    @BeforeAll
    static void loadRfc() {
        rfc = Rfc8448Trace.load();
    }

    private static Opaque value(String step, String name) {
        return rfc.step(SECTION, step).value(name);
    }

    private static void assertSecret(Opaque expected, SecretBytes actual) {
        assertEquals(expected.hex(), actual.hex());
    }

    /** The PSK as §3 derived it from its resumption master secret and ticket nonce 00 00. */
    private static SecretBytes psk() {
        Opaque rms = rfc.step(3, "{client} derive secret \"tls13 res master\"").value("expanded");
        return ResumptionMasterSecret.of(SHA256, SecretBytes.of(rms.bytes())).psk(Opaque.fromHex("0000"));
    }

    private static Opaque fullClientHello() {
        return value("{client} send handshake record", "payload");
    }

    @Test
    void pskFromTheFirstConnectionsTicketIsTheEarlySecretIkm() {
        assertSecret(value("{client} extract secret \"early\"", "IKM"), psk());
    }

    @Test
    void earlySecretFromPskMatches() {
        assertSecret(value("{client} extract secret \"early\"", "secret"), EarlySecret.fromPsk(SHA256, psk()).secret());
    }

    @Test
    void binderKeyAndBinderOverTheTruncatedClientHelloMatch() {
        var step = rfc.step(SECTION, "{client} calculate PSK binder");
        Opaque truncated = step.value("ClientHello prefix");
        Opaque truncatedHash = Transcript.of(SHA256).hashWithTruncatedClientHello(truncated);
        assertEquals(step.value("binder hash"), truncatedHash);

        EarlySecret early = EarlySecret.fromPsk(SHA256, psk());
        assertSecret(step.value("PRK"), early.binderKey(PskKind.RESUMPTION));
        Opaque binder = early.binder(PskKind.RESUMPTION, truncatedHash);
        assertEquals(step.value("finished"), binder);

        // RFC 8446 §4.2.11.2: the ClientHello sent is the prefix followed by the binders list
        Opaque binders = new WireWriter().prefixed16(list -> list.opaque8(binder)).toOpaque();
        assertEquals(fullClientHello(), truncated.concat(binders));
    }

    @Test
    void clientEarlyTrafficSecretKeysAndEarlyExporterMatch() {
        EarlySecret early = EarlySecret.fromPsk(SHA256, psk());
        Opaque chHash = Transcript.of(SHA256).add(fullClientHello()).currentHash();
        assertEquals(value("{client} derive secret \"tls13 c e traffic\"", "hash"), chHash);

        TrafficSecret cet = early.clientEarlyTrafficSecret(chHash);
        assertSecret(value("{client} derive secret \"tls13 c e traffic\"", "expanded"), cet.secret());
        assertSecret(value("{client} derive secret \"tls13 e exp master\"", "expanded"),
                early.earlyExporterMasterSecret(chHash).secret());

        TrafficKeys keys = cet.keys(AeadAlgorithm.AES_128_GCM);
        var step = rfc.step(SECTION, "{client} derive write traffic keys for early application data");
        assertSecret(step.value("key expanded"), keys.key());
        assertSecret(step.value("iv expanded"), keys.iv());
    }

    @Test
    void pskPlusEcdheHandshakeAndApplicationSecretsMatch() {
        SecretBytes shared = KeyExchanges.fromPrivateKey(NamedGroup.X25519,
                        SecretBytes.of(value("{server} create an ephemeral x25519 key pair", "private key").bytes()))
                .sharedSecret(value("{client} create an ephemeral x25519 key pair", "public key"));
        assertSecret(value("{server} extract secret \"handshake\"", "IKM"), shared);

        HandshakeSecret hs = EarlySecret.fromPsk(SHA256, psk()).handshakeSecret(shared);
        assertSecret(value("{server} extract secret \"handshake\"", "secret"), hs.secret());

        Opaque helloHash = Transcript.of(SHA256).add(fullClientHello())
                .add(value("{server} construct a ServerHello handshake message", "ServerHello")).currentHash();
        assertSecret(value("{server} derive secret \"tls13 c hs traffic\"", "expanded"),
                hs.clientHandshakeTrafficSecret(helloHash).secret());
        assertSecret(value("{server} derive secret \"tls13 s hs traffic\"", "expanded"),
                hs.serverHandshakeTrafficSecret(helloHash).secret());
        assertSecret(value("{server} extract secret \"master\"", "secret"), hs.masterSecret().secret());
    }
}
