package dev.tlsworkbook.bytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SecretBytesTest {

    @Test
    void neverPrintsItsBytes() {
        SecretBytes secret = SecretBytes.fromHex("0011223344");
        assertEquals("[redacted]", secret.toString());
        assertFalse(String.valueOf(secret).contains("0011"));
        assertEquals("0011223344", secret.hex());
    }

    @Test
    void comparesByContent() {
        assertEquals(SecretBytes.fromHex("0102"), SecretBytes.of(new byte[] {1, 2}));
        assertEquals(SecretBytes.fromHex("0102").hashCode(), SecretBytes.of(new byte[] {1, 2}).hashCode());
        assertNotEquals(SecretBytes.fromHex("0102"), SecretBytes.fromHex("0103"));
        assertEquals(SecretBytes.zeros(3), SecretBytes.fromHex("000000"));
    }

    @Test
    void handsOutCopiesAndCanBeWiped() {
        byte[] source = {5, 6};
        SecretBytes secret = SecretBytes.of(source);
        source[0] = 0;
        secret.bytes()[1] = 0;
        assertArrayEquals(new byte[] {5, 6}, secret.bytes());
        secret.destroy();
        assertArrayEquals(new byte[] {0, 0}, secret.bytes());
        assertEquals(2, secret.length());
    }
}
