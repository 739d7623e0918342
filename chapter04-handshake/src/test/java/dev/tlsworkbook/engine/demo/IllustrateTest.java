package dev.tlsworkbook.engine.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.CertifiedKey;
import dev.tlsworkbook.handshake.auth.KeyKind;
import dev.tlsworkbook.handshake.auth.TestPki;
import dev.tlsworkbook.handshake.extension.Grease;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The illustrated connection and the walkthrough label every byte: the wire fields of each record
 * cover it exactly, the hellos carry the fields the RFC names with the values it requires, every
 * encrypted record opens by hand with the key log, and the certificate's DER is cut to its
 * subject, names, key and signature.
 */
class IllustrateTest {
    private static final DemoEntropy SEED = DemoEntropy.seeded(Illustrate.DEFAULT_SEED);

    @Test
    void wireFieldsCoverEveryRecordByteForByte() {
        IllustratedConnection c = Illustrate.run(SEED, Illustration.TLS13);
        assertTrue(c.records().size() >= 8, c.records().toString());
        for (IllustratedRecord r : c.records()) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (Field f : Illustrate.fields(r, c, Illustration.TLS13)) {
                if (f.wire()) {
                    wire.writeBytes(f.bytes());
                }
            }
            assertArrayEquals(r.bytes(), wire.toByteArray(), r.toString());
        }
    }

    @Test
    void theClientHelloFieldsAreTheOnesRfc8446Requires() {
        IllustratedConnection c = Illustrate.run(SEED, Illustration.TLS13);
        Field hello = group(c, c.records().get(0), "client_hello");
        assertEquals("0303", Hex.encode(hello.find("legacy_version").orElseThrow().bytes()));
        assertEquals(33, hello.find("legacy_session_id").orElseThrow().length(), "a 32-byte middlebox session id");
        assertEquals("0100", Hex.encode(hello.find("legacy_compression_methods").orElseThrow().bytes()));
        Field suites = hello.find("cipher_suites").orElseThrow();
        assertTrue(suites.parts().stream().anyMatch(f -> f.name().startsWith("GREASE")
                && Grease.isGrease(Integer.parseInt(Hex.encode(f.bytes()), 16))), suites.parts().toString());
        assertTrue(hello.find("extension GREASE").isPresent());
        assertTrue(hello.find("extension supported_versions").orElseThrow().find("TLS 1.3 (03 04)").isPresent());
    }

    @Test
    void aHelloRetryRequestIsLabelledByItsRandom() {
        Illustration hrr = new Illustration("TLS 1.3", "", DemoHook.NONE,
                config -> config.groups(List.of(NamedGroup.SECP256R1)), Tls13RecordLabels.INSTANCE, "");
        IllustratedConnection c = Illustrate.run(SEED, hrr);
        IllustratedRecord first = c.records().stream().filter(r -> !r.fromClient()).findFirst().orElseThrow();
        Field random = group(c, first, "server_hello", hrr).find("random").orElseThrow();
        assertEquals(HandshakeFields.HRR_RANDOM, Hex.encode(random.bytes()));
        assertTrue(random.why().contains("HelloRetryRequest"), random.why());
        IllustratedConnection plain = Illustrate.run(SEED, Illustration.TLS13);
        Field normal = group(plain, plain.records().get(1), "server_hello").find("random").orElseThrow();
        assertFalse(normal.why().contains("HelloRetryRequest"));
    }

    @Test
    void everyEncryptedRecordOpensByHandWithItsNonceAndRealType() {
        IllustratedConnection c = Illustrate.run(SEED, Illustration.TLS13);
        int opened = 0;
        for (IllustratedRecord r : c.records()) {
            if (r.type() != 23) {
                continue;
            }
            Field open = Tls13RecordLabels.opened(r, c).orElseThrow(() -> new AssertionError("not opened: " + r));
            byte[] iv = open.find("iv").orElseThrow().bytes();
            byte[] nonce = open.find("nonce").orElseThrow().bytes();
            // RFC 8446 §5.3: the last byte of the nonce is the IV's XOR the sequence number's low byte
            assertEquals((byte) (iv[11] ^ (int) r.sequence()), nonce[11], r.toString());
            assertArrayEquals(Arrays.copyOf(r.bytes(), 5), open.find("additional_data").orElseThrow().bytes());
            List<Field> inner = open.find("TLSInnerPlaintext").orElseThrow().parts();
            byte[] type = inner.stream().filter(f -> f.name().equals("type")).findFirst().orElseThrow().bytes();
            assertTrue(type[0] == 22 || type[0] == 23 || type[0] == 21, r.toString());
            opened++;
        }
        assertTrue(opened >= 5, "opened " + opened);
        Field first = Tls13RecordLabels.opened(c.records().stream().filter(r -> r.type() == 23 && !r.fromClient())
                .findFirst().orElseThrow(), c).orElseThrow();
        for (String message : List.of("encrypted_extensions", "certificate", "certificate_verify", "finished")) {
            assertTrue(first.find(message).isPresent(), message + " in " + first.parts());
        }
    }

    @Test
    void theCertificateDerIsCutToSubjectNamesKeyAndSignature() {
        TestPki pki = TestPki.create(SEED.clock(), SEED.random("pki"));
        CertifiedKey localhost = pki.issueLocalhost(KeyKind.EC_P256);
        byte[] der = localhost.chain().encoded().get(0).bytes();
        Field cert = DerWalker.certificate(der);
        assertArrayEquals(der, concatLeaves(cert));
        Field subject = cert.find("subject").orElseThrow();
        assertTrue(subject.find("value").orElseThrow().why().contains("\"localhost\""));
        Field san = cert.find("GeneralNames").orElseThrow();
        assertEquals("localhost", new String(Arrays.copyOfRange(san.find("dNSName").orElseThrow().bytes(), 2,
                11), StandardCharsets.US_ASCII));
        assertTrue(cert.find("subjectPublicKeyInfo").orElseThrow().find("parameters").orElseThrow().why()
                .contains("secp256r1"));
        assertEquals(0x04, cert.find("subjectPublicKey").orElseThrow().bytes()[3], "an uncompressed point");
        Field signature = cert.find("signatureValue").orElseThrow();
        assertTrue(signature.find("r").isPresent() && signature.find("s").isPresent());
        for (String part : List.of("tbsCertificate", "serialNumber", "issuer", "validity", "extensions",
                "signatureAlgorithm")) {
            assertTrue(cert.find(part).isPresent(), part);
        }
    }

    @Test
    void aTruncatedOrLyingDerIsRefusedNotOverread() {
        TestPki pki = TestPki.create(SEED.clock(), SEED.random("pki"));
        byte[] der = pki.issueLocalhost(KeyKind.EC_P256).chain().encoded().get(0).bytes();
        for (int cut : new int[] {0, 1, 3, 100, der.length - 1}) {
            byte[] truncated = Arrays.copyOf(der, cut);
            assertThrows(IllegalArgumentException.class, () -> DerWalker.certificate(truncated), "cut at " + cut);
        }
        byte[] lying = der.clone();
        lying[5] = (byte) 0x7f; // tbsCertificate's length byte claims more than its container holds
        assertThrows(IllegalArgumentException.class, () -> DerWalker.certificate(lying));
    }

    @Test
    void theWalkthroughRepeatsByteForByteAndShowsEveryPart() {
        String once = walkthrough();
        assertEquals(once, walkthrough());
        for (String expected : List.of("legacy_version  03 03", "legacy_compression_methods (2 bytes)",
                "random  cf 21 ad 74 e5 9a 61 11", "nonce  ", "additional_data  17 03 03", "type  16",
                "dNSName  82 09 6c 6f 63 61 6c 68 6f 73 74", "ECDSA-Sig-Value")) {
            assertTrue(once.contains(expected), expected);
        }
    }

    private static String walkthrough() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Walkthrough.print(SEED, "all", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Field group(IllustratedConnection c, IllustratedRecord r, String name) {
        return group(c, r, name, Illustration.TLS13);
    }

    private static Field group(IllustratedConnection c, IllustratedRecord r, String name, Illustration spec) {
        return Illustrate.fields(r, c, spec).stream().flatMap(f -> f.find(name).stream()).findFirst().orElseThrow();
    }

    private static byte[] concatLeaves(Field f) {
        List<Field> leaves = new ArrayList<>();
        collect(f, leaves);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        leaves.forEach(l -> out.writeBytes(l.bytes()));
        return out.toByteArray();
    }

    private static void collect(Field f, List<Field> leaves) {
        if (f.parts().isEmpty()) {
            leaves.add(f);
        } else {
            f.parts().forEach(p -> collect(p, leaves));
        }
    }
}
