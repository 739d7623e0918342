package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.handshake.auth.CertificateVerifySignature;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.Side;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.SignatureAlgorithms;
import dev.tlsworkbook.handshake.message.Certificate;
import dev.tlsworkbook.handshake.message.CertificateRequest;
import dev.tlsworkbook.handshake.message.CertificateVerify;
import dev.tlsworkbook.handshake.message.Finished;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.keyschedule.Transcript;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RFC 8446 §4.3.2 / §4.4.2: a server asks for a client certificate during the handshake; our
 * client has none and "MUST send a Certificate message containing no certificates". Our server
 * never asks, so the test inserts a CertificateRequest into a real server flight and re-signs
 * CertificateVerify and recomputes Finished over the changed transcript.
 */
class ClientCertificateRequestTest {
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final HashAlgorithm HASH = SUITE.hash().orElseThrow();

    @Test
    void clientAnswersACertificateRequestWithAnEmptyCertificateBeforeItsFinished() {
        List<String> serverLog = new ArrayList<>();
        TlsEngine client = TlsEngine.client(Peers.client(90).build(), "localhost");
        TlsEngine server = TlsEngine.server(Peers.server(91, KeyKind.EC_P256).keyLog(KeyLog.to(serverLog::add)).build());
        byte[] hello = Peers.drain(client);
        server.receive(hello, 0, hello.length);
        byte[] flight = Peers.drain(server);
        SecretBytes serverHsSecret = Tamper.secret(serverLog, "SERVER_HANDSHAKE_TRAFFIC_SECRET");
        TrafficSecret serverHs = TrafficSecret.of(SecretLabel.SERVER_HANDSHAKE_TRAFFIC, HASH, serverHsSecret);
        TrafficSecret clientHs = TrafficSecret.of(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC, HASH,
                Tamper.secret(serverLog, "CLIENT_HANDSHAKE_TRAFFIC_SECRET"));

        CertificateRequest request = new CertificateRequest(Opaque.EMPTY, ExtensionBlock.of(ExtensionContext.CERTIFICATE_REQUEST,
                new SignatureAlgorithms(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256.code()))));
        Transcript[] transcript = {Transcript.of(HASH).add(Opaque.of(Tamper.plaintextHandshake(hello)))
                .add(Opaque.of(Tamper.plaintextHandshake(flight)))};
        byte[] withRequest = Tamper.rewrite(flight, SUITE, serverHsSecret, messages -> {
            List<Opaque> m = Tamper.messages(messages); // EncryptedExtensions, Certificate, CertificateVerify, Finished
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Opaque message : List.of(m.get(0), request.frame().wireBytes(), m.get(1))) {
                transcript[0] = transcript[0].add(message);
                out.writeBytes(message.bytes());
            }
            // RFC 8446 §4.4.3: the signature covers the transcript through Certificate, CertificateRequest included.
            Opaque cv = new CertificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256.code(),
                    CertificateVerifySignature.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, Peers.leaf(KeyKind.EC_P256).privateKey(),
                            transcript[0].currentHash(), Side.SERVER)).frame().wireBytes();
            transcript[0] = transcript[0].add(cv);
            Opaque finished = new Finished(serverHs.finishedVerifyData(transcript[0].currentHash())).frame().wireBytes();
            transcript[0] = transcript[0].add(finished);
            out.writeBytes(cv.bytes());
            out.writeBytes(finished.bytes());
            return out.toByteArray();
        });
        client.receive(withRequest, 0, withRequest.length);
        assertTrue(client.isHandshakeComplete());

        byte[] secondFlight = Peers.drain(client);
        List<Opaque> answer = Tamper.messages(Tamper.open(secondFlight, SUITE, clientHs.secret()));
        assertEquals(2, answer.size(), "Certificate and Finished");
        HandshakeFrame certificateFrame = HandshakeFrame.parse(answer.get(0));
        assertTrue(certificateFrame.is(HandshakeType.CERTIFICATE));
        Certificate certificate = Certificate.decode(certificateFrame.bodyReader());
        // RFC 8446 §4.4.2: the request's context echoed (empty during the handshake) and no certificates.
        assertEquals(request.certificateRequestContext(), certificate.certificateRequestContext());
        assertEquals(List.of(), certificate.certificateList());
        // RFC 8446 §4.4.4: the client's Finished covers its Certificate too.
        Opaque expectedFinished = new Finished(clientHs.finishedVerifyData(transcript[0].add(answer.get(0)).currentHash()))
                .frame().wireBytes();
        assertEquals(expectedFinished, answer.get(1));

        // Our server, which never asked, refuses the unrequested Certificate.
        TlsException e = assertThrows(TlsException.class, () -> server.receive(secondFlight, 0, secondFlight.length));
        assertEquals(Optional.of(Violation.UNEXPECTED_MESSAGE), e.violation());
    }
}
