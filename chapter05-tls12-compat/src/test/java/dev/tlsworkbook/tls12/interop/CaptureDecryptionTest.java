package dev.tlsworkbook.tls12.interop;

import dev.tlsworkbook.engine.TlsClient;
import dev.tlsworkbook.engine.TlsConnection;
import dev.tlsworkbook.engine.TlsServer;
import dev.tlsworkbook.engine.interop.ExternalProcess;
import dev.tlsworkbook.engine.interop.InteropPki;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.io.EchoServer;
import dev.tlsworkbook.keyschedule.KeyLog;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.tls12.Tls12;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A TLS 1.2 connection captured on the loopback interface with tshark and decrypted by tshark with
 * nothing but our key log's CLIENT_RANDOM line. Capturing needs the right to open the interface:
 * CI runs as root.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CaptureDecryptionTest {
    private static final String LINE = "a secret only the key log reveals";

    @TempDir
    Path dir;

    @Test
    void tsharkDecryptsOurTls12ConnectionWithTheKeyLog() throws Exception {
        InteropPki pki = InteropPki.create(dir, KeyKind.EC_P256);
        Path keys = dir.resolve("keys.log");
        Path capture = dir.resolve("tls12.pcap");
        try (TlsServer server = TlsServer.start(0, Tls12.bothVersions(pki.server()).keyLog(KeyLog.toFile(keys)).build(),
                connection -> EchoServer.echo(connection.transport()))) {
            int port = server.port();
            try (ExternalProcess tshark = ExternalProcess.start(dir, "tshark", "-i", "lo", "-f", "tcp port " + port,
                    "-a", "duration:12", "-w", capture.toString())) {
                tshark.await("Capturing on", Duration.ofSeconds(20));
                // dumpcap announces the interface a moment before its filter is live.
                Thread.sleep(1000);
                try (TlsConnection connection = TlsClient.connect("localhost", port,
                        pki.client().versions(Tls12.support()).cipherSuites(dev.tlsworkbook.negotiation.Tls12Suites.DEFAULT).build())) {
                    assertEquals(ProtocolVersion.TLS1_2, connection.summary().version());
                    connection.outputStream().write((LINE + "\n").getBytes(StandardCharsets.UTF_8));
                    connection.inputStream().readNBytes(LINE.length() + 1);
                }
                assertEquals(0, tshark.waitFor(Duration.ofSeconds(30)), tshark.output());
            }
            try (ExternalProcess read = ExternalProcess.start(dir, "tshark", "-r", capture.toString(),
                    "-o", "tls.keylog_file:" + keys, "-d", "tcp.port==" + port + ",tls", "-Y", "tls.app_data",
                    "-T", "fields", "-e", "tls.record.version", "-e", "data.text", "-o", "data.show_as_text:TRUE")) {
                read.await("0x0303\\s+" + LINE, Duration.ofSeconds(20));
                assertEquals(0, read.waitFor(Duration.ofSeconds(20)), read.output());
            }
        }
    }

}
