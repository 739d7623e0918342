package dev.tlsworkbook.tls12.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.OpenedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Published AEAD vectors run through the TLS 1.2 record layer ({@link Tls12AeadProtection}),
 * sealing and opening byte for byte:
 * <ul>
 * <li>ChaCha20-Poly1305: RFC 8439 §2.8.2 (key, nonce, plaintext, ciphertext; the text is in
 *     {@code vectors/rfc8439-2.8.2.txt}) with RFC 7905 §2's nonce, the fixed IV XOR the padded
 *     sequence number;</li>
 * <li>AES-GCM: Test Cases 3 and 15 of McGrew and Viega, "The Galois/Counter Mode of Operation
 *     (GCM)" (2005), Appendix B, with RFC 5288 §3's nonce, the 4-byte salt followed by the 8-byte
 *     explicit nonce that travels in the record.</li>
 * </ul>
 * The published vectors authenticate their own additional data, while a TLS 1.2 record
 * authenticates {@code seq_num || type || version || length} (RFC 5246 §6.2.3.3). So the
 * ciphertext must equal the published one, and the tag is computed here from first principles —
 * Poly1305 (RFC 8439 §2.5, §2.6, §2.8) and GHASH (NIST SP 800-38D §6.4, §7.1) in
 * {@link BigInteger} arithmetic over the JDK's bare ChaCha20 and AES block functions — after that
 * reference has reproduced each published tag from the published additional data.
 */
class Tls12RecordVectorTest {
    // ------------------------------------------------------------------ ChaCha20-Poly1305, RFC 8439 §2.8.2

    private static final List<String> RFC8439 = lines("/vectors/rfc8439-2.8.2.txt");
    private static final byte[] CHACHA_KEY = dump("Key:");
    private static final byte[] CHACHA_PLAINTEXT = dump("Plaintext:");
    private static final byte[] CHACHA_CIPHERTEXT = dump("Ciphertext:");
    /** RFC 8439 §2.8.2: nonce = "32-bit fixed-common part" || IV. */
    private static final byte[] CHACHA_NONCE = concat(dump("32-bit fixed-common part:"), dump("IV:"));
    /**
     * A sequence number and an RFC 7905 §2 fixed IV chosen so that IV XOR (0[4] || seq) is the
     * RFC 8439 nonce: 07000000 40414243 44454647 = 07000000 41434147 4143414f XOR 0102030405060708.
     */
    private static final long CHACHA_SEQ = 0x0102030405060708L;
    private static final Opaque CHACHA_FIXED_IV = Opaque.fromHex("07000000 41434147 4143414f");

    @Test
    void thePoly1305ReferenceReproducesRfc8439() throws GeneralSecurityException {
        byte[] aad = dump("AAD:");
        // RFC 8439 §2.6: the one-time key is the first 32 bytes of block 0.
        assertEquals(Opaque.of(dump("Poly1305 Key:")), Opaque.of(poly1305KeyGen(CHACHA_KEY, CHACHA_NONCE)));
        // RFC 8439 §2.8: the Poly1305 input is aad || pad16 || ciphertext || pad16 || le64(len aad) || le64(len ct).
        assertEquals(Opaque.of(dump("AEAD Construction for Poly1305:")), Opaque.of(macData(aad, CHACHA_CIPHERTEXT)));
        assertEquals(Opaque.fromHex(tag()), Opaque.of(chachaTag(CHACHA_KEY, CHACHA_NONCE, aad, CHACHA_CIPHERTEXT)));
    }

    @Test
    void sealsTheRfc8439VectorAsAChaCha20Poly1305Record() throws GeneralSecurityException {
        byte[] aad = tls12AdditionalData(CHACHA_SEQ, ContentType.APPLICATION_DATA, CHACHA_PLAINTEXT.length);
        // RFC 7905 §2: no explicit nonce, so the record body is ciphertext || tag.
        byte[] expected = concat(header(ContentType.APPLICATION_DATA, CHACHA_CIPHERTEXT.length + 16), CHACHA_CIPHERTEXT,
                chachaTag(CHACHA_KEY, CHACHA_NONCE, aad, CHACHA_CIPHERTEXT));

        assertSealsAndOpens(() -> Tls12AeadProtection.of(AeadAlgorithm.CHACHA20_POLY1305, SecretBytes.of(CHACHA_KEY),
                CHACHA_FIXED_IV), CHACHA_SEQ, CHACHA_PLAINTEXT, expected);
    }

    // ------------------------------------------------------------------ AES-GCM, GCM spec Appendix B

