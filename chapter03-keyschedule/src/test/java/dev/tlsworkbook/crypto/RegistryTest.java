package dev.tlsworkbook.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The IANA registries of this chapter: codes, lookups, attributes and printing. */
class RegistryTest {

    @Test
    void everyValueIsFoundByItsCodeAndUnknownCodesAreEmpty() {
        Arrays.stream(HashAlgorithm.values()).forEach(h -> assertEquals(Optional.of(h), HashAlgorithm.fromCode(h.code())));
        Arrays.stream(NamedGroup.values()).forEach(g -> assertEquals(Optional.of(g), NamedGroup.fromCode(g.code())));
        Arrays.stream(CipherSuite.values()).forEach(s -> assertEquals(Optional.of(s), CipherSuite.fromCode(s.code())));
        assertEquals(Optional.empty(), HashAlgorithm.fromCode(7));
        assertEquals(Optional.empty(), NamedGroup.fromCode(0x0a0a)); // GREASE (RFC 8701) stays raw
        assertEquals(Optional.empty(), CipherSuite.fromCode(0x1a1a));
    }

    @Test
    void hashRegistryMatchesIana() {
        int[] codes = Arrays.stream(HashAlgorithm.values()).mapToInt(HashAlgorithm::code).toArray();
        assertTrue(Arrays.equals(new int[] {0, 1, 2, 3, 4, 5, 6, 8}, codes));
        assertEquals(OptionalInt.of(48), HashAlgorithm.SHA384.outputLength());
        assertEquals(OptionalInt.empty(), HashAlgorithm.INTRINSIC.outputLength());
        assertEquals(Optional.of("SHA-256"), HashAlgorithm.SHA256.jcaName());
        assertEquals("HmacSHA384", HashAlgorithm.SHA384.hmacAlgorithm());
        assertEquals("sha256", HashAlgorithm.SHA256.ianaName());
        for (HashAlgorithm h : HashAlgorithm.values()) {
            h.outputLength().ifPresent(n -> assertEquals(n, h.newDigest().getDigestLength(), h.name()));
        }
        assertEquals("SHA256(0x04)", HashAlgorithm.SHA256.toString());
    }

    @Test
    void namedGroupsCarryTheirIanaCodes() {
        assertEquals(0x0017, NamedGroup.SECP256R1.code());
        assertEquals(0x0018, NamedGroup.SECP384R1.code());
        assertEquals(0x0019, NamedGroup.SECP521R1.code());
        assertEquals(0x001d, NamedGroup.X25519.code());
        assertEquals(0x001e, NamedGroup.X448.code());
        assertEquals(0x0100, NamedGroup.FFDHE2048.code());
        assertEquals(0x0104, NamedGroup.FFDHE8192.code());
        assertEquals(0x11ec, NamedGroup.X25519MLKEM768.code());
        assertEquals(NamedGroup.Kind.FFDHE, NamedGroup.FFDHE3072.kind());
        assertEquals("X25519(0x001d)", NamedGroup.X25519.toString());
    }

    @Test
    void tls13SuitesNameTheirAeadAndHash() {
        assertEquals(Optional.of(AeadAlgorithm.AES_256_GCM), CipherSuite.TLS_AES_256_GCM_SHA384.aead());
        assertEquals(Optional.of(HashAlgorithm.SHA384), CipherSuite.TLS_AES_256_GCM_SHA384.hash());
        assertEquals(Optional.of(AeadAlgorithm.CHACHA20_POLY1305), CipherSuite.TLS_CHACHA20_POLY1305_SHA256.aead());
        assertEquals(0x1303, CipherSuite.TLS_CHACHA20_POLY1305_SHA256.code());
        assertTrue(CipherSuite.TLS_AES_128_GCM_SHA256.isTls13());
        assertTrue(CipherSuite.TLS_AES_128_GCM_SHA256.isImplemented());
        assertFalse(CipherSuite.TLS_AES_128_CCM_SHA256.isImplemented(), "CCM is listed but unsupported");
        assertEquals(0x1305, CipherSuite.TLS_AES_128_CCM_8_SHA256.code());
    }

    @Test
    void tls12SuitesBelongToTls12WithTheirKeyExchange() {
        assertEquals(0xc02b, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256.code());
        assertEquals(0xc030, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.code());
        assertEquals(0xcca8, CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256.code());
        assertEquals(0xcca9, CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256.code());
        assertEquals(Optional.of(ProtocolVersion.TLS1_2), CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.version());
        assertEquals(CipherSuite.KeyExchangeMethod.ECDHE_ECDSA, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384.keyExchange());
        assertEquals(Optional.of(HashAlgorithm.SHA384), CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384.hash());
    }

    @Test
    void signalingValuesAreNotSuites() {
        for (CipherSuite scsv : new CipherSuite[] {CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV, CipherSuite.TLS_FALLBACK_SCSV}) {
            assertFalse(scsv.isImplemented());
            assertEquals(Optional.empty(), scsv.version());
            assertEquals(Optional.empty(), scsv.aead());
            assertEquals(Optional.empty(), scsv.hash());
        }
        assertEquals(0x00ff, CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV.code());
        assertEquals(0x5600, CipherSuite.TLS_FALLBACK_SCSV.code());
        assertEquals("TLS_FALLBACK_SCSV(0x5600)", CipherSuite.TLS_FALLBACK_SCSV.toString());
    }
}
