package dev.tlsworkbook.tls12;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.Peers;
import dev.tlsworkbook.engine.TlsEngine;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import dev.tlsworkbook.handshake.auth.FingerprintPolicy;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.clientauth.Tls12CertificateRequester;
import dev.tlsworkbook.tls12.message.Tls12Certificate;
import dev.tlsworkbook.tls12.message.Tls12CertificateRequest;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client certificates in TLS 1.2 (RFC 5246 §7.4.4, §7.4.6, §7.4.8), ours against ours in memory:
 * the server asks with chapter 4's modes and judges with its trust policies, the client picks a
 * chain with chapter 4's selector and signs the handshake messages; scripted bad clients rewrite
 * the client's second flight and each case asserts the violation and the alert.
 */
class Tls12ClientAuthenticationTest {

    private static CertifiedKey alice(KeyKind kind) {
        return Peers.pki().issueClient("CN=alice", kind);
    }

    private static TlsConfig.Builder server(long seed, ClientAuthMode mode, KeyKind serverKey) {
        return Versions.tls12Server(seed, serverKey).clientAuth(mode)
                .trustPolicy(TrustPolicy.verify(List.of(Peers.pki().caCertificate()), Peers.NOW));
    }

    @ParameterizedTest
    @CsvSource({"EC_P256, EC_P256", "EC_P384, EC_P256", "RSA_2048, EC_P256", "EC_P256, RSA_2048", "RSA_2048, RSA_2048"})
    void aRequiredClientCertificateIsVerifiedAndShownInTheSummary(KeyKind clientKey, KeyKind serverKey) {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(1).certificates(alice(clientKey)).build(), "localhost");
        TlsEngine server = TlsEngine.server(server(2, ClientAuthMode.REQUIRED, serverKey).build());
        Versions.connectAndTalk(client, server);
        HandshakeSummary summary = server.summary().orElseThrow();
        assertEquals(ProtocolVersion.TLS1_2, summary.version());
        assertEquals(TrustStatus.TRUSTED, summary.trust());
        assertEquals(Optional.of("CN=alice"), summary.peerSubject());
        assertTrue(summary.toString().startsWith("Trusted TLSv1.2 ") && summary.toString().contains(" peer=CN=alice"),
                summary.toString());
        assertEquals("CN=alice", server.peerCertificates().get(0).getSubjectX500Principal().getName());
        assertEquals(TrustStatus.TRUSTED, client.summary().orElseThrow().trust(), "the client still checks the server");
    }

    @Test
    void aServerOfBothVersionsRequiringACertificateAsksATls12Client() {
        // Once refused by TlsConfig (a TLS 1.2 client would never have been asked); now both versions ask.
        TlsEngine client = TlsEngine.client(Versions.tls12Client(3).certificates(alice(KeyKind.EC_P256))
                .build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.bothServer(4).clientAuth(ClientAuthMode.REQUIRED)
                .trustPolicy(TrustPolicy.verify(List.of(Peers.pki().caCertificate()), Peers.NOW)).build());
        Versions.connectAndTalk(client, server);
        assertEquals(Optional.of("CN=alice"), server.summary().orElseThrow().peerSubject());
    }

    @Test
    void optionalWithoutACertificateIsAnonymous() {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(5).build(), "localhost");
        TlsEngine server = TlsEngine.server(server(6, ClientAuthMode.OPTIONAL, KeyKind.EC_P256).build());
        Versions.connectAndTalk(client, server);
        HandshakeSummary summary = server.summary().orElseThrow();
        assertEquals(TrustStatus.ANONYMOUS, summary.trust());
        assertEquals(Optional.empty(), summary.peerSubject());
        assertEquals(List.of(), server.peerCertificates());
    }

    @Test
    void requiredWithoutACertificateIsHandshakeFailure() {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(7).build(), "localhost");
        TlsEngine server = TlsEngine.server(server(8, ClientAuthMode.REQUIRED, KeyKind.EC_P256).build());
        TlsException atServer = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Optional.of(Violation.TLS12_CLIENT_CERTIFICATE_REQUIRED), atServer.violation());
        // RFC 5246 §7.4.6: handshake_failure (TLS 1.2 has no certificate_required), as OpenSSL sends.
        TlsException atClient = assertThrows(TlsException.class, () -> Peers.pump(server, client));
        assertEquals(Optional.of(AlertDescription.HANDSHAKE_FAILURE), atClient.received().map(a -> a.description()));
    }

    @Test
    void aClientWithoutAFittingCertificateSendsAnEmptyOne() {
        // The server accepts only ECDSA P-256 and RSA signatures; the client has only a P-384 key.
        TlsEngine client = TlsEngine.client(Versions.tls12Client(9).certificates(alice(KeyKind.EC_P384)).build(), "localhost");
        TlsEngine server = TlsEngine.server(server(10, ClientAuthMode.OPTIONAL, KeyKind.EC_P256)
                .signatureSchemes(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA256).build());
        Versions.connectAndTalk(client, server);
        assertEquals(TrustStatus.ANONYMOUS, server.summary().orElseThrow().trust());
    }

    @Test
    void theClientPicksTheChainThatFitsTheRequestsSchemesAndAuthorities() {
        // Only RSA signatures accepted: of an ECDSA and an RSA chain the RSA one goes.
        CertifiedKey rsa = Peers.pki().issueClient("CN=alice-rsa", KeyKind.RSA_2048);
        TlsEngine client = TlsEngine.client(Versions.tls12Client(11).certificates(alice(KeyKind.EC_P384), rsa).build(), "localhost");
        TlsEngine server = TlsEngine.server(server(12, ClientAuthMode.REQUIRED, KeyKind.RSA_2048)
                .signatureSchemes(SignatureScheme.RSA_PSS_RSAE_SHA256).build());
        Versions.connectAndTalk(client, server);
        assertEquals(Optional.of("CN=alice-rsa"), server.summary().orElseThrow().peerSubject());

        // certificate_authorities names the server's CA: of two fitting chains the one it issued goes.
        TestPki other = TestPki.create("CN=Another CA", KeyKind.EC_P256, Peers.ISSUE_CLOCK, Peers.random(13),
                java.time.Duration.ofDays(365));
        TlsEngine client2 = TlsEngine.client(Versions.tls12Client(14).certificates(other.issueClient("CN=alice-elsewhere",
                KeyKind.EC_P256), alice(KeyKind.EC_P256)).build(), "localhost");
        TlsEngine server2 = TlsEngine.server(server(15, ClientAuthMode.REQUIRED, KeyKind.EC_P256).build());
        Versions.connectAndTalk(client2, server2);
        assertEquals(Optional.of("CN=alice"), server2.summary().orElseThrow().peerSubject());
    }

    @Test
    void theRequestNamesTheTrustedCasAndTheSchemesTls12Allows() {
        Tls12CertificateRequest request = Tls12CertificateRequester.request(server(16, ClientAuthMode.OPTIONAL, KeyKind.EC_P256)
                .build());
        assertEquals(List.of(1, 64), request.certificateTypes());
        assertEquals(List.of(Opaque.of(Peers.pki().caCertificate().getSubjectX500Principal().getEncoded())),
                request.certificateAuthorities());
        assertTrue(request.supportedSignatureAlgorithms().contains(SignatureScheme.RSA_PKCS1_SHA256.code()));
        assertTrue(!request.supportedSignatureAlgorithms().contains(SignatureScheme.ED25519.code()),
                "TLS 1.2 signatures here are ECDSA and RSA only");
    }

    @Test
    void aFingerprintPolicyAdmitsAPinnedClient() {
        CertifiedKey alice = alice(KeyKind.EC_P256);
        TlsEngine client = TlsEngine.client(Versions.tls12Client(17).certificates(alice).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(18).clientAuth(ClientAuthMode.REQUIRED)
                .trustPolicy(FingerprintPolicy.of(alice.chain().leaf())).build());
        Versions.connectAndTalk(client, server);
        assertEquals(TrustStatus.TRUSTED, server.summary().orElseThrow().trust());
    }

    @Test
    void aClientFromAnotherCaIsUnknownCa() {
        TestPki other = TestPki.create(Peers.ISSUE_CLOCK, Peers.random(19));
        TlsEngine client = TlsEngine.client(Versions.tls12Client(20).certificates(other.issueClient("CN=mallory", KeyKind.EC_P256))
                .build(), "localhost");
        TlsEngine server = TlsEngine.server(server(21, ClientAuthMode.OPTIONAL, KeyKind.EC_P256).build());
        TlsException e = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Optional.of(Violation.UNKNOWN_CERTIFICATE_AUTHORITY), e.violation());
    }

    @Test
    void anOpportunisticServerSeesAnUntrustedClient() {
        TestPki other = TestPki.create(Peers.ISSUE_CLOCK, Peers.random(22));
        TlsEngine client = TlsEngine.client(Versions.tls12Client(23).certificates(other.issueClient("CN=stranger", KeyKind.EC_P256))
                .build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(24).clientAuth(ClientAuthMode.REQUIRED)
                .trustPolicy(TrustPolicy.opportunistic()).build());
        Versions.connectAndTalk(client, server);
        assertEquals(TrustStatus.UNTRUSTED, server.summary().orElseThrow().trust());
        assertEquals(Optional.of("CN=stranger"), server.summary().orElseThrow().peerSubject());
    }

    @Test
    void aServerThatAsksForClientCertificatesAuthenticatesEveryTls12ClientInAFullHandshake() {
        // A TLS 1.2 ticket does not carry the client's certificate: resuming would skip the authentication this server
        // asks for, so it neither issues nor accepts tickets (as TLS 1.3's PskAcceptance, check 0).
        TlsConfig serverConfig = server(30, ClientAuthMode.REQUIRED, KeyKind.EC_P256).build();
        TlsConfig clientConfig = Versions.tls12Client(31).certificates(alice(KeyKind.EC_P256)).build();
        for (int i = 0; i < 2; i++) {
            TlsEngine client = TlsEngine.client(clientConfig, "localhost", 4433);
            TlsEngine server = TlsEngine.server(serverConfig);
            Versions.connectAndTalk(client, server);
            HandshakeSummary summary = server.summary().orElseThrow();
            assertTrue(!summary.resumed(), "connection " + i + ": " + summary);
            assertEquals(Optional.of("CN=alice"), summary.peerSubject());
        }
        assertEquals(0, clientConfig.sessionCache().size(dev.tlsworkbook.handshake.resumption.SessionCache.key("localhost", 4433)),
                "no ticket was issued");
    }

    // ------------------------------------------------------------------ scripted bad clients

    @Test
    void refusesACertificateVerifyWithASchemeItDidNotRequest() {
        // The request lists ecdsa_secp256r1_sha256 and RSA schemes; the client claims ecdsa_secp384r1_sha384.
        TlsException e = badSecondFlight(ClientAuthMode.REQUIRED, frames -> map(frames, f -> f.is(HandshakeType.CERTIFICATE_VERIFY)
                ? new CertificateVerify(SignatureScheme.ECDSA_SECP384R1_SHA384.code(), cv(f).signature()).frame() : f));
        assertEquals(Optional.of(Violation.SIGNATURE_SCHEME_NOT_ALLOWED), e.violation());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void refusesABadCertificateVerifySignature() {
        TlsException e = badSecondFlight(ClientAuthMode.REQUIRED, frames -> map(frames, f -> f.is(HandshakeType.CERTIFICATE_VERIFY)
                ? new CertificateVerify(cv(f).algorithm(), flipLast(cv(f).signature())).frame() : f));
        assertEquals(Optional.of(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE), e.violation());
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
    }

    @Test
    void refusesACertificateVerifyOverOtherMessages() {
        // A valid signature, but made over a transcript without the ClientKeyExchange: not this handshake's.
        TlsException e = badSecondFlight(ClientAuthMode.REQUIRED, frames -> {
            List<HandshakeFrame> out = new ArrayList<>(frames);
            HandshakeFrame verify = out.stream().filter(f -> f.is(HandshakeType.CERTIFICATE_VERIFY)).findFirst().orElseThrow();
            out.set(out.indexOf(verify), new CertificateVerify(cv(verify).algorithm(), dev.tlsworkbook.negotiation
                    .ServerKeyExchangeSignature.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, ALICE.privateKey(),
                            Opaque.fromHex("00"), Peers.random(25))).frame());
            return out;
        });
        assertEquals(Optional.of(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE), e.violation());
    }

    @Test
    void refusesAClientCertificateWhoseKeyFitsNoRequestedType() {
        // certificate_types asks for rsa_sign and ecdsa_sign; an Ed25519 certificate fits neither (RFC 5246 §7.4.6).
        CertifiedKey ed25519 = Peers.pki().issueClient("CN=alice-ed25519", KeyKind.ED25519);
        TlsException e = badSecondFlight(ClientAuthMode.REQUIRED, frames -> map(frames, f -> f.is(HandshakeType.CERTIFICATE)
                ? new Tls12Certificate(ed25519.chain().encoded()).frame() : f));
        assertEquals(Optional.of(Violation.UNSUPPORTED_CERTIFICATE), e.violation());
        assertEquals(AlertDescription.UNSUPPORTED_CERTIFICATE, e.alert());
    }

    @Test
    void refusesAClientThatSendsACertificateButNoCertificateVerify() {
        TlsException e = badSecondFlight(ClientAuthMode.REQUIRED,
                frames -> frames.stream().filter(f -> !f.is(HandshakeType.CERTIFICATE_VERIFY)).toList());
        // The ChangeCipherSpec arrives where CertificateVerify belongs.
        assertEquals(Optional.of(Violation.BAD_CHANGE_CIPHER_SPEC), e.violation());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void refusesAClientThatSkipsTheRequestedCertificate() {
        TlsException e = badSecondFlight(ClientAuthMode.OPTIONAL,
                frames -> frames.stream().filter(f -> f.is(HandshakeType.CLIENT_KEY_EXCHANGE)).toList());
        assertEquals(Optional.of(Violation.UNEXPECTED_MESSAGE), e.violation());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void refusesAnUnsolicitedClientCertificate() {
        // The server asks for nothing; the client's flight starts with a Certificate anyway.
        TlsEngine client = TlsEngine.client(Versions.tls12Client(26).build(), "localhost");
        TlsEngine server = TlsEngine.server(Versions.tls12Server(27).build());
        TlsException e = secondFlight(client, server, frames -> {
            List<HandshakeFrame> out = new ArrayList<>();
            out.add(new Tls12Certificate(ALICE.chain().encoded()).frame());
            out.addAll(frames);
            return out;
        });
        assertEquals(Optional.of(Violation.UNEXPECTED_MESSAGE), e.violation());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    // ------------------------------------------------------------------ helpers

    private static final CertifiedKey ALICE = alice(KeyKind.EC_P256);

    /** Alice (EC P-256) against a server accepting ecdsa_secp256r1_sha256 and RSA; the server's error. */
    private static TlsException badSecondFlight(ClientAuthMode mode, Function<List<HandshakeFrame>, List<HandshakeFrame>> edit) {
        TlsEngine client = TlsEngine.client(Versions.tls12Client(28).certificates(ALICE).build(), "localhost");
        TlsEngine server = TlsEngine.server(server(29, mode, KeyKind.EC_P256)
                .signatureSchemes(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA256).build());
        return secondFlight(client, server, edit);
    }

    /**
     * Runs the handshake to the client's second flight, rewrites its plaintext handshake messages
     * with {@code edit} (the ChangeCipherSpec and encrypted Finished after them stay as they are),
     * and returns what the server throws.
     */
    private static TlsException secondFlight(TlsEngine client, TlsEngine server,
            Function<List<HandshakeFrame>, List<HandshakeFrame>> edit) {
        Peers.transfer(client, server, Peers.Chunking.WHOLE, null);
        Peers.transfer(server, client, Peers.Chunking.WHOLE, null);
        byte[] flight = Peers.drain(client);
        int plain = Flight.handshakePrefix(flight);
        List<HandshakeFrame> frames = new ArrayList<>();
        Flight.rewriteAll(Arrays.copyOf(flight, plain), f -> {
            frames.add(f);
            return List.of(f);
        });
        byte[] messages = records(edit.apply(frames));
        byte[] forged = new byte[messages.length + flight.length - plain];
        System.arraycopy(messages, 0, forged, 0, messages.length);
        System.arraycopy(flight, plain, forged, messages.length, flight.length - plain);
        TlsException e = assertThrows(TlsException.class, () -> server.receive(forged, 0, forged.length));
        assertTrue(e.violation().isPresent(), e.toString());
        return e;
    }

    /** One plaintext handshake record per frame. */
    private static byte[] records(List<HandshakeFrame> frames) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (HandshakeFrame f : frames) {
            byte[] body = f.wireBytes().bytes();
            byte[] header = new byte[dev.tlsworkbook.record.RecordHeader.LENGTH];
            dev.tlsworkbook.record.RecordHeader.write(header, 0, dev.tlsworkbook.record.ContentType.HANDSHAKE.code(), 0x0303,
                    body.length);
            out.writeBytes(header);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static List<HandshakeFrame> map(List<HandshakeFrame> frames, java.util.function.UnaryOperator<HandshakeFrame> f) {
        return frames.stream().map(f).toList();
    }

    private static CertificateVerify cv(HandshakeFrame frame) {
        return CertificateVerify.decode(frame.bodyReader());
    }

    private static Opaque flipLast(Opaque bytes) {
        byte[] b = bytes.bytes();
        b[b.length - 1] ^= 1;
        return Opaque.of(b);
    }
}
