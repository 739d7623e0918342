package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared test material: one fixed clock, one PKI, and one leaf per key kind (key generation is slow). */
final class Fixtures {
    static final Instant ISSUED = Instant.parse("2026-01-15T12:00:00Z");
    static final Clock ISSUE_CLOCK = Clock.fixed(ISSUED, ZoneOffset.UTC);
    static final Clock NOW = Clock.fixed(ISSUED.plusSeconds(3600), ZoneOffset.UTC);

    private static TestPki pki;
    private static final Map<KeyKind, CertifiedKey> LEAVES = new EnumMap<>(KeyKind.class);

    private Fixtures() {
    }

    /** A seeded generator: repeatable inputs, though the JDK's key generators may still mix in entropy. */
    static SecureRandom random() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(0x7154L);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized TestPki pki() {
        if (pki == null) {
            pki = TestPki.create(ISSUE_CLOCK, random());
        }
        return pki;
    }

    /** A localhost certificate of this kind from {@link #pki()}, made once per test run. */
    static synchronized CertifiedKey localhost(KeyKind kind) {
        return LEAVES.computeIfAbsent(kind, k -> pki().issueLocalhost(k));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream("pem/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource pem/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Runs {@code action}, requires a local TlsException with {@code violation}, and checks its alert. */
    static TlsException assertViolation(Violation violation, AlertDescription alert, Executable action) {
        TlsException e = assertThrows(TlsException.class, action);
        assertEquals(violation, e.violation().orElseThrow(), e.getMessage());
        assertEquals(alert, e.alert());
        assertTrue(e.getMessage().startsWith("RFC "), "message starts with the rule: " + e.getMessage());
        return e;
    }
}
