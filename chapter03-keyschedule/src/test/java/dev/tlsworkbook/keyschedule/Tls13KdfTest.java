package dev.tlsworkbook.keyschedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.keyschedule.trace.Rfc8448Trace;
import org.junit.jupiter.api.Test;

/** HKDF-Expand-Label and Derive-Secret (RFC 8446 §7.1) against the "info" and "expanded" of RFC 8448. */
class Tls13KdfTest {
    private static final Rfc8448Trace RFC = Rfc8448Trace.load();

    @Test
    void hkdfLabelIsTheStructRfc8448PrintsAsInfo() {
        var step = RFC.step(3, "{server} derive secret \"tls13 c hs traffic\"");
        assertEquals(step.value("info").hex(), Hex.encode(Tls13Kdf.hkdfLabel("c hs traffic", step.value("hash").bytes(), 32)));
        var keys = RFC.step(3, "{server} derive write traffic keys for handshake data");
        assertEquals(keys.value("key info").hex(), Hex.encode(Tls13Kdf.hkdfLabel("key", new byte[0], 16)));
        assertEquals(keys.value("iv info").hex(), Hex.encode(Tls13Kdf.hkdfLabel("iv", new byte[0], 12)));
        var finished = RFC.step(3, "{server} calculate finished \"tls13 finished\"");
        assertEquals(finished.value("info").hex(), Hex.encode(Tls13Kdf.hkdfLabel("finished", new byte[0], 32)));
    }

    @Test
    void deriveSecretIsExpandLabelOverTheTranscriptHash() {
        var step = RFC.step(3, "{server} derive secret \"tls13 s ap traffic\"");
        SecretBytes prk = SecretBytes.of(step.value("PRK").bytes());
        assertEquals(step.value("expanded").hex(),
                Tls13Kdf.deriveSecret(HashAlgorithm.SHA256, prk, "s ap traffic", step.value("hash")).hex());
    }

    @Test
    void derivedUsesTheHashOfNothing() {
        var step = RFC.step(3, "{server} derive secret for handshake \"tls13 derived\"");
        assertEquals(step.value("hash"), Tls13Kdf.emptyHash(HashAlgorithm.SHA256));
    }

    @Test
    void labelsAndContextsOutsideTheirVectorBoundsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Tls13Kdf.hkdfLabel("", new byte[0], 32));
        assertThrows(IllegalArgumentException.class, () -> Tls13Kdf.hkdfLabel("x".repeat(250), new byte[0], 32));
        assertEquals(4 + 255 + 0, Tls13Kdf.hkdfLabel("x".repeat(249), new byte[0], 32).length);
        assertThrows(IllegalArgumentException.class, () -> Tls13Kdf.hkdfLabel("key", new byte[256], 32));
        assertThrows(IllegalArgumentException.class,
                () -> Tls13Kdf.deriveSecret(HashAlgorithm.SHA256, SecretBytes.zeros(32), "c hs traffic", Opaque.filled(48, 0)));
    }
}
