package dev.tlsworkbook.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Key exchange for every group we compute: agreement, determinism, and rejection of bad shares. */
class KeyExchangeTest {

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed); // seeded before first use, SHA1PRNG is a deterministic generator
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<NamedGroup> supported() {
        return KeyExchanges.supportedGroups().stream();
    }

    @ParameterizedTest
    @MethodSource("supported")
    void bothSidesAgreeOnTheSharedSecret(NamedGroup group) {
        SecureRandom random = seeded(1);
        KeyExchange client = KeyExchanges.generate(group, random);
        KeyExchange server = KeyExchanges.generate(group, random);
        assertEquals(group, client.group());
        assertNotEquals(client.publicKey(), server.publicKey(), "a fresh key pair per connection");
        assertEquals(client.sharedSecret(server.publicKey()).hex(), server.sharedSecret(client.publicKey()).hex());
    }

    @ParameterizedTest
    @MethodSource("supported")
    void theSameRandomnessGivesTheSameKeyPair(NamedGroup group) {
        assertEquals(KeyExchanges.generate(group, seeded(7)).publicKey(), KeyExchanges.generate(group, seeded(7)).publicKey());
    }

    @ParameterizedTest
    @MethodSource("supported")
    void shareAndSecretHaveTheLengthsOfRfc8446(NamedGroup group) {
        KeyExchange a = KeyExchanges.generate(group, seeded(3));
        KeyExchange b = KeyExchanges.generate(group, seeded(4));
        int[] lengths = switch (group) {
            case X25519 -> new int[] {32, 32};
            case X448 -> new int[] {56, 56};
            case SECP256R1 -> new int[] {65, 32};
            case SECP384R1 -> new int[] {97, 48};
            default -> throw new AssertionError(group);
        };
        assertEquals(lengths[0], a.publicKey().length());
        assertEquals(lengths[1], a.sharedSecret(b.publicKey()).length());
    }

    @Test
    void groupsWeDoNotComputeAreRefusedClearly() {
        assertFalse(KeyExchanges.supports(NamedGroup.FFDHE2048));
        assertTrue(KeyExchanges.supports(NamedGroup.X25519));
        assertThrows(IllegalArgumentException.class, () -> KeyExchanges.generate(NamedGroup.X25519MLKEM768, seeded(1)));
        assertThrows(IllegalArgumentException.class, () -> KeyExchanges.fromPrivateKey(NamedGroup.SECP521R1, SecretBytes.zeros(66)));
    }

    @Test
    void malformedPrivateKeysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> KeyExchanges.fromPrivateKey(NamedGroup.X25519, SecretBytes.zeros(31)));
        assertThrows(IllegalArgumentException.class, () -> KeyExchanges.fromPrivateKey(NamedGroup.X448, SecretBytes.zeros(32)));
        assertThrows(IllegalArgumentException.class, () -> KeyExchanges.fromPrivateKey(NamedGroup.SECP256R1, SecretBytes.zeros(32)));
        assertThrows(IllegalArgumentException.class, // the group order n is not a valid scalar
                () -> KeyExchanges.fromPrivateKey(NamedGroup.SECP256R1,
                        SecretBytes.fromHex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")));
    }

    @Test
    void secretsAndPrivateKeysNeverPrint() {
        KeyExchange kx = KeyExchanges.generate(NamedGroup.X25519, seeded(5));
        SecretBytes shared = kx.sharedSecret(KeyExchanges.generate(NamedGroup.X25519, seeded(6)).publicKey());
        assertEquals("[redacted]", shared.toString());
        assertTrue(kx.toString().contains("private=[redacted]"), kx.toString());
        assertFalse(KeyExchanges.generate(NamedGroup.SECP256R1, seeded(5)).toString().matches(".*private=[0-9a-f].*"));
    }

    // ---- hostile shares: each must fail with INVALID_KEY_SHARE, i.e. illegal_parameter ----

    static Stream<Arguments> badShares() {
        List<Arguments> cases = new ArrayList<>();
        // RFC 8446 §4.2.8.2: X25519 shares are exactly 32 bytes, X448 exactly 56
        for (int n : new int[] {0, 31, 33, 64}) {
            cases.add(Arguments.of(NamedGroup.X25519, "x25519 share of " + n + " bytes", Opaque.filled(n, 9)));
        }
        for (int n : new int[] {0, 55, 57, 32}) {
            cases.add(Arguments.of(NamedGroup.X448, "x448 share of " + n + " bytes", Opaque.filled(n, 5)));
        }
        // RFC 7748 §6, RFC 8446 §7.4.2: small-order points make the result all zeros
        for (String u : new String[] {
                "0000000000000000000000000000000000000000000000000000000000000000", // 0
                "0100000000000000000000000000000000000000000000000000000000000000", // 1
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", // order 8
                "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157", // order 8
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p-1, order 2
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p, i.e. 0
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"}) { // p+1, i.e. 1
            cases.add(Arguments.of(NamedGroup.X25519, "x25519 small-order u=" + u.substring(0, 8), Opaque.fromHex(u)));
        }
        String zero56 = "00".repeat(56);
        cases.add(Arguments.of(NamedGroup.X448, "x448 small-order u=0", Opaque.fromHex(zero56)));
        cases.add(Arguments.of(NamedGroup.X448, "x448 small-order u=1", Opaque.fromHex("01" + "00".repeat(55))));
        cases.add(Arguments.of(NamedGroup.X448, "x448 small-order u=p-1",
                Opaque.fromHex("fe" + "ff".repeat(27) + "fe" + "ff".repeat(27))));
        addNistCases(cases, NamedGroup.SECP256R1, 32);
        addNistCases(cases, NamedGroup.SECP384R1, 48);
        return cases.stream();
    }

    /** RFC 8446 §4.2.8.2: only the uncompressed form, exact length, on the curve. */
    private static void addNistCases(List<Arguments> cases, NamedGroup group, int field) {
        Opaque valid = KeyExchanges.generate(group, seeded(11)).publicKey();
        String name = group.ianaName();
        cases.add(Arguments.of(group, name + " point at infinity (0x00)", Opaque.fromHex("00")));
        cases.add(Arguments.of(group, name + " compressed point", Opaque.fromHex("02").concat(valid.slice(1, field))));
        cases.add(Arguments.of(group, name + " hybrid form 0x06", Opaque.fromHex("06").concat(valid.slice(1, 2 * field))));
        cases.add(Arguments.of(group, name + " one byte short", valid.slice(0, 2 * field)));
        cases.add(Arguments.of(group, name + " one byte long", valid.concat(Opaque.fromHex("00"))));
        cases.add(Arguments.of(group, name + " X and Y without the 0x04", valid.slice(1, 2 * field)));
        byte[] offCurve = valid.bytes();
        offCurve[offCurve.length - 1] ^= 1;
        cases.add(Arguments.of(group, name + " point not on the curve", Opaque.of(offCurve)));
        cases.add(Arguments.of(group, name + " all-zero coordinates", Opaque.fromHex("04").concat(Opaque.filled(2 * field, 0))));
        cases.add(Arguments.of(group, name + " coordinates of all ones (>= p)", Opaque.fromHex("04").concat(Opaque.filled(2 * field, 0xff))));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badShares")
    void rejectsBadShareWithIllegalParameter(NamedGroup group, String description, Opaque share) {
        KeyExchange ours = KeyExchanges.generate(group, seeded(2));
        TlsException e = assertThrows(TlsException.class, () -> ours.sharedSecret(share));
        assertEquals(Violation.INVALID_KEY_SHARE, e.violation().orElseThrow());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.getMessage().startsWith("RFC 8446 §"), e.getMessage());
    }
}
