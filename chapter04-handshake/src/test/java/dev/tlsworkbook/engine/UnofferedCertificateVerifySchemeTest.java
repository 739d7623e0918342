package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.handshake.auth.CertificateVerifySignature;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.ClientAuthMode;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import java.io.ByteArrayOutputStream;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A scripted peer over the wire whose CertificateVerify is signed correctly, over the right
 * transcript and with its certificate's key, but with a scheme the other side did not list (RFC
 * 8446 §4.4.3: "the signature algorithm MUST be one offered in the client's
 * "signature_algorithms" extension" / "in the "signature_algorithms" extension of the
 * CertificateRequest") → illegal_parameter, both ways. The peer re-signs the message and
 * recomputes its Finished; the same script with the offered scheme completes the handshake, so
 * only the scheme makes the difference.
 */
class UnofferedCertificateVerifySchemeTest {
    private static final HashAlgorithm HASH = HashAlgorithm.SHA256;
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;

    /** A client that offers RSA-PSS with SHA-256 only, and a server whose RSA key can sign any RSA-PSS scheme. */
    private static final class ServerSide {
        final List<String> serverLog = new ArrayList<>();
        final TlsEngine client = TlsEngine.client(Peers.client(300).cipherSuites(SUITE)
                .signatureSchemes(SignatureScheme.RSA_PSS_RSAE_SHA256).build(), "localhost");
        final TlsEngine server = TlsEngine.server(Peers.server(301, KeyKind.RSA_2048).keyLog(KeyLog.to(serverLog::add)).build());

        /** The server's first flight with its CertificateVerify re-signed with {@code scheme} and its Finished recomputed. */
        byte[] flightSignedWith(SignatureScheme scheme) {
            byte[] clientHello = Peers.drain(client);
            server.receive(clientHello, 0, clientHello.length);
            byte[] flight = Peers.drain(server);
            SecretBytes serverHs = Tamper.secret(serverLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET");
            Transcript hellos = Transcript.of(HASH).add(Opaque.of(Tamper.plaintextHandshake(clientHello)))
                    .add(Opaque.of(Tamper.plaintextHandshake(flight)));
            // EncryptedExtensions, Certificate, CertificateVerify, Finished.
            return Tamper.rewrite(flight, SUITE, serverHs, m -> resign(Tamper.messages(m), 2, hellos, scheme,
                    Peers.leaf(KeyKind.RSA_2048).privateKey(), Side.SERVER, SecretLabel.SERVER_HANDSHAKE_TRAFFIC, serverHs));
        }
    }

    /** A server that requests a certificate with RSA-PSS/SHA-256 only, and a client with an RSA certificate. */
    private static final class ClientSide {
        final List<String> serverLog = new ArrayList<>();
        final CertifiedKey alice = Peers.pki().issueClient("CN=alice", KeyKind.RSA_2048);
        final TlsEngine client = TlsEngine.client(Peers.client(302).cipherSuites(SUITE).certificates(alice).build(), "localhost");
        final TlsEngine server = TlsEngine.server(Peers.server(303).keyLog(KeyLog.to(serverLog::add))
                .clientAuth(ClientAuthMode.REQUIRED).signatureSchemes(SignatureScheme.RSA_PSS_RSAE_SHA256)
                .trustPolicy(TrustPolicy.verify(List.of(Peers.pki().caCertificate()), Peers.NOW)).build());

