package dev.tlsworkbook.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tlsworkbook.bytes.Opaque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WireWriterTest {

    @Test
    void writesIntegersBigEndian() {
        byte[] bytes = new WireWriter().u8(0x01).u16(0x0203).u24(0x040506).u32(0x0708090aL)
                .u64(0x0b0c0d0e0f101112L).toByteArray();
        assertEquals(Opaque.fromHex("01 0203 040506 0708090a 0b0c0d0e0f101112"), Opaque.of(bytes));
    }

    @Test
    void backFillsNestedLengthPrefixes() {
        WireWriter out = new WireWriter(1);
        out.prefixed16(outer -> outer
                .u8(0xaa)
                .prefixed8(inner -> inner.u16(0x1301).u16(0x1302))
                .prefixed24(empty -> { }));
        assertEquals(Opaque.fromHex("0009 aa 04 13011302 000000"), out.toOpaque());
    }

    @Test
    void writesOpaqueVectorsWithTheirLengths() {
        Opaque v = Opaque.fromHex("c0ffee");
        assertEquals(Opaque.fromHex("03c0ffee 0003c0ffee 000003c0ffee"),
                new WireWriter().opaque8(v).opaque16(v).opaque24(v).toOpaque());
    }

    @Test
    void growsPastItsInitialCapacity() {
        byte[] big = new byte[10_000];
        big[9_999] = 7;
        WireWriter out = new WireWriter(16).u8(1).bytes(big);
        assertEquals(10_001, out.size());
        assertEquals(7, out.toByteArray()[10_000]);
    }

    @Test
    void aVectorLongerThanItsPrefixCanSayIsAProgrammingError() {
        assertThrows(IllegalStateException.class, () -> new WireWriter().opaque8(Opaque.filled(256, 0)));
        assertThrows(IllegalStateException.class, () -> new WireWriter().opaque16(Opaque.filled(65_536, 0)));
        assertThrows(IllegalStateException.class,
                () -> new WireWriter().prefixed8(w -> w.bytes(new byte[200]).bytes(new byte[56])));
        // The largest lengths that fit are fine.
        assertEquals(256, new WireWriter().opaque8(Opaque.filled(255, 0)).size());
        assertEquals(65_537, new WireWriter().opaque16(Opaque.filled(65_535, 0)).size());
    }

    @Test
    void rejectsValuesThatDoNotFitTheirField() {
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().u8(256));
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().u8(-1));
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().u16(0x10000));
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().u24(0x1000000));
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().u32(0x100000000L));
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().u32(-1));
    }

    @Test
    void resetStartsOverAndCopiesAreIndependent() {
        WireWriter out = new WireWriter().u16(0xbeef);
        byte[] first = out.toByteArray();
        out.reset();
        out.u8(1);
        assertArrayEquals(new byte[] {(byte) 0xbe, (byte) 0xef}, first);
        assertEquals(Opaque.fromHex("01"), out.toOpaque());
        assertArrayEquals(new byte[] {3, 4}, new WireWriter().bytes(new byte[] {2, 3, 4, 5}, 1, 2).toByteArray());
    }
}
