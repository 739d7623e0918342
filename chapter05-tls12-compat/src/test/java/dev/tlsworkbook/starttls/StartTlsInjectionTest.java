package dev.tlsworkbook.starttls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.engine.TlsTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The STARTTLS injection attacks (CVE-2011-0411 and its client-side twin): plaintext that arrives
 * in the same segment as the STARTTLS command or its reply must never be read as if it had come
 * through TLS; and a peer that drops the connection in the middle of the upgrade ends cleanly.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StartTlsInjectionTest {
    @TempDir
    Path maildir;

    @Test
    void serverDiscardsCommandsPipelinedAfterStartTls() throws Exception {
        try (MailFixture mx = new MailFixture(maildir, true, false, Set.of());
                ScriptedSmtp client = ScriptedSmtp.connect(mx.port(MailServer.Protocol.SMTP))) {
            client.expect("220 ");
            client.send("EHLO client.test\r\n");
            client.expectLastLine("250 ");
            // The attacker's MAIL FROM rides in the same segment as STARTTLS, in plaintext.
            client.send("STARTTLS\r\nMAIL FROM:<attacker@evil.test>\r\n");
            client.expect("220 ");
            client.startTls();
            client.send("EHLO client.test\r\n");
            client.expectLastLine("250 ");
            // Had the injected MAIL been kept, this RCPT would be accepted.
            client.send("RCPT TO:<alice@example.test>\r\n");
            assertEquals("503 5.5.1 Error: need MAIL command", client.line());
            assertTrue(mx.log.stream().anyMatch(l -> l.startsWith("discarded 32 byte(s) the client sent in plaintext after STARTTLS")),
                    mx.log.toString());
        }
    }

    @Test
    void clientIgnoresAReplyInjectedBeforeTheHandshake() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> server = CompletableFuture.supplyAsync(() -> injectingServer(listener));
            List<String> clientLog = new CopyOnWriteArrayList<>();
            SmtpClient.Result result = new SmtpClient(MailFixture.client(SecurityLevel.VERIFY, Set.of(), clientLog))
                    .send("localhost", listener.getLocalPort(), "bob@client.test", List.of("alice@example.test"),
                            MailFixture.message("injection"));
            List<String> seenByServer = server.get(20, TimeUnit.SECONDS);
            assertTrue(clientLog.stream().anyMatch(l -> l.startsWith("discarded 23 byte(s) the server sent in plaintext after STARTTLS")),
                    clientLog.toString());
            // The injected "250" would have answered our post-TLS EHLO; the client instead read the real reply.
            assertTrue(result.delivered(), result.reply());
            assertEquals("EHLO localhost", seenByServer.get(0));
            assertEquals("MAIL FROM:<bob@client.test>", seenByServer.get(1));
        }
    }

    @Test
    void clientSurvivesAServerThatDropsTheConnectionInTheUpgrade() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    MailLines lines = new MailLines(new dev.tlsworkbook.io.SocketTransport(s));
                    lines.writeLine("220 mx ESMTP");
                    lines.readLine();
                    lines.writeLine("250-mx");
                    lines.writeLine("250 STARTTLS");
                    lines.readLine();
                    lines.writeLine("220 go ahead");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            List<String> clientLog = new CopyOnWriteArrayList<>();
            SmtpClient.Result result = new SmtpClient(MailFixture.client(SecurityLevel.ENCRYPT, Set.of(), clientLog))
                    .send("localhost", listener.getLocalPort(), "bob@client.test", List.of("alice@example.test"),
                            MailFixture.message("dropped"));
            assertFalse(result.delivered());
            assertTrue(result.reply().contains("TLS handshake with localhost[127.0.0.1] failed"), result.reply());
        }
    }

    @Test
    void serverSurvivesAClientThatDropsTheConnectionInTheUpgrade() throws Exception {
        try (MailFixture mx = new MailFixture(maildir, true, false, Set.of())) {
            try (ScriptedSmtp client = ScriptedSmtp.connect(mx.port(MailServer.Protocol.SMTP))) {
                client.expect("220 ");
                client.send("EHLO client.test\r\n");
                client.expectLastLine("250 ");
                client.send("STARTTLS\r\n");
                client.expect("220 ");
                client.closeAbruptly();
            }
            // The server goes on serving others.
            List<String> clientLog = new CopyOnWriteArrayList<>();
            assertTrue(new SmtpClient(MailFixture.client(SecurityLevel.VERIFY, Set.of(), clientLog)).send("localhost",
                    mx.port(MailServer.Protocol.SMTP), "bob@client.test", List.of("alice@example.test"),
                    MailFixture.message("after a dropped one")).delivered());
        }
    }

    /** Answers STARTTLS with its 220 and, in the same write, a forged 250 (23 bytes), then speaks real TLS. */
    private static List<String> injectingServer(ServerSocket listener) {
        List<String> commands = new CopyOnWriteArrayList<>();
        try (Socket s = listener.accept()) {
            s.setSoTimeout(10_000);
            dev.tlsworkbook.io.SocketTransport plain = new dev.tlsworkbook.io.SocketTransport(s);
            MailLines lines = new MailLines(plain);
            lines.writeLine("220 mx ESMTP");
            lines.readLine();
            lines.writeLine("250-mx\r\n250 STARTTLS");
            lines.readLine();
            lines.write("220 ready\r\n250 forged-ehlo-reply\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            TlsTransport tls = TlsTransport.server(plain, TlsConfig.builder().certificates(MailFixture.MX)
                    .clock(MailFixture.CLOCK).build());
            tls.handshake();
            MailLines secure = new MailLines(tls);
            String line;
            while ((line = secure.readLine().orElse("QUIT")) != null) {
                commands.add(line);
                String verb = line.split(" ")[0];
                switch (verb) {
                    case "EHLO" -> secure.writeLine("250 mx");
                    case "MAIL", "RCPT" -> secure.writeLine("250 ok");
                    case "DATA" -> {
                        secure.writeLine("354 go");
                        while (!secure.readLine().orElse(".").equals(".")) {
                            // the body
                        }
                        secure.writeLine("250 queued");
                    }
                    default -> {
                        secure.writeLine("221 bye");
                        return commands;
                    }
                }
            }
            return commands;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
