package dev.tlsworkbook.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for the hybrid key shares of draft-ietf-tls-ecdhe-mlkem (docs/fuzzing.md). The first
 * byte picks the hybrid group (low bits) and the side (high bit); the rest is the peer's
 * {@code key_exchange}: a client share the server encapsulates to, or a server share the client
 * decapsulates with a fixed key pair. Whatever the bytes, the only refusal allowed is
 * {@code Violation.INVALID_KEY_SHARE}, which is {@code illegal_parameter} (draft §3.1, RFC 8446
 * §4.2.8.2, FIPS 203 §7.2 and §7.3). Chapter 3 has no engine, so the check is written out here as
 * in chapter 2's targets. Corpus and crashers:
 * {@code src/test/resources/dev/tlsworkbook/crypto/HybridKemFuzzTestInputs/hybridKeyShares/}.
 *
 * @since chapter03
 */
class HybridKemFuzzTest {
    private static final int DECAPSULATE = 0x80;

    @FuzzTest
    void hybridKeyShares(byte[] input) {
        if (input.length == 0) {
            return;
        }
        List<NamedGroup> groups = Kems.hybridGroups();
        NamedGroup group = groups.get((input[0] & 0x7f) % groups.size());
        Opaque share = Opaque.of(input, 1, input.length - 1);
        HybridKem kem = HybridKem.of(group);
        try {
            if ((input[0] & DECAPSULATE) != 0) {
                DecapsulationKey client = kem.generate(KeyExchangeTest.seeded(1));
                assertEquals(sharedSecretLength(kem), client.decapsulate(share).length());
            } else {
                Encapsulation e = kem.encapsulate(share, KeyExchangeTest.seeded(2));
                assertEquals(sharedSecretLength(kem), e.sharedSecret().length());
            }
        } catch (TlsException e) {
            assertTrue(e.isLocal(), "our own refusal");
            assertEquals(Violation.INVALID_KEY_SHARE, e.violation().orElse(null),
                    "a bad hybrid share is refused with illegal_parameter only: " + e.getMessage());
        }
    }

    /** A valid encapsulation's secret length: the ML-KEM secret plus the ECDH secret. */
    private static int sharedSecretLength(HybridKem kem) {
        DecapsulationKey client = kem.generate(KeyExchangeTest.seeded(3));
        return kem.encapsulate(client.publicKey(), KeyExchangeTest.seeded(4)).sharedSecret().length();
    }

    /** Writes the seed inputs: a valid client share and a valid server share per group ({@code fuzz/run --seeds}). */
    @Test
    @Tag("fuzz-seeds")
    void writeSeeds() throws IOException {
        Path dir = Path.of("src/test/resources/dev/tlsworkbook/crypto/HybridKemFuzzTestInputs/hybridKeyShares");
        Files.createDirectories(dir);
        List<NamedGroup> groups = Kems.hybridGroups();
        for (int i = 0; i < groups.size(); i++) {
            HybridKem kem = HybridKem.of(groups.get(i));
            DecapsulationKey client = kem.generate(KeyExchangeTest.seeded(1));
            Opaque serverShare = kem.encapsulate(client.publicKey(), KeyExchangeTest.seeded(2)).ciphertext();
            String name = groups.get(i).name();
            write(dir.resolve("seed-encapsulate-" + name), (byte) i, client.publicKey());
            write(dir.resolve("seed-decapsulate-" + name), (byte) (DECAPSULATE | i), serverShare);
        }
    }

    private static void write(Path file, byte first, Opaque share) {
        try {
            Files.write(file, Opaque.of(new byte[] {first}).concat(share).bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
