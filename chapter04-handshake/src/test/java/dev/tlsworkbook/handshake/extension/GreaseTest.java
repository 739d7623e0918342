package dev.tlsworkbook.handshake.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** RFC 8701 §2: which values are GREASE, and picking them from an injected random source. */
class GreaseTest {

    @Test
    void recognisesExactlyTheSixteenReservedTwoByteValues() {
        List<Integer> grease = IntStream.rangeClosed(0, 0xffff).filter(Grease::isGrease).boxed().toList();

        assertEquals(List.of(0x0a0a, 0x1a1a, 0x2a2a, 0x3a3a, 0x4a4a, 0x5a5a, 0x6a6a, 0x7a7a,
                0x8a8a, 0x9a9a, 0xaaaa, 0xbaba, 0xcaca, 0xdada, 0xeaea, 0xfafa), grease);
        assertFalse(Grease.isGrease(0x10a0a)); // a GREASE pattern past 16 bits
        assertFalse(Grease.isGrease(-1));
    }

    @Test
    void recognisesTheEightReservedPskModesAndTwoByteAlpnNames() {
        List<Integer> modes = IntStream.rangeClosed(0, 0xff).filter(Grease::isGreasePskMode).boxed().toList();

        assertEquals(List.of(0x0b, 0x2a, 0x49, 0x68, 0x87, 0xa6, 0xc5, 0xe4), modes);
        assertTrue(Grease.isGreaseAlpn(Opaque.fromHex("7a7a")));
        assertFalse(Grease.isGreaseAlpn(Opaque.fromHex("6832"))); // "h2"
        assertFalse(Grease.isGreaseAlpn(Opaque.fromHex("7a7a00")));
    }

    @Test
    void picksDistinctGreaseValuesReproduciblyFromASeededSource() throws NoSuchAlgorithmException {
        List<Integer> first = new Grease(seeded()).distinctValues(5);
        List<Integer> second = new Grease(seeded()).distinctValues(5);

        assertEquals(first, second);
        assertEquals(5, new HashSet<>(first).size());
        first.forEach(v -> assertTrue(Grease.isGrease(v), Integer.toHexString(v)));
        assertEquals(16, new HashSet<>(new Grease(seeded()).distinctValues(16)).size());
        assertThrows(IllegalArgumentException.class, () -> new Grease(seeded()).distinctValues(17));
        assertTrue(Grease.isGreasePskMode(new Grease(seeded()).pskMode()));
    }

    private static SecureRandom seeded() throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(8701);
        return random;
    }
}
