package dev.tlsworkbook.negotiation;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.KeyType;
import dev.tlsworkbook.record.ProtocolVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The six TLS 1.2 suites we speak (ECDHE key exchange, RFC 8422; AEAD only, RFC 5288 and
 * RFC 7905) and the explanation a peer gets when it offers only suites we refuse.
 *
 * @since chapter05
 */
public final class Tls12Suites {
    /** Our TLS 1.2 suites in our order of preference: ECDSA before RSA, AES-128-GCM first. */
    public static final List<CipherSuite> DEFAULT = List.of(
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);

    /**
     * The groups TLS 1.2 uses (RFC 8422 §5.1.1, RFC 7748): Diffie-Hellman only, in the order we
     * prefer them; key-encapsulation hybrids are TLS 1.3 key shares and never appear here.
     */
    public static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.X448,
            NamedGroup.SECP384R1);

    /** Well-known refused suites by code, with the reason each is refused. */
    private static final Map<Integer, String> REFUSED = new LinkedHashMap<>();

    static {
        String rsa = "RSA key exchange: no forward secrecy, and Bleichenbacher/ROBOT padding oracles";
        String dhe = "finite-field DHE: unnamed, often weak groups (RFC 7919 came late); ECDHE only";
        String cbc = "CBC with MAC-then-encrypt: padding oracles (Lucky Thirteen, POODLE-style attacks)";
        String rc4 = "RC4: biased keystream (RFC 7465 forbids it)";
        String des = "3DES: 64-bit blocks (Sweet32)";
        refuse(rsa, 0x002f, 0x0035, 0x003c, 0x003d, 0x009c, 0x009d);
        refuse(dhe, 0x0033, 0x0039, 0x0067, 0x006b, 0x009e, 0x009f, 0xccaa);
        refuse(cbc, 0xc009, 0xc00a, 0xc013, 0xc014, 0xc023, 0xc024, 0xc027, 0xc028);
        refuse(rc4, 0x0004, 0x0005, 0xc007, 0xc011);
        refuse(des, 0x000a, 0xc008, 0xc012, 0x0016);
    }

    private Tls12Suites() {
    }

    private static void refuse(String why, int... codes) {
        for (int code : codes) {
            REFUSED.put(code, why);
        }
    }

    /** True for the six suites this chapter implements. */
    public static boolean isSupported(CipherSuite suite) {
        return suite.version().orElse(null) == ProtocolVersion.TLS1_2 && suite.isImplemented();
    }

    /** The certificate key type a suite's ServerKeyExchange is signed with (RFC 8422 §2.1, §2.2). */
    public static KeyType authentication(CipherSuite suite) {
        return suite.keyExchange() == CipherSuite.KeyExchangeMethod.ECDHE_ECDSA ? KeyType.EC : KeyType.RSA;
    }

    /**
     * Why none of {@code offered} is acceptable: each refused suite we recognise, grouped by the
     * reason, e.g. {@code 0x002f, 0x0035 (RSA key exchange: no forward secrecy, ...)}; empty when
     * the peer offered nothing we recognise as refused.
     */
    public static String explainRefused(List<Integer> offered) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (int code : offered) {
            String why = REFUSED.get(code);
            if (why != null) {
                byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(String.format("0x%04x", code));
            }
        }
        List<String> parts = new ArrayList<>();
        byReason.forEach((why, codes) -> parts.add(String.join(", ", codes) + " (" + why + ")"));
        return String.join("; ", parts);
    }
}
