package dev.tlsworkbook.starttls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SMTP client against our SMTP server on loopback, at each of Postfix's security levels: what
 * is delivered, what is refused before any mail is sent, and the log lines in Postfix's words.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SmtpStartTlsTest {
    @TempDir
    Path maildir;
    private final List<String> clientLog = new CopyOnWriteArrayList<>();

    @Test
    void verifyLevelDeliversOverTlsAndLogsVerified() throws Exception {
        try (MailFixture mx = new MailFixture(maildir, true, false, Set.of())) {
            SmtpClient.Result result = send(mx, SecurityLevel.VERIFY, Set.of());
            assertTrue(result.delivered(), result.reply());
            int port = mx.port(MailServer.Protocol.SMTP);
            String line = clientLog.stream().filter(l -> l.startsWith("Verified TLS")).findFirst().orElseThrow();
            assertTrue(line.matches("Verified TLS connection established to localhost\\[127\\.0\\.0\\.1\\]:" + port
                    + ": TLSv1\\.3 with cipher TLS_\\w+ \\(\\d+/\\d+ bits\\) key-exchange \\w+ server-signature ECDSA"
                    + " \\(P-256\\) server-digest SHA256"), line);
            String delivered = onlyMessage(mx);
            assertTrue(delivered.contains("\t(using TLSv1.3 with cipher "), delivered);
            assertTrue(delivered.contains("with ESMTPS"), delivered);
            assertTrue(delivered.contains("\r\n.leading dot survives\r\n"), "dot-stuffing undone: " + delivered);
            assertTrue(mx.log.stream().anyMatch(l -> l.startsWith("Anonymous TLS connection established from localhost[127.0.0.1]: TLSv1.3 with cipher ")),
                    mx.log.toString());
        }
    }

    @Test
    void verifyLevelRefusesACertificateForAnotherNameAndSendsNothing() throws Exception {
        CertifiedKey other = MailFixture.PKI.issue("CN=mx.other.test", KeyKind.EC_P256, List.of("mx.other.test"), List.of());
        try (MailFixture mx = new MailFixture(maildir, Optional.of(other), false, Set.of())) {
            SmtpClient.Result result = send(mx, SecurityLevel.VERIFY, Set.of());
            assertFalse(result.delivered());
            assertTrue(result.reply().contains("TLS handshake with localhost[127.0.0.1] failed"), result.reply());
            assertEquals(List.of(), mx.store.messages());
        }
    }

    @Test
    void secureLevelAcceptsTheNextHopOrASubdomainOfIt() throws Exception {
        try (MailFixture mx = new MailFixture(maildir, true, false, Set.of())) {
            SmtpClientConfig base = MailFixture.client(SecurityLevel.SECURE, Set.of(), clientLog);
            SmtpClientConfig secure = base.withNextHop("example.test");
            SmtpClient.Result result = new SmtpClient(secure).send("localhost", mx.port(MailServer.Protocol.SMTP),
                    "bob@client.test", List.of("alice@example.test"), MailFixture.message("secure"));
            assertTrue(result.delivered(), result.reply());
            assertEquals(Optional.of(TlsLogLine.Trust.VERIFIED), result.trust());

            SmtpClientConfig wrongDomain = base.withNextHop("elsewhere.test");
            SmtpClient.Result refused = new SmtpClient(wrongDomain).send("localhost", mx.port(MailServer.Protocol.SMTP),
                    "bob@client.test", List.of("alice@example.test"), MailFixture.message("secure"));
            assertFalse(refused.delivered());
            assertTrue(refused.reply().contains("names neither elsewhere.test nor a subdomain"), refused.reply());
            assertEquals(1, mx.store.messages().size());
        }
    }

    @Test
    void fingerprintLevelTrustsOnlyListedCertificates() throws Exception {
        try (MailFixture mx = new MailFixture(maildir, true, false, Set.of())) {
            String fp = SmtpSession.fingerprint(MailFixture.MX.chain().certificates().get(0));
            assertTrue(send(mx, SecurityLevel.FINGERPRINT, Set.of("00".repeat(32), SmtpSession.colonHex(fp))).delivered());
            SmtpClient.Result wrong = send(mx, SecurityLevel.FINGERPRINT, Set.of("11".repeat(32)));
            assertFalse(wrong.delivered());
            assertTrue(wrong.reply().contains("is not listed"), wrong.reply());
            assertEquals(1, mx.store.messages().size());
        }
    }

    @Test
    void mayLevelDeliversInPlaintextWhenStartTlsIsNotOfferedAndSaysSo() throws Exception {
        try (MailFixture mx = new MailFixture(maildir, false, false, Set.of())) {
            assertTrue(send(mx, SecurityLevel.MAY, Set.of()).delivered());
            assertTrue(clientLog.stream().anyMatch(l -> l.startsWith("plaintext connection to localhost[127.0.0.1]:")
                    && l.endsWith("(STARTTLS not offered)")), clientLog.toString());
            assertFalse(onlyMessage(mx).contains("(using TLS"));
        }
    }

    @Test
    void mayLevelUsesTlsWhenOfferedAndLogsTrustedWithoutANameCheck() throws Exception {
        try (MailFixture mx = new MailFixture(maildir, true, false, Set.of())) {
            SmtpClient.Result result = send(mx, SecurityLevel.MAY, Set.of());
            assertEquals(Optional.of(TlsLogLine.Trust.TRUSTED), result.trust());
            assertTrue(clientLog.stream().anyMatch(l -> l.startsWith("Trusted TLS connection established to")), clientLog.toString());
        }
    }

    @Test
    void encryptLevelRefusesAServerWithoutStartTls() throws Exception {
        try (MailFixture mx = new MailFixture(maildir, false, false, Set.of())) {
            SmtpClient.Result result = send(mx, SecurityLevel.ENCRYPT, Set.of());
            assertFalse(result.delivered());
            assertTrue(result.reply().startsWith("TLS is required, but was not offered by host localhost[127.0.0.1]"),
                    result.reply());
            assertEquals(List.of(), mx.store.messages());
        }
    }

    @Test
    void serverThatRequiresTlsRefusesMailBeforeStartTls() throws Exception {
        try (MailFixture mx = new MailFixture(maildir, true, true, Set.of());
                ScriptedSmtp client = ScriptedSmtp.connect(mx.port(MailServer.Protocol.SMTP))) {
            client.expect("220 ");
            client.send("EHLO client.test\r\n");
            client.expectLastLine("250 ");
            client.send("MAIL FROM:<bob@client.test>\r\n");
            assertEquals("530 5.7.0 Must issue a STARTTLS command first", client.line());
        }
    }

    @Test
    void relayingWithoutAListedClientCertificateIsRefused() throws Exception {
        try (MailFixture mx = new MailFixture(maildir, true, false, Set.of("ab".repeat(32)));
                ScriptedSmtp client = ScriptedSmtp.connect(mx.port(MailServer.Protocol.SMTP))) {
            client.expect("220 ");
            client.send("EHLO client.test\r\n");
            client.expectLastLine("250 ");
            client.send("MAIL FROM:<bob@client.test>\r\n");
            client.expect("250 ");
            client.send("RCPT TO:<carol@elsewhere.test>\r\n");
            assertEquals("554 5.7.1 <carol@elsewhere.test>: Relay access denied", client.line());
            client.send("RCPT TO:<alice@example.test>\r\n");
            assertEquals("250 2.1.5 Ok", client.line());
        }
    }

    @Test
    void aClientWithAListedCertificateRelaysAndTheServerLogsItAsTrusted() throws Exception {
        CertifiedKey relay = MailFixture.PKI.issueClient("CN=relay.client.test", KeyKind.EC_P256);
        String fingerprint = SmtpSession.fingerprint(relay.chain().leaf());
        try (MailFixture mx = new MailFixture(maildir, true, false, Set.of(fingerprint))) {
            SmtpClient.Result result = relay(mx, relay);
            assertTrue(result.delivered(), result.reply());
            // Postfix: "localhost[127.0.0.1]: Trusted: subject_CN=…, issuer=…, fingerprint=AA:BB:…".
            String expected = "localhost[127.0.0.1]: Trusted: subject_CN=relay.client.test, issuer="
                    + MailFixture.ca().getSubjectX500Principal().getName().replaceFirst("^CN=([^,]*).*$", "$1")
                    + ", fingerprint=" + SmtpSession.colonHex(fingerprint);
            assertTrue(mx.log.contains(expected), expected + " in " + mx.log);
            assertTrue(fingerprint.length() == 64 && expected.matches(".*fingerprint=([0-9A-F]{2}:){31}[0-9A-F]{2}"), expected);
            assertTrue(onlyMessage(mx).contains("(Client CN \"CN=relay.client.test\""), "Received: names the client");
        }
    }

    @Test
    void aClientWithAListedCertificateRelaysOverTls12Too() throws Exception {
        // RFC 5246 §7.4.4: a TLS 1.2 client is asked for its certificate as a TLS 1.3 one is.
        CertifiedKey relay = MailFixture.PKI.issueClient("CN=relay12.client.test", KeyKind.RSA_2048);
        String fingerprint = SmtpSession.fingerprint(relay.chain().leaf());
        try (MailFixture mx = new MailFixture(maildir, true, false, Set.of(fingerprint))) {
            SmtpClientConfig config = MailFixture.client(SecurityLevel.VERIFY, Set.of(), clientLog)
                    .withClientCertificates(List.of(relay))
                    .withTls(tls -> tls.versions(dev.tlsworkbook.tls12.Tls12.support())
                            .cipherSuites(dev.tlsworkbook.negotiation.Tls12Suites.DEFAULT), MailLines.Dialogue.NONE);
            SmtpClient.Result result = new SmtpClient(config).send("localhost", mx.port(MailServer.Protocol.SMTP),
                    "bob@client.test", List.of("carol@elsewhere.test"), MailFixture.message("relay over 1.2"));
            assertTrue(result.delivered(), result.reply());
            assertTrue(mx.log.contains("localhost[127.0.0.1]: Trusted: subject_CN=relay12.client.test, issuer="
                    + MailFixture.ca().getSubjectX500Principal().getName().replaceFirst("^CN=([^,]*).*$", "$1")
                    + ", fingerprint=" + SmtpSession.colonHex(fingerprint)), mx.log.toString());
            assertTrue(mx.log.stream().anyMatch(l -> l.startsWith("Trusted TLS connection established from localhost[127.0.0.1]: TLSv1.2 ")),
                    mx.log.toString());
        }
    }

    @Test
    void aClientWithAnUnlistedCertificateGetsTlsButMayNotRelay() throws Exception {
        CertifiedKey listed = MailFixture.PKI.issueClient("CN=relay.client.test", KeyKind.EC_P256);
        CertifiedKey unlisted = MailFixture.PKI.issueClient("CN=other.client.test", KeyKind.EC_P256);
        try (MailFixture mx = new MailFixture(maildir, true, false, Set.of(SmtpSession.fingerprint(listed.chain().leaf())))) {
            SmtpClient.Result result = relay(mx, unlisted);
            assertFalse(result.delivered());
            assertTrue(result.reply().contains("554 5.7.1 <carol@elsewhere.test>: Relay access denied"), result.reply());
            assertTrue(mx.log.stream().anyMatch(l -> l.startsWith("localhost[127.0.0.1]: Untrusted: subject_CN=other.client.test, ")),
                    mx.log.toString());
            assertEquals(List.of(), mx.store.messages());
        }
    }

    @Test
    void aServerThatAsksForACertificateSaysSoInTheReceivedHeader() throws Exception {
        try (MailFixture mx = new MailFixture(maildir, true, false, Set.of("ab".repeat(32)))) {
            SmtpClient.Result result = send(mx, SecurityLevel.VERIFY, Set.of());
            assertTrue(result.delivered(), result.reply());
            // Relay fingerprints make the server ask (smtpd_tls_ask_ccert); a client without a certificate stays anonymous.
            assertTrue(onlyMessage(mx).contains("\t(Client did not present a certificate)\r\n"), "Received: header");
            assertTrue(mx.log.stream().anyMatch(l -> l.startsWith("Anonymous TLS connection established from localhost[127.0.0.1]: ")),
                    mx.log.toString());
        }
    }

    /** Our client at verify, presenting {@code certificate}, sending to a domain the server does not serve. */
    private SmtpClient.Result relay(MailFixture mx, CertifiedKey certificate) throws Exception {
        SmtpClientConfig config = MailFixture.client(SecurityLevel.VERIFY, Set.of(), clientLog)
                .withClientCertificates(List.of(certificate));
        return new SmtpClient(config).send("localhost", mx.port(MailServer.Protocol.SMTP), "bob@client.test",
                List.of("carol@elsewhere.test"), MailFixture.message("relay"));
    }

    private SmtpClient.Result send(MailFixture mx, SecurityLevel level, Set<String> fingerprints) throws Exception {
        return new SmtpClient(MailFixture.client(level, fingerprints, clientLog)).send("localhost",
                mx.port(MailServer.Protocol.SMTP), "bob@client.test", List.of("alice@example.test"),
                MailFixture.message(level.toString()));
    }

    private static String onlyMessage(MailFixture mx) throws Exception {
        List<Path> all = mx.store.messages();
        assertEquals(1, all.size());
        return Files.readString(all.get(0), StandardCharsets.ISO_8859_1);
    }
}
