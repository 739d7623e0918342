package dev.tlsworkbook.engine.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A mistake a user can make outside TLS — a port in use, a missing file, DER where PEM is
 * expected — told in one line that says what to do, with the demo's exit status for it. The demo
 * prints {@code error: } and the message, never a stack trace.
 *
 * <p>Exit statuses (docs/04-handshake.md, "Exit status"): 0 success; 1 the connection or the TLS
 * handshake failed; 2 the command line is wrong; 3 a local resource is missing or unusable.
 *
 * @since chapter04
 */
final class DemoFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final int CONNECTION = 1;
    static final int USAGE = 2;
    static final int LOCAL = 3;

    private final int status;

    DemoFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static DemoFailure portInUse(String bind, int port) {
        return new DemoFailure(LOCAL, "port " + port + " on " + bind + " is in use: stop what listens there, or"
                + " choose another port with --port N (--port 0 picks a free one)");
    }

    /**
     * Why reading {@code file} (a certificate chain if {@code certificate}, else a private key)
     * failed: missing, unreadable, DER instead of PEM (with the openssl command that converts it),
     * or the PEM problem itself.
     */
    static DemoFailure unreadable(Path file, boolean certificate, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DemoFailure(LOCAL, "no such file: " + file.toAbsolutePath());
        }
        if (e instanceof AccessDeniedException) {
            return new DemoFailure(LOCAL, "cannot read " + file.toAbsolutePath() + ": permission denied");
        }
        if (looksLikeDer(file)) {
            String tool = certificate ? "openssl x509" : "openssl pkey";
            return new DemoFailure(LOCAL, file + " is DER (binary), not PEM; convert it with: " + tool
                    + " -inform DER -in " + file + " -out " + file + ".pem");
        }
        return new DemoFailure(LOCAL, "cannot read " + file + ": " + e.getMessage());
    }

    /** DER starts with a SEQUENCE tag (0x30); PEM with text. */
    private static boolean looksLikeDer(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x30;
        } catch (IOException e) {
            return false;
        }
    }
}
