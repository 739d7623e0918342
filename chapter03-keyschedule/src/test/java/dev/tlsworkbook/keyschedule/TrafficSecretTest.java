package dev.tlsworkbook.keyschedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.Hkdf;
import dev.tlsworkbook.record.protection.AeadAlgorithm;
import dev.tlsworkbook.record.protection.TrafficKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** KeyUpdate, SHA-384 suites, the exporter against OpenSSL, and secrets that never print. */
class TrafficSecretTest {
    private static final SecretBytes SECRET = SecretBytes.fromHex(
            "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5"); // RFC 8448 §3 c ap traffic

    @Test
    void keyUpdateExpandsTrafficUpdWithTheHashLength() {
        TrafficSecret ap0 = TrafficSecret.of(SecretLabel.CLIENT_APPLICATION_TRAFFIC, HashAlgorithm.SHA256, SECRET);
        TrafficSecret ap1 = ap0.next();
        // RFC 8446 §7.2 spelled out: HkdfLabel = length 32 || opaque8 "tls13 traffic upd" || opaque8 ""
        byte[] info = Hex.decode("0020" + "11" + Hex.encode("tls13 traffic upd".getBytes(StandardCharsets.US_ASCII)) + "00");
        assertEquals(Hkdf.of(HashAlgorithm.SHA256).expand(SECRET, info, 32).hex(), ap1.secret().hex());
        assertEquals(1, ap1.generation());
        assertEquals(2, ap1.next().generation());
        assertNotEquals(ap1.secret(), ap1.next().secret());
        assertEquals(Optional.of("CLIENT_TRAFFIC_SECRET_0"), ap0.keyLogName());
        assertEquals(Optional.empty(), ap1.keyLogName(), "the key log format names generation 0 only");
    }

    @Test
    void sha384SuiteKeysHaveTheAeadLengths() {
        EarlySecret early = EarlySecret.withoutPsk(HashAlgorithm.SHA384);
        assertEquals(48, early.secret().length());
        HandshakeSecret hs = early.handshakeSecret(SecretBytes.zeros(32));
        TrafficSecret shs = hs.serverHandshakeTrafficSecret(Tls13Kdf.emptyHash(HashAlgorithm.SHA384));
        TrafficKeys keys = shs.keys(AeadAlgorithm.AES_256_GCM);
        assertEquals(48, shs.secret().length());
        assertEquals(32, keys.key().length());
        assertEquals(12, keys.iv().length());
        assertEquals(48, shs.finishedKey().length());
        assertEquals(48, shs.finishedVerifyData(Tls13Kdf.emptyHash(HashAlgorithm.SHA384)).length());
    }

    /** A TLS 1.3 connection between openssl s_client and s_server, recorded in test resources. */
    @Test
    void exporterMatchesOpenSslKeyingMaterialForTheSameExporterSecret() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("vectors/openssl-keylog-exporter.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
        String expected = lines.stream().filter(l -> l.contains("Keying material:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
        String secret = lines.stream().filter(l -> l.startsWith("EXPORTER_SECRET ")).map(l -> l.split(" ")[2])
                .findFirst().orElseThrow();
        ExporterSecret exporter = ExporterSecret.of(SecretLabel.EXPORTER_MASTER, HashAlgorithm.SHA384, SecretBytes.fromHex(secret));
        assertEquals(expected.toLowerCase(), exporter.export("EXPERIMENTAL-workbook", new byte[0], 32).hex());
        assertNotEquals(expected.toLowerCase(), exporter.export("EXPERIMENTAL-workbook", new byte[] {1}, 32).hex(),
                "the context is part of the exporter");
    }

    @Test
    void secretsPrintRedacted() {
        EarlySecret early = EarlySecret.withoutPsk(HashAlgorithm.SHA256);
        HandshakeSecret hs = early.handshakeSecret(SecretBytes.fromHex("01".repeat(32)));
        MasterSecret ms = hs.masterSecret();
        Opaque h = Tls13Kdf.emptyHash(HashAlgorithm.SHA256);
        TrafficSecret ts = hs.clientHandshakeTrafficSecret(h);
        List<Object> all = List.of(early, hs, ms, ts, ts.keys(AeadAlgorithm.AES_128_GCM), ts.secret(), ts.finishedKey(),
                ms.exporterMasterSecret(h), ms.resumptionMasterSecret(h), early.binderKey(EarlySecret.PskKind.EXTERNAL));
        for (Object o : all) {
            String text = o.toString();
            assertTrue(text.contains("[redacted]"), text);
            assertFalse(text.contains(ts.secret().hex()), text);
            assertFalse(text.matches(".*[0-9a-f]{16,}.*"), text);
        }
    }

    @Test
    void secretsKnownFromElsewhereMustHaveTheHashLength() {
        assertThrows(IllegalArgumentException.class,
                () -> TrafficSecret.of(SecretLabel.SERVER_HANDSHAKE_TRAFFIC, HashAlgorithm.SHA384, SECRET));
        assertThrows(IllegalArgumentException.class,
                () -> ExporterSecret.of(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC, HashAlgorithm.SHA256, SECRET));
        assertThrows(IllegalArgumentException.class,
                () -> ResumptionMasterSecret.of(HashAlgorithm.SHA384, SECRET));
    }
}
