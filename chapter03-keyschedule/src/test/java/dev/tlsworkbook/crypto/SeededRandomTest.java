package dev.tlsworkbook.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeededRandomTest {

    private static byte[] first32(SeededRandom r) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        return b;
    }

    @Test
    void theSameSeedAndPurposeGiveTheSameBytes() {
        assertArrayEquals(first32(SeededRandom.of(7, "client")), first32(SeededRandom.of(7, "client")));
        assertArrayEquals(first32(SeededRandom.of(7)), first32(SeededRandom.of(7)));
    }

    @Test
    void purposesAndSeedsAreIndependentStreams() {
        assertFalse(Arrays.equals(first32(SeededRandom.of(7, "client")), first32(SeededRandom.of(7, "server"))));
        assertFalse(Arrays.equals(first32(SeededRandom.of(7, "client")), first32(SeededRandom.of(8, "client"))));
    }

    @Test
    void keySharesRepeatAndSaySoWhenPrinted() {
        assertEquals(X25519KeyExchange.generate(SeededRandom.of(3, "k")).publicKey(),
                X25519KeyExchange.generate(SeededRandom.of(3, "k")).publicKey());
        assertTrue(SeededRandom.of(3, "k").toString().contains("NOT SECRET"));
    }
}
