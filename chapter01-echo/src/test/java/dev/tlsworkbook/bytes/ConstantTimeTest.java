package dev.tlsworkbook.bytes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConstantTimeTest {

    @Test
    void equalArraysAreEqual() {
        assertTrue(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2, 3}));
        assertTrue(ConstantTime.equals(new byte[0], new byte[0]));
    }

    @Test
    void aDifferenceInAnyPositionIsFound() {
        byte[] a = new byte[32];
        for (int i = 0; i < a.length; i++) {
            byte[] b = a.clone();
            b[i] = (byte) 0x80;
            assertFalse(ConstantTime.equals(a, b), "difference at " + i);
        }
    }

    @Test
    void differentLengthsAreNotEqualEitherWay() {
        assertFalse(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 2, 3}));
        assertFalse(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2}));
    }

    @Test
    void rangesOutOfBoundsAreNotEqualRatherThanThrowing() {
        byte[] a = {1, 2, 3, 4};
        assertTrue(ConstantTime.equals(a, 1, new byte[] {9, 2, 3}, 1, 2));
        assertFalse(ConstantTime.equals(a, 3, a, 0, 2));
        assertFalse(ConstantTime.equals(a, -1, a, 0, 1));
    }

    @Test
    void comparesOpaqueValues() {
        assertTrue(ConstantTime.equals(Opaque.fromHex("abcd"), Opaque.fromHex("abcd")));
        assertFalse(ConstantTime.equals(Opaque.fromHex("abcd"), Opaque.fromHex("abce")));
    }
}