    private static final String GCM_KEY_128 = "feffe9928665731c6d6a8f9467308308";
    private static final String GCM_KEY_256 = GCM_KEY_128 + GCM_KEY_128;
    /** Test Cases 3/4/15/16: IV cafebabefacedbaddecaf888 = RFC 5288 salt cafebabe || explicit facedbaddecaf888. */
    private static final String GCM_SALT = "cafebabe";
    private static final long GCM_SEQ = 0xfacedbaddecaf888L;
    private static final String GCM_PLAINTEXT = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private static final String GCM_CIPHERTEXT_128 = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985";
    private static final String GCM_CIPHERTEXT_256 = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
    /** Test Cases 4 and 16 authenticate this and the first 60 bytes of the plaintext. */
    private static final String GCM_AAD = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Test Case 3,  " + GCM_KEY_128 + ", 64, '', 4d5c2af327cd64a62cf35abd2ba6fab4",
            "Test Case 4,  " + GCM_KEY_128 + ", 60, " + GCM_AAD + ", 5bc94fbc3221a5db94fae95ae7121a47",
            "Test Case 15, " + GCM_KEY_256 + ", 64, '', b094dac5d93471bdec1a502270e3cc6c",
            "Test Case 16, " + GCM_KEY_256 + ", 60, " + GCM_AAD + ", 76fc6ece0f4e1768cddf8853bb2d551b"})
    void theGhashReferenceReproducesTheGcmSpec(String name, String key, int length, String aad, String tag)
            throws GeneralSecurityException {
        String ciphertext = (key.equals(GCM_KEY_128) ? GCM_CIPHERTEXT_128 : GCM_CIPHERTEXT_256).substring(0, 2 * length);
        byte[] nonce = Opaque.fromHex(GCM_SALT + "facedbaddecaf888").bytes();
        assertEquals(Opaque.fromHex(tag), Opaque.of(gcmTag(Opaque.fromHex(key).bytes(), nonce,
                Opaque.fromHex(aad).bytes(), Opaque.fromHex(ciphertext).bytes())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"AES_128_GCM, " + GCM_KEY_128 + ", " + GCM_CIPHERTEXT_128,
            "AES_256_GCM, " + GCM_KEY_256 + ", " + GCM_CIPHERTEXT_256})
    void sealsTheGcmSpecVectorAsAnAesGcmRecord(AeadAlgorithm aead, String key, String ciphertextHex)
            throws GeneralSecurityException {
        byte[] plaintext = Opaque.fromHex(GCM_PLAINTEXT).bytes();
        byte[] ciphertext = Opaque.fromHex(ciphertextHex).bytes();
        byte[] explicit = Opaque.fromHex("facedbaddecaf888").bytes();
        byte[] aad = tls12AdditionalData(GCM_SEQ, ContentType.APPLICATION_DATA, plaintext.length);
        // RFC 5288 §3: the record body is nonce_explicit || ciphertext || tag; ours sends the sequence number.
        byte[] expected = concat(header(ContentType.APPLICATION_DATA, 8 + ciphertext.length + 16), explicit, ciphertext,
                gcmTag(Opaque.fromHex(key).bytes(), concat(Opaque.fromHex(GCM_SALT).bytes(), explicit), aad, ciphertext));

        assertSealsAndOpens(() -> Tls12AeadProtection.of(aead, SecretBytes.fromHex(key), Opaque.fromHex(GCM_SALT)),
                GCM_SEQ, plaintext, expected);
    }

    // ------------------------------------------------------------------ the record path

    /**
     * Seals with one direction's protection and opens with another made from the same key, as the
     * two peers do (the JDK refuses to re-initialise one ChaCha20 cipher with the nonce it just used).
     */
    private static void assertSealsAndOpens(Supplier<Tls12AeadProtection> direction, long seq, byte[] plaintext,
            byte[] expected) {
        Tls12AeadProtection sealer = direction.get();
        byte[] record = new byte[plaintext.length + sealer.maxOverhead()];
        int n = sealer.seal(ContentType.APPLICATION_DATA, plaintext, 0, plaintext.length, seq, record, 0);
        assertEquals(Opaque.of(expected), Opaque.of(record, 0, n), "sealed record");

        byte[] out = new byte[expected.length];
        OpenedRecord opened = new OpenedRecord();
        direction.get().open(expected, 0, seq, out, 0, opened);
        assertEquals(ContentType.APPLICATION_DATA, opened.type());
        assertEquals(Opaque.of(plaintext), Opaque.of(out, 0, opened.length()), "opened record");
    }

    /** RFC 5246 §6.2.3.3: additional_data = seq_num + TLSCompressed.type + TLSCompressed.version + TLSCompressed.length. */
    private static byte[] tls12AdditionalData(long seq, ContentType type, int length) {
        return Opaque.fromHex("%016x%02x0303%04x".formatted(seq, type.code(), length)).bytes();
    }

    /** RFC 5246 §6.2.1: type, version 0x0303, uint16 length. */
    private static byte[] header(ContentType type, int length) {
        return Opaque.fromHex("%02x0303%04x".formatted(type.code(), length)).bytes();
    }

    // ------------------------------------------------------------------ reference Poly1305 (RFC 8439)

    /** RFC 8439 §2.6: the ChaCha20 block with counter 0, first 32 bytes. */
    private static byte[] poly1305KeyGen(byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher chacha = Cipher.getInstance("ChaCha20");
        chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce, 0));
        return chacha.doFinal(new byte[32]);
    }

    /** RFC 8439 §2.8: the Poly1305 input for the AEAD. */
    private static byte[] macData(byte[] aad, byte[] ciphertext) {
        return concat(aad, new byte[pad16(aad.length)], ciphertext, new byte[pad16(ciphertext.length)],
                littleEndian(BigInteger.valueOf(aad.length), 8), littleEndian(BigInteger.valueOf(ciphertext.length), 8));
    }

    private static byte[] chachaTag(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext)
            throws GeneralSecurityException {
        return poly1305(poly1305KeyGen(key, nonce), macData(aad, ciphertext));
    }

    /** RFC 8439 §2.5.1: clamp r, then acc = (acc + block || 0x01) * r mod 2^130 - 5, tag = acc + s mod 2^128. */
    private static byte[] poly1305(byte[] key, byte[] message) {
        BigInteger p = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
        BigInteger r = fromLittleEndian(Arrays.copyOfRange(key, 0, 16))
                .and(new BigInteger("0ffffffc0ffffffc0ffffffc0fffffff", 16));
        BigInteger s = fromLittleEndian(Arrays.copyOfRange(key, 16, 32));
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < message.length; i += 16) {
            byte[] block = Arrays.copyOfRange(message, i, Math.min(i + 16, message.length));
            BigInteger n = fromLittleEndian(block).setBit(8 * block.length);
            acc = acc.add(n).multiply(r).mod(p);
        }
        return littleEndian(acc.add(s), 16);
    }

    // ------------------------------------------------------------------ reference GCM tag (SP 800-38D)

    /** SP 800-38D §7.1 steps 1, 2, 5, 6: H = E(K, 0^128), J0 = IV || 0^31 || 1, T = E(K, J0) XOR GHASH_H(A, C). */
    private static byte[] gcmTag(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        BigInteger h = new BigInteger(1, aes.doFinal(new byte[16]));
        BigInteger ekj0 = new BigInteger(1, aes.doFinal(concat(nonce, new byte[] {0, 0, 0, 1})));
        byte[] blocks = concat(aad, new byte[pad16(aad.length)], ciphertext, new byte[pad16(ciphertext.length)],
                bigEndian(BigInteger.valueOf(8L * aad.length), 8), bigEndian(BigInteger.valueOf(8L * ciphertext.length), 8));
        BigInteger y = BigInteger.ZERO;
        for (int i = 0; i < blocks.length; i += 16) {
            y = gfMultiply(y.xor(new BigInteger(1, Arrays.copyOfRange(blocks, i, i + 16))), h);
        }
        return bigEndian(y.xor(ekj0), 16);
    }

    /** SP 800-38D §6.3 Algorithm 1: X • Y in GF(2^128), bit 0 being the most significant bit of the block. */
    private static BigInteger gfMultiply(BigInteger x, BigInteger y) {
        BigInteger r = new BigInteger("e1", 16).shiftLeft(120);
        BigInteger z = BigInteger.ZERO;
        BigInteger v = y;
        for (int i = 0; i < 128; i++) {
            if (x.testBit(127 - i)) {
                z = z.xor(v);
            }
            v = v.testBit(0) ? v.shiftRight(1).xor(r) : v.shiftRight(1);
        }
        return z;
    }

    // ------------------------------------------------------------------ bytes and the RFC text

    private static int pad16(int length) {
        return (16 - length % 16) % 16;
    }

    private static BigInteger fromLittleEndian(byte[] bytes) {
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, reversed);
    }

    private static byte[] littleEndian(BigInteger value, int length) {
        byte[] big = bigEndian(value, length);
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = big[length - 1 - i];
        }
        return out;
    }

    /** The low {@code length} bytes of {@code value}, big-endian. */
    private static byte[] bigEndian(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int n = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - n, out, length - n, n);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The bytes of the hex dump under {@code label} in RFC 8439 §2.8.2 ("000  4c 61 64 ...  Ladies ..."). */
    private static byte[] dump(String label) {
        int start = RFC8439.stream().map(String::strip).toList().indexOf(label);
        assertTrue(start >= 0, "RFC 8439 §2.8.2 has no " + label);
        StringBuilder hex = new StringBuilder();
        for (String line : RFC8439.subList(start + 1, RFC8439.size())) {
            String s = line.strip();
            if (!s.matches("\\d{3}  .*")) {
                break;
            }
            // Offset, two spaces, up to sixteen "xx " bytes, then the ASCII column after two spaces.
            hex.append(s.substring(5, Math.min(s.length(), 5 + 16 * 3)).strip()).append(' ');
        }
        return Opaque.fromHex(hex).bytes();
    }

    /** RFC 8439 §2.8.2 prints the tag as "1a:e1:...". */
    private static String tag() {
        List<String> stripped = RFC8439.stream().map(String::strip).toList();
        return stripped.get(stripped.indexOf("Tag:") + 1).replace(":", "");
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Tls12RecordVectorTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
