package dev.tlsworkbook.starttls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.engine.interop.ExternalProcess;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real mail software against our servers and our client, over loopback: OpenSSL's
 * {@code s_client -starttls}, curl (SMTP, IMAP, IMAPS, POP3), swaks, and aiosmtpd as an
 * independent SMTP server with STARTTLS.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MailInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private Path caFile;

    @BeforeEach
    void writeCa() throws IOException {
        caFile = dir.resolve("ca.pem");
        MailFixture.PKI.writeCaPem(caFile);
    }

    @ParameterizedTest(name = "{0} over TLS {1}")
    @CsvSource({"smtp, 1.3", "smtp, 1.2", "imap, 1.3", "imap, 1.2", "pop3, 1.3", "pop3, 1.2"})
    void opensslCompletesStartTlsOnEachProtocolAndVersion(String protocol, String version) throws Exception {
        try (MailFixture mx = new MailFixture(dir.resolve("mail"), true, false, Set.of())) {
            MailServer.Protocol p = MailServer.Protocol.valueOf(protocol.toUpperCase(java.util.Locale.ROOT));
            try (ExternalProcess client = ExternalProcess.start(dir, "openssl", "s_client", "-starttls", protocol,
                    "-tls" + version.replace('.', '_'), "-connect", "127.0.0.1:" + mx.port(p), "-servername", "localhost",
                    "-CAfile", caFile.toString(), "-verify_return_error", "-brief", "-ign_eof")) {
                client.await("Protocol version: TLSv" + java.util.regex.Pattern.quote(version), WAIT);
                client.await("Verification: OK", WAIT);
                client.send(protocol.equals("imap") ? "a LOGOUT\r\n" : "QUIT\r\n");
                client.await(protocol.equals("smtp") ? "221 2\\.0\\.0 Bye" : protocol.equals("imap") ? "a OK LOGOUT" : "\\+OK bye",
                        WAIT);
            }
            assertTrue(mx.log.stream().anyMatch(l -> l.startsWith("Anonymous TLS connection established from localhost[127.0.0.1]: TLSv"
                    + version + " with cipher ")), mx.log.toString());
        }
    }

    @Test
    void curlDeliversOverSmtpWithStartTlsAndReadsItBackOverImapImapsAndPop3() throws Exception {
        try (MailFixture mx = new MailFixture(dir.resolve("mail"), true, false, Set.of())) {
            Path message = dir.resolve("message.eml");
            Files.write(message, MailFixture.message("sent by curl"));
            run("curl", "-sS", "--ssl-reqd", "--cacert", caFile.toString(),
                    "smtp://localhost:" + mx.port(MailServer.Protocol.SMTP), "--mail-from", "bob@client.test",
                    "--mail-rcpt", "alice@example.test", "--upload-file", message.toString());
            assertEquals(1, mx.store.messages().size());
            String stored = Files.readString(mx.store.messages().get(0), StandardCharsets.ISO_8859_1);
            assertTrue(stored.contains("(using TLSv1.3 with cipher"), stored);

            String imaps = run("curl", "-sS", "--cacert", caFile.toString(), "-u", "alice:secret",
                    "imaps://localhost:" + mx.port(MailServer.Protocol.IMAPS) + "/INBOX;MAILINDEX=1");
            assertTrue(imaps.contains("Subject: sent by curl"), imaps);
            String imap = run("curl", "-sS", "--ssl-reqd", "--cacert", caFile.toString(), "-u", "alice:secret",
                    "imap://localhost:" + mx.port(MailServer.Protocol.IMAP) + "/INBOX;MAILINDEX=1");
            assertTrue(imap.contains("Subject: sent by curl"), imap);
            String pop3 = run("curl", "-sS", "--ssl-reqd", "--cacert", caFile.toString(), "-u", "alice:secret",
                    "pop3://localhost:" + mx.port(MailServer.Protocol.POP3) + "/1");
            assertTrue(pop3.contains("Subject: sent by curl"), pop3);
            assertTrue(pop3.contains("\n.leading dot survives"), pop3);
        }
    }

    @Test
    void swaksDeliversWithTls() throws Exception {
        try (MailFixture mx = new MailFixture(dir.resolve("mail"), true, true, Set.of())) {
            String out = run("swaks", "--server", "127.0.0.1:" + mx.port(MailServer.Protocol.SMTP), "--tls",
                    "--from", "bob@client.test", "--to", "alice@example.test", "--header", "Subject: swaks");
            assertTrue(out.contains("<~  250 2.0.0 Ok: queued as"), out);
            assertEquals(1, mx.store.messages().size());
        }
    }

    @Test
    void swaksRelaysWithAListedClientCertificateAndIsRefusedWithoutOne() throws Exception {
        CertifiedKey relay = MailFixture.PKI.issueClient("CN=swaks.client.test", KeyKind.EC_P256);
        Path cert = dir.resolve("client.pem");
        Path key = dir.resolve("client-key.pem");
        TestPki.writePem(relay, cert, key);
        try (MailFixture mx = new MailFixture(dir.resolve("mail"), true, false,
                Set.of(SmtpSession.fingerprint(relay.chain().leaf())))) {
            String server = "127.0.0.1:" + mx.port(MailServer.Protocol.SMTP);
            String relayed = run("swaks", "--server", server, "--tls", "--tls-cert", cert.toString(), "--tls-key",
                    key.toString(), "--from", "bob@client.test", "--to", "carol@elsewhere.test", "--header", "Subject: relayed");
            assertTrue(relayed.contains("<~  250 2.0.0 Ok: queued as"), relayed);
            assertEquals(1, mx.store.messages().size());
            assertTrue(mx.log.stream().anyMatch(l -> l.startsWith("localhost[127.0.0.1]: Trusted: subject_CN=swaks.client.test, ")),
                    mx.log.toString());

            try (ExternalProcess refused = ExternalProcess.start(dir, "swaks", "--server", server, "--tls", "--from",
                    "bob@client.test", "--to", "carol@elsewhere.test", "--header", "Subject: refused")) {
                refused.closeInput();
                int exit = refused.waitFor(WAIT);
                assertTrue(exit != 0, refused.output());
                assertTrue(refused.output().contains("<~* 554 5.7.1 <carol@elsewhere.test>: Relay access denied"),
                        refused.output());
            }
            assertEquals(1, mx.store.messages().size());
        }
    }

    @Test
    void swaksRelaysOverTls12WithAListedClientCertificate() throws Exception {
        CertifiedKey relay = MailFixture.PKI.issueClient("CN=swaks12.client.test", KeyKind.EC_P256);
        Path cert = dir.resolve("client12.pem");
        Path key = dir.resolve("client12-key.pem");
        TestPki.writePem(relay, cert, key);
        try (MailFixture mx = new MailFixture(dir.resolve("mail12"), true, false,
                Set.of(SmtpSession.fingerprint(relay.chain().leaf())))) {
            String relayed = run("swaks", "--server", "127.0.0.1:" + mx.port(MailServer.Protocol.SMTP), "--tls",
                    "--tls-protocol", "tlsv1_2", "--tls-cert", cert.toString(), "--tls-key", key.toString(),
                    "--from", "bob@client.test", "--to", "carol@elsewhere.test", "--header", "Subject: relayed over 1.2");
            assertTrue(relayed.contains("<~  250 2.0.0 Ok: queued as"), relayed);
            assertEquals(1, mx.store.messages().size());
            assertTrue(mx.log.stream().anyMatch(l -> l.startsWith("localhost[127.0.0.1]: Trusted: subject_CN=swaks12.client.test, ")),
                    mx.log.toString());
            assertTrue(mx.log.stream().anyMatch(l -> l.contains("TLS connection established from localhost[127.0.0.1]: TLSv1.2 ")),
                    mx.log.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = SecurityLevel.class, names = {"MAY", "ENCRYPT", "VERIFY", "SECURE", "FINGERPRINT"})
    void ourClientDeliversToAiosmtpdAtEachLevel(SecurityLevel level) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Aiosmtpd server = Aiosmtpd.start(dir, Optional.of(MailFixture.MX))) {
            String fp = SmtpSession.fingerprint(MailFixture.MX.chain().certificates().get(0));
            SmtpClientConfig base = MailFixture.client(level, level == SecurityLevel.FINGERPRINT ? Set.of(fp) : Set.of(), log);
            SmtpClientConfig config = base.withNextHop("example.test");
            SmtpClient.Result result = new SmtpClient(config).send("localhost", server.port, "bob@client.test",
                    List.of("alice@example.test"), MailFixture.message("to aiosmtpd at " + level));
            assertTrue(result.delivered(), result.reply() + " " + log);
            server.process.await("Subject: to aiosmtpd at " + level, WAIT);
            String expected = level.authenticates() ? "Verified" : "Trusted";
            assertTrue(log.stream().anyMatch(l -> l.startsWith(expected + " TLS connection established to localhost[127.0.0.1]:"
                    + server.port + ": TLSv1.3 with cipher ")), log.toString());
        }
    }

    @Test
    void mayDeliversInPlaintextToAServerWithoutStartTls() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Aiosmtpd server = Aiosmtpd.start(dir, Optional.empty())) {
            SmtpClient.Result result = new SmtpClient(MailFixture.client(SecurityLevel.MAY, Set.of(), log))
                    .send("localhost", server.port, "bob@client.test", List.of("alice@example.test"),
                            MailFixture.message("plaintext to aiosmtpd"));
            assertTrue(result.delivered(), result.reply());
            server.process.await("Subject: plaintext to aiosmtpd", WAIT);
            assertTrue(log.stream().anyMatch(l -> l.startsWith("plaintext connection to localhost[127.0.0.1]:")), log.toString());
        }
    }

    @Test
    void verifyRefusesAServerCertificateForAnotherNameAndSendsNothing() throws Exception {
        CertifiedKey wrong = MailFixture.PKI.issue("CN=mx.other.test", KeyKind.EC_P256, List.of("mx.other.test"), List.of());
        List<String> log = new CopyOnWriteArrayList<>();
        try (Aiosmtpd server = Aiosmtpd.start(dir, Optional.of(wrong))) {
            SmtpClient.Result result = new SmtpClient(MailFixture.client(SecurityLevel.VERIFY, Set.of(), log))
                    .send("localhost", server.port, "bob@client.test", List.of("alice@example.test"),
                            MailFixture.message("must not arrive"));
            assertFalse(result.delivered());
            assertFalse(server.process.output().contains("must not arrive"), server.process.output());
        }
    }

    private String run(String... command) throws Exception {
        try (ExternalProcess process = ExternalProcess.start(dir, command)) {
            process.closeInput();
            int exit = process.waitFor(WAIT);
            assertEquals(0, exit, String.join(" ", command) + "\n" + process.output());
            return process.output();
        }
    }

    /** aiosmtpd (Debian's python3-aiosmtpd) on a free loopback port, printing what it receives. */
    private static final class Aiosmtpd implements AutoCloseable {
        final ExternalProcess process;
        final int port;

        private Aiosmtpd(ExternalProcess process, int port) {
            this.process = process;
            this.port = port;
        }

        static Aiosmtpd start(Path dir, Optional<CertifiedKey> certificate) throws Exception {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            List<String> command = new java.util.ArrayList<>(List.of("aiosmtpd", "-n", "-l", "127.0.0.1:" + port));
            if (certificate.isPresent()) {
                Path cert = Files.createTempFile(dir, "aiosmtpd-cert", ".pem");
                Path key = Files.createTempFile(dir, "aiosmtpd-key", ".pem");
                TestPki.writePem(certificate.get(), cert, key);
                command.addAll(List.of("--tlscert", cert.toString(), "--tlskey", key.toString(), "--no-requiretls"));
            }
            ExternalProcess process = ExternalProcess.start(dir, command.toArray(String[]::new));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!listening(port)) {
                if (System.nanoTime() > deadline) {
                    process.close();
                    throw new AssertionError("aiosmtpd did not start listening: " + process.output());
                }
                Thread.sleep(100);
            }
            return new Aiosmtpd(process, port);
        }

        private static boolean listening(int port) {
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
