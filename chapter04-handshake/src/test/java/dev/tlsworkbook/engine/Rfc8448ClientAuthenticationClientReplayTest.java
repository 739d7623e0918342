package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.tlsworkbook.handshake.auth.FingerprintPolicy;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.Rfc8448;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §6 (client authentication) replayed on our client, record by record through
 * {@link TlsEngine}: with the trace's client random and x25519 key (and the trace's extension
 * layout, {@link NssClientHelloLayout}) it sends the trace's ClientHello; it accepts the trace's
 * server flight — EncryptedExtensions, the CertificateRequest, the server's Certificate and
 * ECDSA P-256 CertificateVerify (ecdsa_secp256r1_sha256, RFC 8448 §6), Finished — and answers the request.
 *
 * <p>How each part is compared:
 * <ul>
 *   <li>ClientHello record: byte for byte but for legacy_record_version (0x0303, the trace's 0x0301;
 *       RFC 8446 §5.1 allows both);</li>
 *   <li>every secret through the server's Finished (handshake and application traffic secrets,
 *       exporter): the trace's, from our key log;</li>
 *   <li>our Certificate, CertificateVerify and Finished: the trace prints no private key for its
 *       client certificate (and the trace's client signed with RSA-PSS, whose salt is random), so our
 *       client answers with a certificate of its own. The record opens with the trace's client
 *       handshake keys; it holds our chain, a CertificateVerify with the scheme the trace's client
 *       chose (rsa_pss_rsae_sha256) that verifies over the trace's transcript with the client
 *       context string, and the Finished our key schedule gives for that transcript;</li>
 *   <li>our close_notify: the trace's record byte for byte (the client application keys depend
 *       only on the transcript through the server's Finished), and the trace's server close_notify
 *       closes our client cleanly.</li>
 * </ul>
 * The server side of §6 is {@link Rfc8448ClientAuthenticationTest}: the trace's client
 * Certificate, CertificateVerify and Finished are verified by the classes our server uses, over
 * the trace's transcript (our server's own CertificateRequest lists other schemes than the
 * trace's, which lists DSA and SHA-1 ones, so the trace's client messages cannot follow it).
 */
class Rfc8448ClientAuthenticationClientReplayTest {
    private static final String S6 = "6.";
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final HashAlgorithm HASH = SUITE.hash().orElseThrow();

    private static byte[] record(String step, int occurrence) {
        return Rfc8448.value(S6, step, "complete record", occurrence).bytes();
    }

    private static Opaque message(String who, String what) {
        return Rfc8448.value(S6, "{" + who + "}  construct a" + (what.startsWith("E") ? "n " : " ") + what
                + " handshake message:", what);
    }

    private static void feed(TlsEngine engine, byte[] record) {
        assertEquals(record.length, engine.receive(record, 0, record.length));
    }

    @Test
    void answersTheTracesCertificateRequestUnderTheTracesKeys() throws Exception {
        ClientHello rfc = ClientHello.decode(HandshakeFrame.parse(message("client", "ClientHello")).bodyReader());
        SecretBytes x25519 = SecretBytes.of(Rfc8448.value(S6, "{client}  create an ephemeral x25519 key pair:", "private key").bytes());
        Certificate serverCertificate = Certificate.decode(HandshakeFrame.parse(message("server", "Certificate")).bodyReader());
        CertificateChain serverChain = new CertificateChain(CertificateChain.parse(
                serverCertificate.certificateList().stream().map(CertificateEntry::certData).toList()));
        CertifiedKey ours = Peers.pki().issueClient("CN=client", KeyKind.RSA_2048);
        List<String> keyLog = new ArrayList<>();
        TlsConfig config = TlsConfig.builder()
                .random(Rfc8448.replaying(rfc.random().bytes()))
                .grease(false).middleboxCompatibility(false)
                .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                        CipherSuite.TLS_AES_256_GCM_SHA384)
                .groups(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1)
                .keyShareGroups(NamedGroup.X25519)
                .keyExchangeFactory((group, random) -> KeyExchanges.fromPrivateKey(group, x25519))
                .trustPolicy(FingerprintPolicy.of(serverChain.leaf()))
                .certificates(ours)
                .clientHelloLayout(new NssClientHelloLayout(rfc))
                .keyLog(KeyLog.to(keyLog::add))
                .build();
        TlsEngine client = TlsEngine.client(config, "server");

        byte[] sent = Peers.drain(client);
        byte[] rfcHello = record("{client}  send handshake record:", 0);
        assertEquals(0x01, rfcHello[2]);
        rfcHello[2] = 0x03;
        assertArrayEquals(rfcHello, sent);

        feed(client, record("{server}  send handshake record:", 0));
        feed(client, record("{server}  send handshake record:", 1));
        assertTrue(client.isHandshakeComplete());
        assertEquals(TrustStatus.TRUSTED, client.summary().orElseThrow().trust());
        for (String[] secret : new String[][] {{"c hs traffic", "CLIENT_HANDSHAKE_TRAFFIC_SECRET"},
                {"s hs traffic", "SERVER_HANDSHAKE_TRAFFIC_SECRET"}, {"c ap traffic", "CLIENT_TRAFFIC_SECRET_0"},
                {"s ap traffic", "SERVER_TRAFFIC_SECRET_0"}, {"exp master", "EXPORTER_SECRET"}}) {
            assertEquals(Rfc8448.value(S6, "{server}  derive secret \"tls13 " + secret[0] + "\":", "expanded"),
                    Opaque.of(Tamper.secret(keyLog, secret[1]).bytes()), secret[1]);
        }

        // Our answer, opened with the trace's client handshake traffic secret.
        SecretBytes clientHs = SecretBytes.of(Rfc8448.value(S6, "{server}  derive secret \"tls13 c hs traffic\":", "expanded").bytes());
        List<Opaque> answer = Tamper.messages(Tamper.open(Peers.drain(client), SUITE, clientHs));
        assertEquals(3, answer.size(), "Certificate, CertificateVerify, Finished");
        assertEquals(new Certificate(Opaque.EMPTY, ours.chain().encoded().stream().map(CertificateEntry::of).toList())
                .frame().wireBytes(), answer.get(0));
        Transcript t = Transcript.of(HASH);
        for (String[] m : List.of(new String[] {"client", "ClientHello"}, new String[] {"server", "ServerHello"},
                new String[] {"server", "EncryptedExtensions"}, new String[] {"server", "CertificateRequest"},
                new String[] {"server", "Certificate"}, new String[] {"server", "CertificateVerify"},
                new String[] {"server", "Finished"})) {
            t = t.add(message(m[0], m[1]));
        }
        t = t.add(answer.get(0));
        CertificateVerify cv = CertificateVerify.decode(HandshakeFrame.parse(answer.get(1)).bodyReader());
        CertificateVerify traces = CertificateVerify.decode(HandshakeFrame.parse(message("client", "CertificateVerify")).bodyReader());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256.code(), cv.algorithm());
        assertEquals(traces.algorithm(), cv.algorithm());
        CertificateVerifySignature.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, ours.chain().publicKey(), t.currentHash(),
                Side.CLIENT, cv.signature());
        t = t.add(answer.get(1));
        assertEquals(new Finished(TrafficSecret.of(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC, HASH, clientHs)
                .finishedVerifyData(t.currentHash())).frame().wireBytes(), answer.get(2));

        client.closeOutbound();
        assertArrayEquals(record("{client}  send alert record:", 0), Peers.drain(client));
        feed(client, record("{server}  send alert record:", 0));
        assertTrue(client.isInboundClosed());
    }
}
