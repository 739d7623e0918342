package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.KeyExchanges;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.CertificateChain;
import dev.tlsworkbook.handshake.auth.CertificateVerifySignature;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.message.EncryptedExtensions;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.Rfc8448;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §3 replayed on our server: the trace's ClientHello goes into {@link TlsEngine#server}
 * configured with the trace's server randomness (ServerHello.random, the x25519 private key),
 * the trace's RSA certificate and key (RFC 8448 §2) and the groups the trace's server announces
 * in EncryptedExtensions ({@link TlsConfig.Builder#announcedGroups}, RFC 8446 §4.2.7).
 *
 * <p>What matches byte for byte: the ServerHello, the handshake traffic secrets and keys, the
 * EncryptedExtensions and the Certificate. What cannot, and why (each asserted below):
 * <ul>
 *   <li>CertificateVerify: RSA-PSS signatures are randomized (RFC 8017 §9.1.1 salt), so it is
 *       verified with the trace's public key instead — and the trace's own signature with the
 *       same verifier;</li>
 *   <li>Finished and everything after it: computed over a transcript holding our
 *       CertificateVerify. The key is the trace's (it matches), so the
 *       trace's Finished is reproduced from the trace's transcript with our key schedule.</li>
 * </ul>
 */
class Rfc8448ServerReplayTest {
    private static final String S3 = "3.";
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final HashAlgorithm HASH = SUITE.hash().orElseThrow();

    private static Opaque rfcClientHello;
    private static Opaque rfcServerHello;
    private static List<String> keyLog;
    private static Opaque ourServerHello;
    private static List<Opaque> ourFlight;
    private static CertificateChain rfcChain;

    @BeforeAll
    static void replay() throws Exception {
        rfcClientHello = Rfc8448.value(S3, "{client}  construct a ClientHello handshake message:", "ClientHello");
        rfcServerHello = Rfc8448.value(S3, "{server}  construct a ServerHello handshake message:", "ServerHello");
        SecretBytes x25519 = SecretBytes.of(Rfc8448.value(S3, "{server}  create an ephemeral x25519 key pair:", "private key").bytes());
        Opaque serverRandom = rfcServerHello.slice(6, 32);
        Certificate rfcCertificate = Certificate.decode(HandshakeFrame.parse(
                Rfc8448.value(S3, "{server}  construct a Certificate handshake message:", "Certificate")).bodyReader());
        rfcChain = new CertificateChain(CertificateChain.parse(
                rfcCertificate.certificateList().stream().map(CertificateEntry::certData).toList()));

        keyLog = new ArrayList<>();
        TlsConfig config = TlsConfig.builder()
                .random(Rfc8448.replaying(serverRandom.bytes()))
                .keyExchangeFactory((group, random) -> KeyExchanges.fromPrivateKey(group, x25519))
                .certificates(new CertifiedKey(rfcChain, Rfc8448.serverPrivateKey()))
                .announcedGroups(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1,
                        NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096, NamedGroup.FFDHE6144,
                        NamedGroup.FFDHE8192)
                .keyLog(KeyLog.to(keyLog::add))
                .build();
        TlsEngine server = TlsEngine.server(config);
        byte[] record = Tamper.plaintextRecord(ContentType.HANDSHAKE, rfcClientHello.bytes());
        server.receive(record, 0, record.length);
        byte[] flight = Peers.drain(server);
        ourServerHello = Opaque.of(Tamper.plaintextHandshake(flight));
        ourFlight = Tamper.messages(Tamper.open(flight, SUITE, Tamper.secret(keyLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET")));
    }

    @Test
    void serverHelloIsTheTracesByteForByte() {
        assertEquals(rfcServerHello, ourServerHello);
    }

    @Test
    void handshakeTrafficSecretsAndKeysAreTheTraces() {
        SecretBytes clientHs = Tamper.secret(keyLog, "CLIENT_HANDSHAKE_TRAFFIC_SECRET");
        SecretBytes serverHs = Tamper.secret(keyLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET");
        assertEquals(Rfc8448.value(S3, "{server}  derive secret \"tls13 c hs traffic\":", "expanded").hex(), clientHs.hex());
        assertEquals(Rfc8448.value(S3, "{server}  derive secret \"tls13 s hs traffic\":", "expanded").hex(), serverHs.hex());
        TrafficKeys write = TrafficSecret.of(SecretLabel.SERVER_HANDSHAKE_TRAFFIC, HASH, serverHs).keys(AeadAlgorithm.AES_128_GCM);
        String step = "{server}  derive write traffic keys for handshake data:";
        assertEquals(Rfc8448.value(S3, step, "key expanded").hex(), write.key().hex());
        assertEquals(Rfc8448.value(S3, step, "iv expanded").hex(), write.iv().hex());
        // The trace's handshake records open with the keys we derived (Tamper.open fails otherwise).
        assertEquals(4, ourFlight.size(), "EncryptedExtensions, Certificate, CertificateVerify, Finished");
    }

    @Test
    void encryptedExtensionsAreTheTracesByteForByte() {
        Opaque rfcBytes = Rfc8448.value(S3, "{server}  construct an EncryptedExtensions handshake message:", "EncryptedExtensions");
        // supported_groups (10, the announced groups), record_size_limit (28, 2^14+1: RFC 8449 §4), server_name (0,
        // empty: RFC 6066 §3).
        assertEquals(List.of(ExtensionType.SUPPORTED_GROUPS.code(), ExtensionType.RECORD_SIZE_LIMIT.code(),
                ExtensionType.SERVER_NAME.code()), types(EncryptedExtensions.decode(HandshakeFrame.parse(rfcBytes).bodyReader())));
        assertEquals(rfcBytes, ourFlight.get(0));
    }

    @Test
    void certificateIsTheTracesByteForByte() {
        assertEquals(Rfc8448.value(S3, "{server}  construct a Certificate handshake message:", "Certificate"), ourFlight.get(1));
    }

    @Test
    void certificateVerifyUsesTheTracesSchemeAndVerifiesWithTheTracesPublicKey() {
        Opaque rfcBytes = Rfc8448.value(S3, "{server}  construct a CertificateVerify handshake message:", "CertificateVerify");
        CertificateVerify rfc = CertificateVerify.decode(HandshakeFrame.parse(rfcBytes).bodyReader());
        CertificateVerify ours = CertificateVerify.decode(HandshakeFrame.parse(ourFlight.get(2)).bodyReader());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256.code(), rfc.algorithm());
        assertEquals(rfc.algorithm(), ours.algorithm());
        // RSA-PSS is randomized: the same key signs the same content differently each time.
        assertNotEquals(rfc.signature(), ours.signature());
        Transcript ourTranscript = Transcript.of(HASH).add(rfcClientHello).add(ourServerHello).add(ourFlight.get(0)).add(ourFlight.get(1));
        CertificateVerifySignature.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, rfcChain.publicKey(), ourTranscript.currentHash(),
                Side.SERVER, ours.signature());
        CertificateVerifySignature.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, rfcChain.publicKey(), rfcTranscriptThrough(2)
                .currentHash(), Side.SERVER, rfc.signature());
    }

    @Test
    void finishedIsComputedWithTheTracesKeyOverEachTranscript() {
        TrafficSecret serverHs = TrafficSecret.of(SecretLabel.SERVER_HANDSHAKE_TRAFFIC, HASH,
                Tamper.secret(keyLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET"));
        Opaque rfcFinished = Rfc8448.value(S3, "{server}  construct a Finished handshake message:", "Finished");
        assertEquals(rfcFinished, new Finished(serverHs.finishedVerifyData(rfcTranscriptThrough(3).currentHash())).frame().wireBytes());
        Transcript ours = Transcript.of(HASH).add(rfcClientHello).add(ourServerHello);
        for (int i = 0; i < 3; i++) {
            ours = ours.add(ourFlight.get(i));
        }
        assertEquals(new Finished(serverHs.finishedVerifyData(ours.currentHash())).frame().wireBytes(), ourFlight.get(3));
        // A different CertificateVerify, hence a different Finished.
        assertNotEquals(rfcFinished, ourFlight.get(3));
    }

    /** The trace's transcript: ClientHello, ServerHello and the first {@code serverMessages} of EE, Certificate, CertificateVerify. */
    private static Transcript rfcTranscriptThrough(int serverMessages) {
        Transcript t = Transcript.of(HASH).add(rfcClientHello).add(rfcServerHello);
        String[][] steps = {
            {"{server}  construct an EncryptedExtensions handshake message:", "EncryptedExtensions"},
            {"{server}  construct a Certificate handshake message:", "Certificate"},
            {"{server}  construct a CertificateVerify handshake message:", "CertificateVerify"},
        };
        for (int i = 0; i < serverMessages; i++) {
            t = t.add(Rfc8448.value(S3, steps[i][0], steps[i][1]));
        }
        return t;
    }

    private static List<Integer> types(EncryptedExtensions ee) {
        return ee.extensions().extensions().stream().map(Extension::extensionType).toList();
    }
}