        /** The client's second flight with its CertificateVerify re-signed with {@code scheme} and its Finished recomputed. */
        byte[] flightSignedWith(SignatureScheme scheme) {
            byte[] clientHello = Peers.drain(client);
            server.receive(clientHello, 0, clientHello.length);
            byte[] serverFlight = Peers.drain(server);
            client.receive(serverFlight, 0, serverFlight.length);
            byte[] flight = Peers.drain(client);
            List<Opaque> serverMessages = Tamper.messages(Tamper.open(serverFlight, SUITE,
                    Tamper.secret(serverLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET")));
            CertificateRequest request = CertificateRequest.decode(HandshakeFrame.parse(serverMessages.get(1)).bodyReader());
            assertEquals(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256.code()),
                    request.extensions().find(SignatureAlgorithms.class).orElseThrow().supportedSignatureAlgorithms());
            Transcript throughServerFinished = Transcript.of(HASH).add(Opaque.of(Tamper.plaintextHandshake(clientHello)))
                    .add(Opaque.of(Tamper.plaintextHandshake(serverFlight)));
            for (Opaque m : serverMessages) {
                throughServerFinished = throughServerFinished.add(m);
            }
            Transcript before = throughServerFinished;
            SecretBytes clientHs = Tamper.secret(serverLog, "CLIENT_HANDSHAKE_TRAFFIC_SECRET");
            // Certificate, CertificateVerify, Finished.
            return Tamper.rewrite(flight, SUITE, clientHs, m -> resign(Tamper.messages(m), 1, before, scheme,
                    alice.privateKey(), Side.CLIENT, SecretLabel.CLIENT_HANDSHAKE_TRAFFIC, clientHs));
        }
    }

    @Test
    void clientRefusesAServerCertificateVerifyWithASchemeItDidNotOffer() {
        ServerSide s = new ServerSide();
        byte[] flight = s.flightSignedWith(SignatureScheme.RSA_PSS_RSAE_SHA384);
        TlsException e = assertThrows(TlsException.class, () -> s.client.receive(flight, 0, flight.length));
        assertEquals(Optional.of(Violation.SIGNATURE_SCHEME_NOT_ALLOWED), e.violation(), e.getMessage());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertAlertReaches(s.client, s.server, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void theSameScriptedServerWithTheOfferedSchemeIsAccepted() {
        ServerSide s = new ServerSide();
        byte[] flight = s.flightSignedWith(SignatureScheme.RSA_PSS_RSAE_SHA256);
        s.client.receive(flight, 0, flight.length);
        assertTrue(s.client.isHandshakeComplete());
        assertTrue(s.client.failure().isEmpty());
    }

    @Test
    void serverRefusesAClientCertificateVerifyWithASchemeTheRequestDidNotList() {
        ClientSide s = new ClientSide();
        byte[] flight = s.flightSignedWith(SignatureScheme.RSA_PSS_RSAE_SHA384);
        TlsException e = assertThrows(TlsException.class, () -> s.server.receive(flight, 0, flight.length));
        assertEquals(Optional.of(Violation.SIGNATURE_SCHEME_NOT_ALLOWED), e.violation(), e.getMessage());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertAlertReaches(s.server, s.client, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void theSameScriptedClientWithTheRequestedSchemeIsAccepted() {
        ClientSide s = new ClientSide();
        byte[] flight = s.flightSignedWith(SignatureScheme.RSA_PSS_RSAE_SHA256);
        s.server.receive(flight, 0, flight.length);
        assertTrue(s.server.isHandshakeComplete());
        assertEquals(Optional.of("CN=alice"), s.server.summary().orElseThrow().peerSubject());
    }

    /**
     * The messages with the one at {@code cvIndex} replaced by a CertificateVerify signed with
     * {@code scheme} over {@code before} plus the messages ahead of it, and the Finished after it
     * recomputed with {@code secret}.
     */
    private static byte[] resign(List<Opaque> messages, int cvIndex, Transcript before, SignatureScheme scheme, PrivateKey key,
            Side signer, SecretLabel label, SecretBytes secret) {
        Transcript t = before;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < cvIndex; i++) {
            t = t.add(messages.get(i));
            out.writeBytes(messages.get(i).bytes());
        }
        Opaque cv = new CertificateVerify(scheme.code(),
                CertificateVerifySignature.sign(scheme, key, t.currentHash(), signer)).frame().wireBytes();
        t = t.add(cv);
        out.writeBytes(cv.bytes());
        out.writeBytes(new Finished(TrafficSecret.of(label, HASH, secret).finishedVerifyData(t.currentHash())).frame()
                .wireBytes().bytes());
        return out.toByteArray();
    }

    /** The failed engine's one alert reaches the peer, which fails with it. */
    private static void assertAlertReaches(TlsEngine failed, TlsEngine peer, AlertDescription alert) {
        byte[] out = Peers.drain(failed);
        TlsException atPeer = assertThrows(TlsException.class, () -> peer.receive(out, 0, out.length));
        assertEquals(Optional.of(alert), atPeer.received().map(a -> a.description()));
    }
}
