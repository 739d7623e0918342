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
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.auth.TrustPolicy;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.handshake.state.TraceListener;
import dev.tlsworkbook.handshake.state.TrustStatus;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Post-handshake authentication (RFC 8446 §4.2.6, §4.6.2): a client with a certificate offers
 * post_handshake_auth; our server asks at any time after the handshake; the client answers with
 * Certificate, CertificateVerify and Finished under its application keys; the trace shows it.
 */
class PostHandshakeAuthenticationTest {

    @Test
    void serverAuthenticatesTheClientAfterTheHandshake() {
        List<String> clientTrace = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(300).traceListener(recorder(clientTrace))
                .certificates(Peers.pki().issueClient("CN=alice", KeyKind.EC_P256)).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(301)
                .trustPolicy(TrustPolicy.verify(List.of(Peers.pki().caCertificate()), Peers.NOW)).build());
        Peers.pump(client, server);
        assertEquals(TrustStatus.ANONYMOUS, server.summary().orElseThrow().trust());
        HandshakeTest.exchange(client, server, "before");

        server.requestClientCertificate();
        Peers.pump(server, client);
        HandshakeSummary after = server.summary().orElseThrow();
        assertEquals(TrustStatus.TRUSTED, after.trust());
        assertEquals(Optional.of("CN=alice"), after.peerSubject());
        assertEquals("CN=alice", server.peerCertificates().get(0).getSubjectX500Principal().getName());
        HandshakeTest.exchange(client, server, "after");
        HandshakeTest.exchange(server, client, "and back");
        // The trace: the server's two tickets (RFC 8446 §4.6.1), then the request and the client's three answers,
        // under the application keys.
        assertEquals(List.of("RECEIVED NEW_SESSION_TICKET application", "RECEIVED NEW_SESSION_TICKET application",
                "RECEIVED CERTIFICATE_REQUEST application", "SENT CERTIFICATE application",
                "SENT CERTIFICATE_VERIFY application", "SENT FINISHED application"),
                clientTrace.stream().filter(l -> l.endsWith(" application")).toList());
    }

    @Test
    void clientWithoutACertificateDoesNotOfferPostHandshakeAuthAndCannotBeAsked() {
        TlsEngine client = TlsEngine.client(Peers.client(302).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(303).build());
        Peers.pump(client, server);
        assertThrows(IllegalStateException.class, server::requestClientCertificate);
        assertThrows(IllegalStateException.class, client::requestClientCertificate);
        HandshakeTest.exchange(client, server, "still open");
    }

    @Test
    void aClientWithNoFittingChainAnswersEmptyAndStaysAnonymous() {
        // The client offers post_handshake_auth (it has a certificate), but its only chain is RSA and the server
        // accepts ECDSA only: no suitable certificate, so an empty Certificate and Finished (RFC 8446 §4.4.2).
        List<String> clientTrace = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(304).traceListener(recorder(clientTrace))
                .certificates(Peers.pki().issueClient("CN=rsa", KeyKind.RSA_2048)).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(305).signatureSchemes(SignatureScheme.ECDSA_SECP256R1_SHA256).build());
        Peers.pump(client, server);
        server.requestClientCertificate();
        Peers.pump(server, client);
        assertEquals(TrustStatus.ANONYMOUS, server.summary().orElseThrow().trust());
        assertEquals(List.of("RECEIVED NEW_SESSION_TICKET application", "RECEIVED NEW_SESSION_TICKET application",
                "RECEIVED CERTIFICATE_REQUEST application", "SENT CERTIFICATE application", "SENT FINISHED application"), clientTrace.stream().filter(l -> l.endsWith(" application")).toList());
        HandshakeTest.exchange(client, server, "still fine");
    }

    @Test
    void unsolicitedCertificateAfterTheHandshakeIsUnexpected() {
        List<String> serverLog = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(308).keyLog(KeyLog.to(serverLog::add)).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(309).build());
        Peers.pump(client, server);
        RecordLayer asClient = Tamper.writer(CipherSuite.TLS_AES_128_GCM_SHA256, Tamper.secret(serverLog, "CLIENT_TRAFFIC_SECRET_0"));
        byte[] certificate = Tamper.seal(asClient, ContentType.HANDSHAKE,
                new Certificate(Opaque.EMPTY, List.of()).frame().wireBytes().bytes());
        TlsException e = assertThrows(TlsException.class, () -> server.receive(certificate, 0, certificate.length));
        assertEquals(Optional.of(Violation.UNEXPECTED_MESSAGE), e.violation());
    }

    @Test
    void postHandshakeCertificateRequestWithoutTheExtensionIsUnexpected() {
        // RFC 8446 §4.6.2: "servers MUST NOT send a post-handshake CertificateRequest to clients which do not offer
        // this extension" -> unexpected_message.
        List<String> serverLog = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(310).build(), "localhost");
        // No tickets: the forged record below is then the first under the server's application key.
        TlsEngine server = TlsEngine.server(Peers.server(311).ticketCount(0).keyLog(KeyLog.to(serverLog::add)).build());
        byte[] hello = Peers.drain(client);
        server.receive(hello, 0, hello.length);
        Peers.pump(client, server);
        SecretBytes serverApp = Tamper.secret(serverLog, "SERVER_TRAFFIC_SECRET_0");
        RecordLayer asServer = Tamper.writer(CipherSuite.TLS_AES_128_GCM_SHA256, serverApp);
        CertificateRequest request = new CertificateRequest(Opaque.of(new byte[] {1}), ExtensionBlock.of(
                ExtensionContext.CERTIFICATE_REQUEST, new SignatureAlgorithms(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256.code()))));
        byte[] record = Tamper.seal(asServer, ContentType.HANDSHAKE, request.frame().wireBytes().bytes());
        TlsException e = assertThrows(TlsException.class, () -> client.receive(record, 0, record.length));
        assertEquals(Optional.of(Violation.UNEXPECTED_MESSAGE), e.violation());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        assertTrue(!ClientHelloOffers.postHandshakeAuth(hello), "the client did not offer post_handshake_auth");
    }

    static TraceListener recorder(List<String> lines) {
        return new TraceListener() {
            @Override
            public void handshakeMessage(Direction direction, dev.tlsworkbook.handshake.message.HandshakeMessage message,
                    Opaque wireBytes, String epoch) {
                lines.add(direction + " " + message.type().name() + " " + epoch);
            }
        };
    }

    /** What a ClientHello on the wire offers. */
    static final class ClientHelloOffers {
        static boolean postHandshakeAuth(byte[] helloRecord) {
            byte[] body = Tamper.plaintextHandshake(helloRecord);
            dev.tlsworkbook.handshake.message.ClientHello ch = dev.tlsworkbook.handshake.message.ClientHello.decode(
                    dev.tlsworkbook.handshake.message.HandshakeFrame.parse(Opaque.of(body)).bodyReader());
            return ch.extensions().contains(ExtensionType.POST_HANDSHAKE_AUTH);
        }
    }
}
