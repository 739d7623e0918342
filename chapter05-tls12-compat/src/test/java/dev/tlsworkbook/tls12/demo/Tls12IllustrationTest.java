package dev.tlsworkbook.tls12.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.engine.demo.DemoEntropy;
import dev.tlsworkbook.engine.demo.Field;
import dev.tlsworkbook.engine.demo.Illustrate;
import dev.tlsworkbook.engine.demo.IllustratedConnection;
import dev.tlsworkbook.engine.demo.IllustratedRecord;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Chapter 5's illustrated TLS 1.2 connection, drawn by chapter 4's page with
 * {@link Tls12RecordLabels}: seeded, so two runs give the same bytes (ServerKeyExchange's ECDSA
 * signature included, RFC 6979); every byte labelled; the TLS 1.2 messages and the explicit nonce
 * named; every protected record opened by hand with the master secret.
 */
class Tls12IllustrationTest {
    private static final DemoEntropy SEED = DemoEntropy.seeded(7);

    @Test
    void twoSeededRunsSendTheSameBytes() {
        List<IllustratedRecord> first = Illustrate.run(SEED, CompatDemo.ILLUSTRATION).records();
        List<IllustratedRecord> second = Illustrate.run(SEED, CompatDemo.ILLUSTRATION).records();
        assertEquals(first, second);
    }

    @Test
    void everyByteIsLabelledAndTheTls12PartsAreNamed() {
        IllustratedConnection c = Illustrate.run(SEED, CompatDemo.ILLUSTRATION);
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", c.suite().orElseThrow().name());
        for (IllustratedRecord r : c.records()) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            fields(r, c).stream().filter(Field::wire).forEach(f -> wire.writeBytes(f.bytes()));
            assertArrayEquals(r.bytes(), wire.toByteArray(), r.toString());
        }
        Field serverHello = find(c, "server_hello").orElseThrow();
        assertEquals(DOWNGRD, Hex.encode(serverHello.find("downgrade sentinel").orElseThrow().bytes()));
        for (String name : List.of("params", "signed_params", "ecdh_Yc", "certificate_list", "dNSName",
                "change_cipher_spec", "nonce_explicit")) {
            assertTrue(find(c, name).isPresent(), name);
        }
    }

    @Test
    void everyProtectedRecordOpensWithTheMasterSecret() {
        IllustratedConnection c = Illustrate.run(SEED, CompatDemo.ILLUSTRATION);
        int finished = 0;
        int opened = 0;
        for (IllustratedRecord r : c.records()) {
            if (!c.afterChangeCipherSpec(r)) {
                continue;
            }
            Field open = fields(r, c).stream().filter(f -> !f.wire()).findFirst()
                    .orElseThrow(() -> new AssertionError("not opened: " + r));
            opened++;
            byte[] nonce = open.find("nonce").orElseThrow().bytes();
            // RFC 5288 §3: the nonce ends in the 8 explicit bytes sent before the ciphertext
            assertArrayEquals(Arrays.copyOfRange(r.bytes(), 5, 13), Arrays.copyOfRange(nonce, 4, 12), r.toString());
            Optional<Field> verifyData = open.find("verify_data");
            if (verifyData.isPresent()) {
                assertEquals(12, verifyData.get().length());
                finished++;
            }
        }
        assertEquals(2, finished, "the client's and the server's Finished");
        assertTrue(opened >= 4, "opened " + opened);
    }

    private static final String DOWNGRD = "444f574e47524401";

    private static List<Field> fields(IllustratedRecord r, IllustratedConnection c) {
        return Illustrate.fields(r, c, CompatDemo.ILLUSTRATION);
    }

    private static Optional<Field> find(IllustratedConnection c, String name) {
        return c.records().stream().flatMap(r -> fields(r, c).stream()).flatMap(f -> f.find(name).stream()).findFirst();
    }
}
