package dev.tlsworkbook.handshake.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {

    @Test
    void theCaIsASelfSignedCaCertificate() throws Exception {
        X509Certificate ca = Fixtures.pki().caCertificate();
        assertEquals("CN=tls-workbook test CA", ca.getSubjectX500Principal().getName());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        ca.verify(ca.getPublicKey());
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints());
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");
    }

    @Test
    void localhostCertificatesCarryTheSansAndTheClocksValidity() throws Exception {
        X509Certificate leaf = Fixtures.localhost(KeyKind.EC_P256).chain().leaf();
        assertEquals("[DNS:localhost, IP:127.0.0.1, IP:0:0:0:0:0:0:0:1]", HostnameMatcher.describeSubjectAltNames(leaf));
        assertEquals(Fixtures.ISSUED, leaf.getNotBefore().toInstant());
        assertEquals(Fixtures.ISSUED.plus(Duration.ofDays(30)), leaf.getNotAfter().toInstant());
        assertEquals(-1, leaf.getBasicConstraints());
        assertTrue(leaf.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
        leaf.verify(Fixtures.pki().caCertificate().getPublicKey());
    }

    @Test
    void issuesEveryKeyKindTlsSignsWith() {
        for (KeyKind kind : KeyKind.values()) {
            if (kind == KeyKind.RSA_3072 || kind == KeyKind.RSA_4096) {
                continue; // slow key generation; covered by CertificateVerifySignatureTest
            }
            CertifiedKey key = Fixtures.localhost(kind);
            assertTrue(CertificateVerifySignature.chooseScheme(key.chain().publicKey(),
                    allCodes()).isPresent(), kind.toString());
        }
    }

    @Test
    void aPssCaSignsWithRsassaPss() {
        TestPki pssPki = TestPki.create("CN=PSS CA", KeyKind.RSASSA_PSS_2048, Fixtures.ISSUE_CLOCK, Fixtures.random(),
                Duration.ofDays(1));
        X509Certificate leaf = pssPki.issueLocalhost(KeyKind.EC_P256).chain().leaf();
        assertEquals("1.2.840.113549.1.1.10", leaf.getSigAlgOID());
        assertEquals(java.util.Set.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_PSS_SHA256),
                CertificateSignatures.schemesOf(leaf));
        assertTrue(TrustPolicy.verify(List.of(pssPki.caCertificate()), Fixtures.NOW)
                .authenticateServer(List.of(leaf), "localhost").isTrusted());
    }

    @Test
    @Timeout(60)
    void opensslAcceptsTheWrittenPemFiles(@TempDir Path dir) throws Exception {
        // openssl is an interop peer the build requires (.ci/run installs it): missing means failing.
        assertTrue(opensslAvailable(), "openssl is not installed; install it (apt-get install openssl)");
        TestPki pki = TestPki.create(Clock.systemUTC(), Fixtures.random()).intermediate("CN=Intermediate", KeyKind.EC_P384);
        CertifiedKey server = pki.issueLocalhost(KeyKind.RSA_2048);
        Path ca = dir.resolve("ca.pem");
        Path chain = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        pki.writeCaPem(ca);
        TestPki.writePem(server, chain, key);
        Files.writeString(dir.resolve("leaf.pem"), Pem.encodeCertificates(List.of(server.chain().leaf())));
        assertEquals(dir.resolve("leaf.pem") + ": OK", openssl("verify", "-CAfile", ca.toString(), "-untrusted",
                chain.toString(), "-verify_hostname", "localhost", "-verify_ip", "127.0.0.1",
                dir.resolve("leaf.pem").toString()).strip());
        assertTrue(openssl("pkey", "-in", key.toString(), "-noout", "-text").contains("Private-Key: (2048 bit"));
    }

    private static List<Integer> allCodes() {
        List<Integer> codes = new ArrayList<>();
        for (SignatureScheme scheme : SignatureScheme.values()) {
            codes.add(scheme.code());
        }
        return codes;
    }

    private static boolean opensslAvailable() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl timed out");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
