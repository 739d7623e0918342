package dev.tlsworkbook.keyschedule.demo;

import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.keyschedule.ExporterSecret;
import dev.tlsworkbook.keyschedule.SecretLabel;
import dev.tlsworkbook.keyschedule.TrafficSecret;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The demo's {@code keylog} mode: reads an SSLKEYLOGFILE another implementation wrote and
 * derives from it what our key schedule would, so the two can be compared by eye (the exporter
 * value against {@code openssl s_client -keymatexport}).
 */
final class KeyLogCheck {
    private KeyLogCheck() {
    }

    static int run(Path file, String exporterLabel, int exporterLength, PrintStream out) throws IOException {
        int lines = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] f = line.trim().split(" ");
            if (line.isBlank() || line.startsWith("#") || f.length != 3) {
                continue; // comments and blank lines are ignored (draft-ietf-tls-keylogfile §2)
            }
            Optional<SecretLabel> label = Arrays.stream(SecretLabel.values())
                    .filter(l -> l.keyLogName().orElse("").equals(f[0])).findFirst();
            SecretBytes secret = SecretBytes.of(Hex.decode(f[2].toLowerCase()));
            // The log does not name the suite; the secret's length gives the hash (32: SHA-256, 48: SHA-384).
            HashAlgorithm hash = secret.length() == 48 ? HashAlgorithm.SHA384 : HashAlgorithm.SHA256;
            AeadAlgorithm aead = hash == HashAlgorithm.SHA384 ? AeadAlgorithm.AES_256_GCM : AeadAlgorithm.AES_128_GCM;
            lines++;
            out.println(f[0] + "  (client_random " + f[1].substring(0, 16) + "…, " + hash + ")");
            if (label.isEmpty()) {
                out.println("    not a TLS 1.3 key-schedule label; skipped");
            } else if (label.get() == SecretLabel.EXPORTER_MASTER || label.get() == SecretLabel.EARLY_EXPORTER_MASTER) {
                if (exporterLabel != null) {
                    ExporterSecret exporter = ExporterSecret.of(label.get(), hash, secret);
                    SecretBytes value = exporter.export(exporterLabel, new byte[0], exporterLength);
                    out.println("    TLS-Exporter(\"" + exporterLabel + "\", no context, " + exporterLength + ") = "
                            + value.hex().toUpperCase());
                }
            } else {
                TrafficKeys keys = TrafficSecret.of(label.get(), hash, secret).keys(aead);
                out.println("    " + aead + " key " + Opaque.of(keys.key().bytes()).hex() + "  iv " + Opaque.of(keys.iv().bytes()).hex()
                        + (hash == HashAlgorithm.SHA256 ? "  (for CHACHA20_POLY1305 the key is 32 bytes: derive with that AEAD)" : ""));
            }
        }
        if (lines == 0) {
            out.println("no key log lines in " + file);
            return 1;
        }
        return 0;
    }
}
