package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.io.EchoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Certificate types across implementations: our client verifies OpenSSL's CertificateVerify for
 * each key type, and our server, holding an RSA and an ECDSA chain at once (as
 * {@code s_server -cert … -dcert …} does), picks the one the client's signature_algorithms accept.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CertificateInteropTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"EC_P256, ECDSA_SECP256R1_SHA256", "EC_P384, ECDSA_SECP384R1_SHA384",
            "RSA_2048, RSA_PSS_RSAE_SHA256", "ED25519, ED25519"})
    void ourClientVerifiesOpenSslsSignatureForEachKeyType(KeyKind kind, SignatureScheme expected) throws Exception {
        InteropPki pki = InteropPki.create(dir, kind);
        try (ExternalProcess server = ExternalProcess.start(dir, "openssl", "s_server", "-accept", "127.0.0.1:0",
                "-tls1_3", "-cert", pki.certPem.toString(), "-key", pki.keyPem.toString(), "-naccept", "1", "-rev")) {
            HandshakeSummary summary = OurClientVsOpenSslServerTest.reverseRoundTrip(server, pki.client().build());
            assertEquals(expected, summary.signatureScheme().orElseThrow());
        }
    }

    @Test
    void ourServerPicksTheChainTheClientsSignatureAlgorithmsAccept() throws Exception {
        InteropPki ec = InteropPki.create(Files.createDirectory(dir.resolve("ec")), KeyKind.EC_P256);
        // The RSA chain comes from the same CA, so one CA file verifies both.
        var rsa = ec.pki.issueLocalhost(KeyKind.RSA_2048);
        BlockingQueue<HandshakeSummary> summaries = new LinkedBlockingQueue<>();
        try (TlsServer server = TlsServer.start(0, ec.server().certificates(List.of(rsa, ec.localhost)).build(), c -> {
            summaries.add(c.summary());
            EchoServer.echo(c.transport());
        })) {
            assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, handshake(server.port(), ec, "rsa_pss_rsae_sha256", summaries));
            assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256,
                    handshake(server.port(), ec, "ecdsa_secp256r1_sha256", summaries));
        }
    }

    private SignatureScheme handshake(int port, InteropPki pki, String sigalgs, BlockingQueue<HandshakeSummary> summaries)
            throws Exception {
        try (ExternalProcess client = ExternalProcess.start(dir, "openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-tls1_3", "-servername", "localhost", "-verify_hostname", "localhost", "-CAfile", pki.caPem.toString(),
                "-verify_return_error", "-sigalgs", sigalgs)) {
            client.send("ping\n");
            client.await("(?m)^ping\\s*$", Duration.ofSeconds(10));
            client.await("Verification: OK", Duration.ofSeconds(1));
            client.closeInput();
            assertEquals(0, client.waitFor(Duration.ofSeconds(10)), client.output());
        }
        HandshakeSummary summary = summaries.poll(5, TimeUnit.SECONDS);
        assertNotNull(summary, "our server completed no handshake");
        return summary.signatureScheme().orElseThrow();
    }
}
