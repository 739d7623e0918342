package dev.tlsworkbook.crypto;

import static dev.tlsworkbook.crypto.KeyExchangeTest.seeded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hybrid groups against the text of draft-ietf-tls-ecdhe-mlkem §3.1 (sizes and the order of
 * the parts, read from the draft's sentences), against Bouncy Castle's ML-KEM used directly as
 * the peer, and with bad peer input.
 */
class HybridKemTest {
    private static final String DRAFT = draft();

    /** What §3.1 says about one group: sizes and whether ML-KEM comes first, per share and secret. */
    record DraftLayout(int clientShare, boolean clientKemFirst, int serverShare, boolean serverKemFirst, int secret,
            boolean secretKemFirst) {
    }

    static Stream<NamedGroup> hybrids() {
        return Kems.hybridGroups().stream();
    }

    @ParameterizedTest
    @MethodSource("hybrids")
    void sizesAndOrderAreThoseOfTheDraft(NamedGroup group) {
        DraftLayout draft = layout(group);
        HybridKem kem = HybridKem.of(group);
        DecapsulationKey client = kem.generate(seeded(1));
        Encapsulation server = kem.encapsulate(client.publicKey(), seeded(2));
        assertEquals(draft.clientShare(), client.publicKey().length(), "§3.1.1 client share");
        assertEquals(draft.serverShare(), server.ciphertext().length(), "§3.1.2 server share");
        assertEquals(draft.secret(), server.sharedSecret().length(), "§3.1.3 shared secret");
        assertEquals(server.sharedSecret(), client.decapsulate(server.ciphertext()));
        assertEquals(draft.clientKemFirst(), kem.mlKemFirst());
        assertEquals(draft.serverKemFirst(), kem.mlKemFirst());
        assertEquals(draft.secretKemFirst(), kem.mlKemFirst());
    }

    @Test
    void theDraftPutsMlKemFirstOnlyInX25519MlKem768() {
        assertTrue(layout(NamedGroup.X25519MLKEM768).clientKemFirst());
        assertFalse(layout(NamedGroup.SECP256R1MLKEM768).clientKemFirst());
        assertFalse(layout(NamedGroup.SECP384R1MLKEM1024).secretKemFirst());
        assertEquals(List.of(1216, 1120, 64), sizes(NamedGroup.X25519MLKEM768));
        assertEquals(List.of(1249, 1153, 64), sizes(NamedGroup.SECP256R1MLKEM768));
        assertEquals(List.of(1665, 1665, 80), sizes(NamedGroup.SECP384R1MLKEM1024));
    }

    /** Our client against a server assembled here from Bouncy Castle's ML-KEM and our ECDH, in the draft's order. */
    @ParameterizedTest
    @MethodSource("hybrids")
    void ourClientShareAndDecapsulationFollowTheDraftsLayout(NamedGroup group) {
        DraftLayout draft = layout(group);
        HybridKem kem = HybridKem.of(group);
        int ekLength = kem.mlKem().encapsulationKeyLength();
        DecapsulationKey client = kem.generate(seeded(3));
        Opaque share = client.publicKey();
        int ecdhLength = share.length() - ekLength;
        Opaque ek = draft.clientKemFirst() ? share.slice(0, ekLength) : share.slice(ecdhLength, ekLength);
        Opaque ecdhPart = draft.clientKemFirst() ? share.slice(ekLength, ecdhLength) : share.slice(0, ecdhLength);

        SecretWithEncapsulation kemResult = new MLKEMGenerator(seeded(4))
                .generateEncapsulated(new MLKEMPublicKeyParameters(parameters(kem), ek.bytes()));
        KeyExchange serverEcdh = KeyExchanges.generate(kem.ecdhGroup(), seeded(5));
        Opaque ct = Opaque.of(kemResult.getEncapsulation());
        Opaque serverShare = draft.serverKemFirst() ? ct.concat(serverEcdh.publicKey()) : serverEcdh.publicKey().concat(ct);
        Opaque kemSecret = Opaque.of(kemResult.getSecret());
        Opaque ecdhSecret = Opaque.of(serverEcdh.sharedSecret(ecdhPart).bytes());
        Opaque expected = draft.secretKemFirst() ? kemSecret.concat(ecdhSecret) : ecdhSecret.concat(kemSecret);

        assertEquals(expected.hex(), client.decapsulate(serverShare).hex());
    }

    /** Our server against a client assembled here from Bouncy Castle's ML-KEM and our ECDH, in the draft's order. */
    @ParameterizedTest
    @MethodSource("hybrids")
    void ourEncapsulationFollowsTheDraftsLayout(NamedGroup group) {
        DraftLayout draft = layout(group);
        HybridKem kem = HybridKem.of(group);
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(seeded(6), parameters(kem)));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        Opaque ek = Opaque.of(((MLKEMPublicKeyParameters) pair.getPublic()).getEncoded());
        KeyExchange clientEcdh = KeyExchanges.generate(kem.ecdhGroup(), seeded(7));
        Opaque clientShare = draft.clientKemFirst() ? ek.concat(clientEcdh.publicKey()) : clientEcdh.publicKey().concat(ek);

        Encapsulation server = kem.encapsulate(clientShare, seeded(8));
        int ctLength = kem.mlKem().ciphertextLength();
        int ecdhLength = server.ciphertext().length() - ctLength;
        Opaque share = server.ciphertext();
        Opaque ct = draft.serverKemFirst() ? share.slice(0, ctLength) : share.slice(ecdhLength, ctLength);
        Opaque ecdhPart = draft.serverKemFirst() ? share.slice(ctLength, ecdhLength) : share.slice(0, ecdhLength);
        Opaque kemSecret = Opaque.of(new MLKEMExtractor((MLKEMPrivateKeyParameters) pair.getPrivate()).extractSecret(ct.bytes()));
        Opaque ecdhSecret = Opaque.of(clientEcdh.sharedSecret(ecdhPart).bytes());
        Opaque expected = draft.secretKemFirst() ? kemSecret.concat(ecdhSecret) : ecdhSecret.concat(kemSecret);

        assertEquals(expected.hex(), server.sharedSecret().hex());
    }

    /** FIPS 203 §6.3 step 10: a tampered ciphertext decapsulates to J(z || c), not to an error. */
    @Test
    void aTamperedCiphertextYieldsTheImplicitRejectionSecret() {
        MlKem.KeyPair pair = MlKem.ML_KEM_768.generate(seeded(9));
        Encapsulation sent = MlKem.ML_KEM_768.encapsulate(pair.encapsulationKey(), seeded(10));
        assertEquals(sent.sharedSecret(), pair.decapsulate(sent.ciphertext()));

        byte[] tampered = sent.ciphertext().bytes();
        tampered[100] ^= 0x01;
        SecretBytes rejected = pair.decapsulate(Opaque.of(tampered));

        SHAKEDigest j = new SHAKEDigest(256); // J(s) = SHAKE256(s, 8 * 32), FIPS 203 §4.1
        byte[] z = pair.implicitRejectionSeed().bytes();
        j.update(z, 0, z.length);
        j.update(tampered, 0, tampered.length);
        byte[] expected = new byte[32];
        j.doFinal(expected, 0, expected.length);
        assertArrayEquals(expected, rejected.bytes());
        assertNotEquals(sent.sharedSecret(), rejected);
    }

    /** At the hybrid level the same tampering gives the two sides different secrets, and no exception. */
    @ParameterizedTest
    @MethodSource("hybrids")
    void aTamperedHybridCiphertextGivesADifferentSecretNotAnError(NamedGroup group) {
        HybridKem kem = HybridKem.of(group);
        DecapsulationKey client = kem.generate(seeded(11));
        Encapsulation server = kem.encapsulate(client.publicKey(), seeded(12));
        byte[] share = server.ciphertext().bytes();
        int kemByte = kem.mlKemFirst() ? 0 : share.length - 1; // a byte of the ML-KEM part
        share[kemByte] ^= (byte) 0x80;
        assertNotEquals(server.sharedSecret(), client.decapsulate(Opaque.of(share)));
    }

    @ParameterizedTest
    @MethodSource("hybrids")
    void clientSharesOfTheWrongLengthAreIllegalParameter(NamedGroup group) {
        HybridKem kem = HybridKem.of(group);
        Opaque share = kem.generate(seeded(13)).publicKey();
        assertInvalid(() -> kem.encapsulate(share.slice(0, share.length() - 1), seeded(14)));
        assertInvalid(() -> kem.encapsulate(share.concat(Opaque.of(new byte[1])), seeded(14)));
        assertInvalid(() -> kem.encapsulate(Opaque.EMPTY, seeded(14)));
        // The classical share alone, as a confused client might send it.
        assertInvalid(() -> kem.encapsulate(KeyExchanges.generate(kem.ecdhGroup(), seeded(15)).publicKey(), seeded(14)));
    }

    @ParameterizedTest
    @MethodSource("hybrids")
    void serverSharesOfTheWrongLengthAreIllegalParameter(NamedGroup group) {
        HybridKem kem = HybridKem.of(group);
        DecapsulationKey client = kem.generate(seeded(16));
        Opaque share = kem.encapsulate(client.publicKey(), seeded(17)).ciphertext();
        assertInvalid(() -> client.decapsulate(share.slice(0, share.length() - 1)));
        assertInvalid(() -> client.decapsulate(share.concat(Opaque.of(new byte[1]))));
        assertInvalid(() -> client.decapsulate(Opaque.EMPTY));
    }

    /** FIPS 203 §7.2 modulus check: a coefficient of q or more in ek → illegal_parameter. */
    @ParameterizedTest
    @MethodSource("hybrids")
    void anEncapsulationKeyFailingTheModulusCheckIsIllegalParameter(NamedGroup group) {
        HybridKem kem = HybridKem.of(group);
        byte[] share = kem.generate(seeded(18)).publicKey().bytes();
        int ekStart = kem.mlKemFirst() ? 0 : share.length - kem.mlKem().encapsulationKeyLength();
        // The first coefficient becomes 0xfff = 4095 >= q.
        share[ekStart] = (byte) 0xff;
        share[ekStart + 1] |= 0x0f;
        TlsException e = assertInvalid(() -> kem.encapsulate(Opaque.of(share), seeded(19)));
        assertTrue(e.getMessage().contains("FIPS 203 §7.2"), e.getMessage());
    }

    @Test
    void anEncapsulationKeyOfTheWrongLengthIsIllegalParameterBeforeBouncyCastleSeesIt() {
        Opaque ek = MlKem.ML_KEM_768.generate(seeded(20)).encapsulationKey();
        assertInvalid(() -> MlKem.ML_KEM_768.encapsulate(ek.slice(0, 1183), seeded(21)));
        assertInvalid(() -> MlKem.ML_KEM_1024.encapsulate(ek, seeded(21)));
        MlKem.KeyPair pair = MlKem.ML_KEM_768.generate(seeded(22));
        assertInvalid(() -> pair.decapsulate(Opaque.filled(1087, 1)));
        assertInvalid(() -> pair.decapsulate(Opaque.filled(1568, 1)));
    }

    /** RFC 8446 §7.4.2 inside the hybrid: an all-zero X25519 part (a small-order point) → illegal_parameter. */
    @Test
    void aSmallOrderX25519PartIsIllegalParameterBothWays() {
        HybridKem kem = HybridKem.X25519MLKEM768;
        byte[] share = kem.generate(seeded(23)).publicKey().bytes();
        java.util.Arrays.fill(share, 1184, 1216, (byte) 0);
        assertInvalid(() -> kem.encapsulate(Opaque.of(share), seeded(24)));

        DecapsulationKey client = kem.generate(seeded(25));
        byte[] serverShare = kem.encapsulate(client.publicKey(), seeded(26)).ciphertext().bytes();
        java.util.Arrays.fill(serverShare, 1088, 1120, (byte) 0);
        assertInvalid(() -> client.decapsulate(Opaque.of(serverShare)));
    }

    /** RFC 8446 §4.2.8.2 inside the hybrid: a NIST part that is not an uncompressed point on the curve. */
    @ParameterizedTest
    @MethodSource("hybrids")
    void aNistPartOffTheCurveIsIllegalParameter(NamedGroup group) {
        HybridKem kem = HybridKem.of(group);
        if (kem.ecdhGroup() == NamedGroup.X25519) {
            return; // every 32-byte string is an X25519 u-coordinate; covered by the small-order test
        }
        byte[] share = kem.generate(seeded(27)).publicKey().bytes();
        share[0] = 0x05; // not legacy_form 4
        assertInvalid(() -> kem.encapsulate(Opaque.of(share), seeded(28)));
        share[0] = 0x04;
        share[10] ^= 0x01; // X changes, Y does not: off the curve
        assertInvalid(() -> kem.encapsulate(Opaque.of(share), seeded(28)));
    }

    /** Random bytes of the right length: a result or illegal_parameter, never a provider exception. */
    @ParameterizedTest
    @MethodSource("hybrids")
    void randomSharesOfTheRightLengthNeverEscapeAsProviderExceptions(NamedGroup group) {
        HybridKem kem = HybridKem.of(group);
        SecureRandom random = seeded(29);
        DecapsulationKey client = kem.generate(random);
        for (int i = 0; i < 20; i++) {
            byte[] clientShare = new byte[kem.clientShareLength()];
            random.nextBytes(clientShare);
            try {
                kem.encapsulate(Opaque.of(clientShare), random);
            } catch (TlsException e) {
                assertEquals(Violation.INVALID_KEY_SHARE, e.violation().orElseThrow());
            }
            byte[] serverShare = new byte[kem.serverShareLength()];
            random.nextBytes(serverShare);
            try {
                client.decapsulate(Opaque.of(serverShare));
            } catch (TlsException e) {
                assertEquals(Violation.INVALID_KEY_SHARE, e.violation().orElseThrow());
            }
        }
    }

    /** The Diffie-Hellman groups as KEMs: the server's "ciphertext" is its public value. */
    @ParameterizedTest
    @MethodSource("dhGroups")
    void diffieHellmanGroupsWorkAsKems(NamedGroup group) {
        Kem kem = Kems.of(group);
        DecapsulationKey client = kem.generate(seeded(30));
        Encapsulation server = kem.encapsulate(client.publicKey(), seeded(31));
        assertEquals(server.sharedSecret(), client.decapsulate(server.ciphertext()));
        KeyExchange sameServer = KeyExchanges.generate(group, seeded(31));
        assertEquals(sameServer.publicKey(), server.ciphertext(), "Encaps is DH key generation plus combination");
        assertEquals(sameServer.sharedSecret(client.publicKey()), server.sharedSecret());
        assertInvalid(() -> kem.encapsulate(Opaque.filled(3, 4), seeded(32)));
    }

    static Stream<NamedGroup> dhGroups() {
        return KeyExchanges.supportedGroups().stream();
    }

    @Test
    void everyGroupWeComputeHasAKemAndOthersAreRefused() {
        for (NamedGroup group : NamedGroup.values()) {
            if (Kems.supports(group)) {
                assertEquals(group, Kems.of(group).group());
            } else {
                assertThrows(IllegalArgumentException.class, () -> Kems.of(group));
            }
        }
        assertTrue(Kems.supports(NamedGroup.X25519MLKEM768));
        assertFalse(KeyExchanges.supports(NamedGroup.X25519MLKEM768), "a hybrid has no Diffie-Hellman shape");
    }

    private static TlsException assertInvalid(org.junit.jupiter.api.function.Executable call) {
        TlsException e = assertThrows(TlsException.class, call);
        assertEquals(Violation.INVALID_KEY_SHARE, e.violation().orElseThrow());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.violation().orElseThrow().alert());
        return e;
    }

    private static MLKEMParameters parameters(HybridKem kem) {
        return kem.mlKem() == MlKem.ML_KEM_768 ? MLKEMParameters.ml_kem_768 : MLKEMParameters.ml_kem_1024;
    }

    private static List<Integer> sizes(NamedGroup group) {
        DraftLayout d = layout(group);
        return List.of(d.clientShare(), d.serverShare(), d.secret());
    }

    /** Reads §3.1.1-§3.1.3 for {@code group}: sizes, and which part each concatenation names first. */
    static DraftLayout layout(NamedGroup group) {
        String name = group.ianaName();
        String ecdh = switch (group) {
            case X25519MLKEM768 -> "X25519";
            case SECP256R1MLKEM768 -> "secp256r1";
            default -> "secp384r1";
        };
        String client = paragraph(section("3.1.1.", "3.1.2."), "When the " + name + " group is negotiated");
        String server = paragraph(section("3.1.2.", "3.1.3."), "When the " + name + " group is negotiated");
        String secret = paragraph(section("3.1.3.", "ZZZ"), "For " + name + ",");
        return new DraftLayout(number(client, "size of the client share is (\\d+) bytes"), kemFirst(client, ecdh),
                number(server, "size of the server share is (\\d+) bytes"), kemFirst(server, ecdh),
                number(secret, "shared secret is (\\d+) bytes"), kemFirst(secret, ecdh.equals("X25519") ? ecdh : "ECDH"));
    }

    private static boolean kemFirst(String paragraph, String ecdh) {
        String clause = paragraph.substring(paragraph.indexOf("concatenation of"));
        clause = clause.substring(0, clause.indexOf('.'));
        assertTrue(clause.contains("ML-KEM") && clause.contains(ecdh), clause);
        return clause.indexOf("ML-KEM") < clause.indexOf(ecdh);
    }

    private static int number(String paragraph, String regex) {
        Matcher m = Pattern.compile(regex).matcher(paragraph);
        assertTrue(m.find(), regex + " in " + paragraph);
        return Integer.parseInt(m.group(1));
    }

    private static String section(String start, String end) {
        int from = DRAFT.indexOf(start);
        int to = DRAFT.indexOf(end, from);
        return DRAFT.substring(from, to < 0 ? DRAFT.length() : to);
    }

    private static String paragraph(String section, String start) {
        int from = section.indexOf(start);
        assertTrue(from >= 0, start);
        int to = section.indexOf("When the ", from + 1);
        int next = section.indexOf("For ", from + 1);
        int end = Math.min(to < 0 ? section.length() : to, next < 0 ? section.length() : next);
        return section.substring(from, end);
    }

    private static String draft() {
        try (InputStream in = HybridKemTest.class.getClassLoader()
                .getResourceAsStream("vectors/draft-ietf-tls-ecdhe-mlkem-3.1.txt")) {
            // Joined into one line so that a sentence broken across lines matches.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("-\\s*\\n\\s*", "-").replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
