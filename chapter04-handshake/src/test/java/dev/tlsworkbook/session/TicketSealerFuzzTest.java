package dev.tlsworkbook.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.engine.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: {@link TicketSealer#open} on a ticket (RFC 8446 §4.6.1, RFC 5077 §4) or a
 * HelloRetryRequest cookie (RFC 8446 §4.2.2), both bytes a client hands back (docs/fuzzing.md).
 * A blob the server did not seal must be refused cleanly: {@code Optional.empty()}, never an
 * exception. The first byte chooses the purpose and version asked for (bits 0 and 1) and whether
 * the rest is the blob as sent (bit 2 clear) or a plaintext that the target seals under the
 * sealer's current key first (bit 2 set). Mutated ciphertext only ever fails the tag, so the
 * sealed mode is what lets hostile bytes reach the state decoder behind it. Corpus and crashers:
 * {@code src/test/resources/dev/tlsworkbook/session/TicketSealerFuzzTestInputs/sealedBlobs/}.
 *
 * @since chapter04
 */
class TicketSealerFuzzTest {
    private static final int SEAL = 0x04;
    private static final TicketSealer SEALER =
            new TicketSealer(TicketKeys.rotating(Peers.random(61), Peers.ISSUE_CLOCK, TicketKeys.DEFAULT_ROTATION),
                    Peers.random(62));

    @FuzzTest
    void sealedBlobs(byte[] input) {
        if (input.length == 0) {
            return;
        }
        SealedState.Purpose purpose = (input[0] & 1) == 0 ? SealedState.Purpose.TICKET : SealedState.Purpose.COOKIE;
        int version = (input[0] & 2) == 0 ? 0x0304 : 0x0303;
        Opaque rest = Opaque.of(input, 1, input.length - 1);
        Opaque blob = (input[0] & SEAL) != 0 ? sealRaw(rest) : rest;
        Optional<Opaque> state = SEALER.open(blob, purpose, version);
        state.ifPresent(s -> assertTrue(s.length() <= blob.length(), "an opened state comes from the blob"));
    }

    /** {@code plaintext} sealed as {@link TicketSealer#seal} does, without checking that it is a SealedState. */
    private static Opaque sealRaw(Opaque plaintext) {
        TicketKeys.TicketKey key = SEALER.keys().current();
        byte[] nonce = new byte[12];
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(key.name().bytes());
            return key.name().concat(Opaque.of(nonce)).concat(Opaque.of(gcm.doFinal(plaintext.bytes())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSealedSeedOpens() {
        SealedState ticket = new SealedState(SealedState.Purpose.TICKET, 0x0304, Opaque.fromHex("0102030405"));
        assertEquals(Optional.of(ticket.state()),
                SEALER.open(sealRaw(ticket.encode()), SealedState.Purpose.TICKET, 0x0304));
    }

    /** Writes the seed inputs: a ticket and a cookie for each version, sealed and as plaintext ({@code fuzz/run --seeds}). */
    @Test
    @Tag("fuzz-seeds")
    void writeSeeds() throws IOException {
        Path dir = Path.of("src/test/resources/dev/tlsworkbook/session/TicketSealerFuzzTestInputs/sealedBlobs");
        Files.createDirectories(dir);
        for (int selector = 0; selector < 4; selector++) {
            SealedState.Purpose purpose = (selector & 1) == 0 ? SealedState.Purpose.TICKET : SealedState.Purpose.COOKIE;
            int version = (selector & 2) == 0 ? 0x0304 : 0x0303;
            SealedState state = new SealedState(purpose, version, Opaque.fromHex("000102030405060708090a0b0c0d0e0f"));
            String name = purpose.name().toLowerCase() + "-" + Integer.toHexString(version);
            Files.write(dir.resolve("seed-sealed-" + name),
                    Opaque.of(new byte[] {(byte) (selector | SEAL)}).concat(state.encode()).bytes());
            Files.write(dir.resolve("seed-blob-" + name),
                    Opaque.of(new byte[] {(byte) selector}).concat(SEALER.seal(state)).bytes());
        }
    }
}
