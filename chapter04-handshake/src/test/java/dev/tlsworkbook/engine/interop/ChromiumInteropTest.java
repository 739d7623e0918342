package dev.tlsworkbook.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser against the demo server: headless Chromium (Debian's {@code chromium}, which
 * offers X25519MLKEM768 first with a share for it and one for x25519) fetches a page from
 * {@code server --www} on an ephemeral port, and the server's summary line shows that the hybrid
 * of draft-ietf-tls-ecdhe-mlkem was negotiated.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChromiumInteropTest {
    @TempDir
    Path dir;

    @Test
    void headlessChromiumNegotiatesX25519MlKem768WithTheWwwServer() throws Exception {
        try (ExternalProcess server = DemoProcess.start(dir, "server", "--port", "0", "--www")) {
            int port = Integer.parseInt(server.await("listening on 127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(60)).group(1));
            // A fresh profile and no background traffic: the only connection is the page fetch. QUIC off so the
            // fetch is TLS over TCP; the demo's throwaway CA is not in Chromium's store, hence
            // --ignore-certificate-errors (the certificate check is not what this test is about).
            Path profile = Files.createDirectory(dir.resolve("chromium-profile"));
            try (ExternalProcess chromium = ExternalProcess.start(dir, "chromium", "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--ignore-certificate-errors", "--dump-dom", "https://localhost:" + port + "/")) {
                assertEquals(0, chromium.waitFor(Duration.ofSeconds(90)), chromium.output());
                assertTrue(chromium.output().contains("key exchange:   X25519MLKEM768"), chromium.output());
            }
            // The server's summary line for the connection names the hybrid.
            server.await("= \\S+ TLSv1\\.3 TLS_\\S+ X25519MLKEM768 \\S+( alpn=\\S+)? sni=localhost", Duration.ofSeconds(10));
        }
    }
}
