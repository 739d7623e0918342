package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.auth.CertificateVerifySignature;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import dev.tlsworkbook.handshake.auth.FingerprintPolicy;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.clientauth.CertificateRequester;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateEntry;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TrustStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Client certificates in the handshake (RFC 8446 §4.3.2, §4.4.2, §4.4.3): our server asks
 * ({@code none|optional|required}) and judges with the same trust policies a client uses; our
 * client picks a chain for the request and signs with the client context string.
 */
class ClientAuthenticationTest {
    private static CertifiedKey client(KeyKind kind) {
        return Peers.pki().issueClient("CN=alice", kind);
    }

    private static TlsConfig.Builder requiringServer(long seed, ClientAuthMode mode) {
        return Peers.server(seed).clientAuth(mode).trustPolicy(TrustPolicy.verify(List.of(Peers.pki().caCertificate()), Peers.NOW));
    }

    @Test
    void serverAuthenticatesAClientCertificateFromItsCa() {
        TlsEngine client = TlsEngine.client(Peers.client(200).certificates(client(KeyKind.EC_P256)).build(), "localhost");
        TlsEngine server = TlsEngine.server(requiringServer(201, ClientAuthMode.REQUIRED).build());
        HandshakeTest.connectAndTalk(client, server, Peers.Chunking.RANDOM);
        HandshakeSummary summary = server.summary().orElseThrow();
        assertEquals(TrustStatus.TRUSTED, summary.trust());
        assertEquals(Optional.of("CN=alice"), summary.peerSubject());
        assertTrue(summary.toString().startsWith("Trusted TLSv1.3 "), summary.toString());
        assertTrue(summary.toString().contains(" peer=CN=alice"), summary.toString());
        assertEquals("CN=alice", server.peerCertificates().get(0).getSubjectX500Principal().getName());
    }

