package dev.tlsworkbook.bytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OpaqueTest {

    @Test
    void equalContentMeansEqualValuesAndHashCodes() {
        Opaque a = Opaque.of(new byte[] {1, 2, 3});
        Opaque b = Opaque.fromHex("010203");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Opaque.fromHex("010204"));
        assertNotEquals(a, Opaque.fromHex("0102"));
        assertNotEquals(a, "010203");
    }

    @Test
    void laterChangesToTheSourceArrayDoNotShow() {
        byte[] source = {1, 2, 3};
        Opaque value = Opaque.of(source);
        source[0] = 9;
        byte[] copy = value.bytes();
        copy[1] = 9;
        assertEquals("010203", value.hex());
    }

    @Test
    void printsShortValuesAsHexAndLongOnesShortened() {
        assertEquals("00ff7f", Opaque.fromHex("00ff7f").toString());
        Opaque big = Opaque.filled(100, 0xab);
        assertEquals("ab".repeat(24) + "…(100 bytes)…" + "ab".repeat(8), big.toString());
    }

    @Test
    void emptyValuesAreTheSharedEmptyConstant() {
        assertSame(Opaque.EMPTY, Opaque.of(new byte[0]));
        assertSame(Opaque.EMPTY, Opaque.fromHex(""));
        assertTrue(Opaque.EMPTY.isEmpty());
        assertEquals("", Opaque.EMPTY.toString());
    }

    @Test
    void slicesConcatenatesReadsAndCopies() {
        Opaque v = Opaque.fromHex("0001020304");
        assertEquals(Opaque.fromHex("0102"), v.slice(1, 2));
        assertEquals(Opaque.fromHex("000102030405"), v.concat(Opaque.fromHex("05")));
        assertEquals(4, v.byteAt(4));
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {7, 8, 9});
        assertEquals(Opaque.fromHex("0708"), Opaque.read(buffer, 2));
        assertEquals(2, buffer.position());
        byte[] target = new byte[7];
        v.copyTo(target, 1);
        assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 4, 0}, target);
        assertTrue(v.asReadOnlyBuffer().isReadOnly());
    }

    @Test
    void comparesAsUnsignedBytes() {
        assertTrue(Opaque.fromHex("ff").compareTo(Opaque.fromHex("01")) > 0);
        assertTrue(Opaque.fromHex("01").compareTo(Opaque.fromHex("0100")) < 0);
    }
}
