package dev.tlsworkbook.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.keyschedule.trace.RfcText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 7748, read from the RFC text: the §5.2 function vectors and iteration loops for X25519 and
 * X448, and the §6.1/§6.2 Diffie-Hellman examples run through our {@link KeyExchange}s.
 */
class Rfc7748Test {
    /** A labelled hex value of the RFC: in which section, under which curve heading, and its label. */
    record Entry(String section, String curve, String label, byte[] value) {
    }

    private static final Pattern SECTION = Pattern.compile("^(\\d\\.\\d?)\\.?\\s\\s\\S.*");
    private static final Pattern LABEL = Pattern.compile("^ {3,7}(\\S.*):$");
    private static final Pattern HEX = Pattern.compile("^ {5,}([0-9a-f]{20,})$");
    private static List<Entry> entries;

    @BeforeAll
    static void parseRfc() {
        entries = new ArrayList<>();
        String section = "";
        String curve = "";
        String label = null;
        StringBuilder hex = new StringBuilder();
        for (String line : RfcText.load("vectors/rfc7748.txt")) {
            Matcher s = SECTION.matcher(line);
            Matcher l = LABEL.matcher(line);
            Matcher h = HEX.matcher(line);
            if (h.matches() && label != null) {
                hex.append(h.group(1));
                continue;
            }
            if (label != null && hex.length() > 0 && !label.contains("base 10")) {
                entries.add(new Entry(section, curve, label, Hex.decode(hex)));
            }
            label = null;
            hex.setLength(0);
            if (s.matches()) {
                section = s.group(1);
                curve = "";
            } else if (l.matches()) {
                String text = l.group(1).trim();
                if (text.equals("X25519") || text.equals("X448")) {
                    curve = text;
                } else {
                    label = text.startsWith("For ") ? "initial" : text;
                    if (text.startsWith("For ")) {
                        curve = text.substring(4);
                    }
                }
            }
        }
    }

    private static List<byte[]> values(String section, String curve, String label) {
        return entries.stream().filter(e -> e.section.equals(section) && e.curve.equals(curve) && e.label.equals(label))
                .map(Entry::value).toList();
    }

    private static byte[] single(String section, String curve, String label) {
        List<byte[]> v = values(section, curve, label);
        assertEquals(1, v.size(), section + " " + curve + " " + label);
        return v.get(0);
    }

    /** The raw function X25519(k, u) / X448(k, u) (RFC 7748 §5). */
    private static byte[] scalarMult(String curve, byte[] k, byte[] u) {
        byte[] r = new byte[k.length];
        if (curve.equals("X25519")) {
            X25519.scalarMult(k, 0, u, 0, r, 0);
        } else {
            X448.scalarMult(k, 0, u, 0, r, 0);
        }
        return r;
    }

    @Test
    void functionVectorsOfSection52() {
        for (String curve : List.of("X25519", "X448")) {
            List<byte[]> scalars = values("5.2", curve, "Input scalar");
            List<byte[]> us = values("5.2", curve, "Input u-coordinate");
            List<byte[]> outs = values("5.2", curve, "Output u-coordinate");
            assertEquals(2, scalars.size(), curve);
            for (int i = 0; i < 2; i++) {
                assertEquals(Hex.encode(outs.get(i)), Hex.encode(scalarMult(curve, scalars.get(i), us.get(i))), curve + " #" + i);
            }
        }
    }

    @Test
    void oneAndOneThousandIterations() {
        for (String curve : List.of("X25519", "X448")) {
            assertEquals(Hex.encode(single("5.2", curve, "After one iteration")), iterate(curve, 1));
            assertEquals(Hex.encode(single("5.2", curve, "After 1,000 iterations")), iterate(curve, 1_000));
        }
    }

    @Test
    @Tag("slow")
    @Timeout(1800)
    void oneMillionIterations() {
        for (String curve : List.of("X25519", "X448")) {
            assertEquals(Hex.encode(single("5.2", curve, "After 1,000,000 iterations")), iterate(curve, 1_000_000));
        }
    }

    /** RFC 7748 §5.2: k = u = the base point; each round, k = f(k, u) and u = the old k. */
    private static String iterate(String curve, int rounds) {
        byte[] k = single("5.2", curve, "initial");
        byte[] u = k.clone();
        for (int i = 0; i < rounds; i++) {
            byte[] next = scalarMult(curve, k, u);
            u = k;
            k = next;
        }
        return Hex.encode(k);
    }

    @Test
    void diffieHellmanExampleOfSection61ThroughX25519KeyExchange() {
        dh("6.1", "X25519", NamedGroup.X25519);
    }

    @Test
    void diffieHellmanExampleOfSection62ThroughX448KeyExchange() {
        dh("6.2", "X448", NamedGroup.X448);
    }

    private static void dh(String section, String curve, NamedGroup group) {
        String base = curve.equals("X25519") ? "9" : "5";
        KeyExchange alice = KeyExchanges.fromPrivateKey(group, SecretBytes.of(single(section, "", "Alice's private key, a")));
        KeyExchange bob = KeyExchanges.fromPrivateKey(group, SecretBytes.of(single(section, "", "Bob's private key, b")));
        assertEquals(Opaque.of(single(section, "", "Alice's public key, " + curve + "(a, " + base + ")")), alice.publicKey());
        assertEquals(Opaque.of(single(section, "", "Bob's public key, " + curve + "(b, " + base + ")")), bob.publicKey());
        String k = Hex.encode(single(section, "", "Their shared secret, K"));
        assertEquals(k, alice.sharedSecret(bob.publicKey()).hex());
        assertEquals(k, bob.sharedSecret(alice.publicKey()).hex());
    }
}
