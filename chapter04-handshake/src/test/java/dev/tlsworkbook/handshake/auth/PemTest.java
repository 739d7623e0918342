package dev.tlsworkbook.handshake.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PemTest {

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA_3072", "RSA_4096"}, mode = EnumSource.Mode.EXCLUDE)
    void pkcs8KeysAndChainsRoundTripThroughFiles(KeyKind kind, @TempDir Path dir) throws Exception {
        CertifiedKey original = Fixtures.localhost(kind);
        Path chainFile = dir.resolve("chain.pem");
        Path keyFile = dir.resolve("key.pem");
        TestPki.writePem(original, chainFile, keyFile);
        assertTrue(Files.readString(keyFile).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        CertifiedKey loaded = CertifiedKey.load(chainFile, keyFile);
        assertEquals(original.chain(), loaded.chain());
        assertArrayEquals(original.privateKey().getEncoded(), loaded.privateKey().getEncoded());
        assertEquals(kind.name().startsWith("RSASSA") ? KeyType.RSASSA_PSS : KeyType.of(original.privateKey()).orElseThrow(),
                loaded.keyType());
    }

    @Test
    void keyFilesAreReadableOnlyByTheirOwner(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("key.pem");
        Pem.writePrivateKey(keyFile, Fixtures.localhost(KeyKind.EC_P256).privateKey());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    }

    @ParameterizedTest
    @CsvSource({"ec-sec1, EC", "rsa-pkcs1, RSA", "ed25519-pkcs8, ED25519", "ec-p384-pkcs8, EC"})
    void readsKeysInTheFormsOpensslWrites(String name, KeyType type) throws Exception {
        PrivateKey key = Pem.parsePrivateKey(Fixtures.resource(name + ".key"), name + ".key");
        assertEquals(type, KeyType.of(key).orElseThrow());
        List<X509Certificate> certificates = Pem.parseCertificates(Fixtures.resource(name + ".crt"), name + ".crt");
        // CertifiedKey signs and verifies a probe, so this proves the key matches OpenSSL's certificate.
        CertifiedKey certifiedKey = new CertifiedKey(new CertificateChain(certificates), key);
        assertEquals("CN=fixture " + name, certifiedKey.chain().subject());
    }

    @Test
    void aSec1FileWithEcParametersYieldsTheKey() throws Exception {
        String pem = Fixtures.resource("ec-sec1.key");
        assertTrue(pem.startsWith("-----BEGIN EC PARAMETERS-----"));
        assertEquals("EC", Pem.parsePrivateKey(pem, "ec-sec1.key").getAlgorithm());
    }

    @Test
    void aCombinedFileYieldsBothCertificatesAndKey() throws Exception {
        String combined = "Bag Attributes: ignored\n" + Fixtures.resource("rsa-pkcs1.crt") + Fixtures.resource("rsa-pkcs1.key");
        assertEquals(1, Pem.parseCertificates(combined, "combined").size());
        assertEquals("RSA", Pem.parsePrivateKey(combined, "combined").getAlgorithm());
    }

    @Test
    void encodesRfc7468LinesOf64Characters() {
        String pem = Pem.encode("TEST", new byte[100]);
        String[] lines = pem.split("\n");
        assertEquals("-----BEGIN TEST-----", lines[0]);
        // 100 bytes are 136 Base64 characters: 64 + 64 + 8
        assertEquals(64, lines[1].length());
        assertEquals(64, lines[2].length());
        assertEquals(8, lines[3].length());
        assertEquals("-----END TEST-----", lines[4]);
    }

    @Test
    void anEncryptedKeyIsRefusedWithAHowTo() throws Exception {
        PemException e = assertThrows(PemException.class,
                () -> Pem.parsePrivateKey(Fixtures.resource("encrypted-pkcs8.key"), "secret.pem"));
        assertTrue(e.getMessage().contains("ENCRYPTED PRIVATE KEY is encrypted"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl pkey"), e.getMessage());
    }

    @Test
    void aLegacyEncryptedKeyIsRefused() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n";
        PemException e = assertThrows(PemException.class, () -> Pem.parsePrivateKey(pem, "legacy.pem"));
        assertTrue(e.getMessage().contains("is encrypted"), e.getMessage());
    }

    @Test
    void aKeyTlsCannotSignWithIsNamed() throws Exception {
        PemException e = assertThrows(PemException.class,
                () -> Pem.parsePrivateKey(Fixtures.resource("x25519-pkcs8.key"), "x25519.pem"));
        assertTrue(e.getMessage().contains("1.3.101.110"), e.getMessage());
    }

    @Test
    void missingBlocksAreNamed() throws Exception {
        PemException noCert = assertThrows(PemException.class,
                () -> Pem.parseCertificates(Fixtures.resource("ed25519-pkcs8.key"), "key.pem"));
        assertEquals("key.pem: no CERTIFICATE block (found PRIVATE KEY)", noCert.getMessage());
        PemException noKey = assertThrows(PemException.class,
                () -> Pem.parsePrivateKey(Fixtures.resource("rsa-pkcs1.crt"), "cert.pem"));
        assertEquals("cert.pem: no private key block (found CERTIFICATE)", noKey.getMessage());
        PemException empty = assertThrows(PemException.class, () -> Pem.parseCertificates("hello\n", "empty.pem"));
        assertEquals("empty.pem: no CERTIFICATE block (found no PEM blocks)", empty.getMessage());
    }

    @Test
    void brokenBlocksAreRefusedWithTheirLine() throws Exception {
        PemException unterminated = assertThrows(PemException.class,
                () -> Pem.parseCertificates("\n-----BEGIN CERTIFICATE-----\nAAAA\n", "cut.pem"));
        assertEquals("cut.pem line 2: BEGIN CERTIFICATE without -----END CERTIFICATE-----", unterminated.getMessage());
        PemException base64 = assertThrows(PemException.class,
                () -> Pem.parseCertificates("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n", "b.pem"));
        assertEquals("b.pem line 1: CERTIFICATE body is not valid Base64", base64.getMessage());
        PemException der = assertThrows(PemException.class,
                () -> Pem.parseCertificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "d.pem"));
        assertTrue(der.getMessage().startsWith("d.pem line 1: CERTIFICATE block is not a valid X.509 certificate"));
        PemException key = assertThrows(PemException.class,
                () -> Pem.parsePrivateKey("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", "k.pem"));
        assertTrue(key.getMessage().startsWith("k.pem line 1: EC PRIVATE KEY does not parse"), key.getMessage());
    }

    @Test
    void twoKeysInOneFileAreRefused() throws Exception {
        String two = Fixtures.resource("rsa-pkcs1.key") + Fixtures.resource("ed25519-pkcs8.key");
        PemException e = assertThrows(PemException.class, () -> Pem.parsePrivateKey(two, "two.pem"));
        assertEquals("two.pem: 2 private keys; expected exactly one", e.getMessage());
    }
}
