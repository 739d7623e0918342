package dev.tlsworkbook.bytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HexTest {

    @Test
    void decodesRfcStyleDumpsIgnoringWhitespace() {
        // Wrapped and indented the way RFC 8448 prints its traces.
        String dump = "  16 03 01 00 f8\n\t01 00 00 F4 03\r\n  03";
        assertArrayEquals(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xf8, 0x01, 0x00, 0x00,
            (byte) 0xf4, 0x03, 0x03}, Hex.decode(dump));
    }

    @Test
    void encodesLowerCaseWithoutSeparators() {
        assertEquals("00ff10", Hex.encode(new byte[] {0, -1, 16}));
        assertEquals("ff", Hex.encode(new byte[] {0, -1, 16}, 1, 1));
    }

    @Test
    void rejectsOddDigitCountsAndNonHexCharacters() {
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("abc"));
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("zz"));
    }

    @Test
    void dumpsSixteenBytesPerLineWithPrintableCharacters() {
        byte[] bytes = "hello, world! 0123".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("""
                0000  68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 20 30 31  |hello, world! 01|
                0010  32 33                                             |23|
                """, Hex.dump(bytes));
    }
}