    @Test
    void requiredWithoutACertificateIsCertificateRequired() {
        TlsEngine client = TlsEngine.client(Peers.client(202).build(), "localhost");
        TlsEngine server = TlsEngine.server(requiringServer(203, ClientAuthMode.REQUIRED).build());
        TlsException atServer = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Optional.of(Violation.CLIENT_CERTIFICATE_REQUIRED), atServer.violation());
        TlsException atClient = assertThrows(TlsException.class, () -> Peers.pump(server, client));
        assertEquals(Optional.of(AlertDescription.CERTIFICATE_REQUIRED), atClient.received().map(a -> a.description()));
    }

    @Test
    void optionalWithoutACertificateIsAnonymous() {
        TlsEngine client = TlsEngine.client(Peers.client(204).build(), "localhost");
        TlsEngine server = TlsEngine.server(requiringServer(205, ClientAuthMode.OPTIONAL).build());
        HandshakeTest.connectAndTalk(client, server, Peers.Chunking.WHOLE);
        assertEquals(TrustStatus.ANONYMOUS, server.summary().orElseThrow().trust());
        assertEquals(List.of(), server.peerCertificates());
    }

    @Test
    void aClientFromAnotherCaIsUnknownCa() {
        TestPki other = TestPki.create(Peers.ISSUE_CLOCK, Peers.random(206));
        TlsEngine client = TlsEngine.client(Peers.client(207).certificates(other.issueClient("CN=mallory", KeyKind.EC_P256))
                .build(), "localhost");
        TlsEngine server = TlsEngine.server(requiringServer(208, ClientAuthMode.OPTIONAL).build());
        TlsException atServer = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Optional.of(Violation.UNKNOWN_CERTIFICATE_AUTHORITY), atServer.violation());
    }

    @Test
    void fingerprintPolicyAdmitsAnyOfSeveralPinnedClients() {
        CertifiedKey alice = client(KeyKind.EC_P256);
        CertifiedKey bob = Peers.pki().issueClient("CN=bob", KeyKind.ED25519);
        FingerprintPolicy pins = FingerprintPolicy.of(alice.chain().leaf(), bob.chain().leaf());
        for (CertifiedKey who : List.of(alice, bob)) {
            TlsEngine client = TlsEngine.client(Peers.client(209).certificates(who).build(), "localhost");
            TlsEngine server = TlsEngine.server(Peers.server(210).clientAuth(ClientAuthMode.REQUIRED).trustPolicy(pins).build());
            HandshakeTest.connectAndTalk(client, server, Peers.Chunking.WHOLE);
            assertEquals(TrustStatus.TRUSTED, server.summary().orElseThrow().trust());
            assertEquals(Optional.of(who.chain().subject()), server.summary().orElseThrow().peerSubject());
        }
        CertifiedKey carol = Peers.pki().issueClient("CN=carol", KeyKind.EC_P256);
        TlsEngine client = TlsEngine.client(Peers.client(211).certificates(carol).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(212).clientAuth(ClientAuthMode.REQUIRED).trustPolicy(pins).build());
        TlsException e = assertThrows(TlsException.class, () -> Peers.pump(client, server));
        assertEquals(Optional.of(Violation.UNKNOWN_CERTIFICATE_AUTHORITY), e.violation());
    }

    @Test
    void opportunisticServerSeesAnUntrustedClient() {
        TestPki other = TestPki.create(Peers.ISSUE_CLOCK, Peers.random(213));
        TlsEngine client = TlsEngine.client(Peers.client(214).certificates(other.issueClient("CN=stranger", KeyKind.EC_P256))
                .build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(215).clientAuth(ClientAuthMode.REQUIRED)
                .trustPolicy(TrustPolicy.opportunistic()).build());
        HandshakeTest.connectAndTalk(client, server, Peers.Chunking.WHOLE);
        assertEquals(TrustStatus.UNTRUSTED, server.summary().orElseThrow().trust());
        assertEquals(Optional.of("CN=stranger"), server.summary().orElseThrow().peerSubject());
    }

    @Test
    void clientPicksTheChainThatFitsTheRequestsSchemesAndAuthorities() {
        // The server accepts only RSA-PSS signatures: the client's ECDSA chain does not fit, its RSA chain does.
        CertifiedKey ec = client(KeyKind.EC_P256);
        CertifiedKey rsa = Peers.pki().issueClient("CN=alice-rsa", KeyKind.RSA_2048);
        TlsEngine client = TlsEngine.client(Peers.client(216).certificates(ec, rsa).build(), "localhost");
        TlsEngine server = TlsEngine.server(requiringServer(217, ClientAuthMode.REQUIRED)
                .signatureSchemes(SignatureScheme.RSA_PSS_RSAE_SHA256).build());
        HandshakeTest.connectAndTalk(client, server, Peers.Chunking.WHOLE);
        assertEquals(Optional.of("CN=alice-rsa"), server.summary().orElseThrow().peerSubject());

        // certificate_authorities names the server's CA: of two fitting chains the one it issued is sent.
        TestPki other = TestPki.create("CN=Another CA", KeyKind.EC_P256, Peers.ISSUE_CLOCK, Peers.random(218),
                java.time.Duration.ofDays(365));
        CertifiedKey foreign = other.issueClient("CN=alice-elsewhere", KeyKind.EC_P256);
        TlsEngine client2 = TlsEngine.client(Peers.client(219).certificates(foreign, ec).build(), "localhost");
        TlsEngine server2 = TlsEngine.server(requiringServer(220, ClientAuthMode.REQUIRED).build());
        HandshakeTest.connectAndTalk(client2, server2, Peers.Chunking.WHOLE);
        assertEquals(Optional.of("CN=alice"), server2.summary().orElseThrow().peerSubject());
    }

    @Test
    void refusesACertificateVerifyWithASchemeTheRequestDidNotOffer() {
        CertificateRequester requester = CertificateRequester.of(requiringServer(221, ClientAuthMode.REQUIRED)
                .signatureSchemes(SignatureScheme.ECDSA_SECP256R1_SHA256).build(), Opaque.EMPTY, true);
        CertifiedKey alice = client(KeyKind.ED25519);
        CertificateRequester.ClientCertificate presented = presented(requester, alice);
        Opaque hash = Opaque.filled(32, 7);
        // Signed correctly, but with ed25519, which the CertificateRequest did not list (RFC 8446 §4.4.3).
        CertificateVerify cv = new CertificateVerify(SignatureScheme.ED25519.code(),
                CertificateVerifySignature.sign(SignatureScheme.ED25519, alice.privateKey(), hash, Side.CLIENT));
        TlsException e = assertThrows(TlsException.class,
                () -> requester.certificateVerify(cv, presented.chain().orElseThrow(), hash));
        assertEquals(Optional.of(Violation.SIGNATURE_SCHEME_NOT_ALLOWED), e.violation());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void refusesASignatureMadeWithTheServerContextString() {
        CertificateRequester requester = CertificateRequester.of(requiringServer(222, ClientAuthMode.REQUIRED).build(),
                Opaque.EMPTY, true);
        CertifiedKey alice = client(KeyKind.EC_P256);
        CertificateRequester.ClientCertificate presented = presented(requester, alice);
        Opaque hash = Opaque.filled(32, 9);
        CertificateVerify cv = new CertificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256.code(),
                CertificateVerifySignature.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, alice.privateKey(), hash, Side.SERVER));
        TlsException e = assertThrows(TlsException.class,
                () -> requester.certificateVerify(cv, presented.chain().orElseThrow(), hash));
        assertEquals(Optional.of(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE), e.violation());
    }

    /** The server's judgement of {@code who}'s chain in a Certificate answering {@code requester}. */
    private static CertificateRequester.ClientCertificate presented(CertificateRequester requester, CertifiedKey who) {
        return requester.certificate(new Certificate(Opaque.EMPTY,
                who.chain().encoded().stream().map(CertificateEntry::of).toList()));
    }

    @Test
    void refusesACertificateThatDoesNotEchoTheRequestContext() {
        TlsConfig server = requiringServer(223, ClientAuthMode.REQUIRED).build();
        CertificateRequester requester = CertificateRequester.of(server, Opaque.of(new byte[] {1, 2, 3}), true);
        TlsException e = assertThrows(TlsException.class,
                () -> requester.certificate(new Certificate(Opaque.of(new byte[] {9}), List.of())));
        assertEquals(Optional.of(Violation.BAD_CERTIFICATE_REQUEST_CONTEXT), e.violation());
    }

    @Test
    void requestCarriesSignatureAlgorithmsAndTheCasOfAConfiguredCaFile() {
        CertificateRequester withCa = CertificateRequester.of(requiringServer(224, ClientAuthMode.REQUIRED).build(),
                Opaque.EMPTY, true);
        assertTrue(withCa.request().extensions().find(dev.tlsworkbook.handshake.extension.CertificateAuthorities.class)
                .orElseThrow().authorities().contains(Opaque.of(Peers.pki().caCertificate().getSubjectX500Principal().getEncoded())));
        CertificateRequester pinned = CertificateRequester.of(Peers.server(225).clientAuth(ClientAuthMode.REQUIRED)
                .trustPolicy(TrustPolicy.opportunistic()).build(), Opaque.EMPTY, true);
        assertTrue(pinned.request().extensions().find(dev.tlsworkbook.handshake.extension.SignatureAlgorithms.class).isPresent());
        assertTrue(pinned.request().extensions().find(dev.tlsworkbook.handshake.extension.CertificateAuthorities.class).isEmpty());
    }

    @Test
    void worksWithEverySuite() {
        for (CipherSuite suite : List.of(CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256)) {
            TlsEngine client = TlsEngine.client(Peers.client(226).cipherSuites(suite).certificates(client(KeyKind.RSA_2048))
                    .build(), "localhost");
            TlsEngine server = TlsEngine.server(requiringServer(227, ClientAuthMode.REQUIRED).build());
            HandshakeTest.connectAndTalk(client, server, Peers.Chunking.WHOLE);
            assertEquals(TrustStatus.TRUSTED, server.summary().orElseThrow().trust());
        }
    }
}
