package dev.tlsworkbook.engine.demo;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.extension.Grease;
import dev.tlsworkbook.handshake.message.HandshakeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Handshake messages cut into labelled {@link Field}s for the illustrated connection and the
 * walkthrough: the 4-byte message header (RFC 8446 §4), the two hellos field by field with the
 * reason for each (legacy_version, the middlebox session id, one null compression byte, GREASE,
 * the HelloRetryRequest and downgrade randoms), the extensions with their lists, and the
 * Certificate message down to its DER ({@link DerWalker}). A later chapter labels its own message
 * bodies through {@link Body} and falls back on these.
 *
 * @since chapter04
 */
public final class HandshakeFields {
    /** RFC 8446 §4.1.3: SHA-256("HelloRetryRequest"), the random of every HelloRetryRequest. */
    public static final String HRR_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";

    static final String CH04 = "chapter04-handshake/src/main/java/dev/tlsworkbook/";
    private static final String CLIENT_HELLO = CH04 + "handshake/message/ClientHello.java";
    private static final String SERVER_HELLO = CH04 + "handshake/message/ServerHello.java";
    private static final String EXTENSIONS = CH04 + "handshake/extension/ExtensionBlock.java";

    /** Labels one message body a later chapter knows; empty leaves it to {@link #tls13Body}. */
    @FunctionalInterface
    public interface Body {
        Optional<List<Field>> fields(int msgType, byte[] buf, int off, int len);
    }

    private HandshakeFields() {
    }

    /** Every handshake message in {@code buf[off, off+len)}: header, then its body labelled by {@code body} or TLS 1.3's. */
    public static List<Field> messages(byte[] buf, int off, int len, Body body) {
        List<Field> out = new ArrayList<>();
        int end = off + len;
        int p = off;
        while (p + 4 <= end) {
            int type = buf[p] & 0xff;
            int length = u24(buf, p + 1);
            if (p + 4 + length > end) {
                out.add(Field.of("fragment", buf, p, end - p, "the start of a message that continues in the next record",
                        "RFC 8446 §5.1", CH04 + "handshake/message/HandshakeDeframer.java"));
                return out;
            }
            String name = HandshakeType.fromCode(type).map(t -> t.name().toLowerCase(java.util.Locale.ROOT))
                    .orElse("unknown");
            List<Field> parts = new ArrayList<>();
            parts.add(Field.of("msg_type", buf, p, 1, HandshakeType.describe(type), "RFC 8446 §4", CH04
                    + "handshake/message/HandshakeType.java"));
            parts.add(Field.of("length", buf, p + 1, 3, length + " bytes of body follow (a uint24)", "RFC 8446 §4",
                    CH04 + "handshake/message/HandshakeFrame.java"));
            if (length > 0) {
                int start = p + 4;
                parts.addAll(body.fields(type, buf, start, length).orElseGet(() -> tls13Body(type, buf, start, length)));
            }
            out.add(Field.group(name, whyMessage(type), "RFC 8446 §4", CH04 + "handshake/message/HandshakeMessage.java",
                    parts));
            p += 4 + length;
        }
        if (p < end) {
            out.add(Field.of("fragment", buf, p, end - p, "the start of a message header that continues in the next"
                    + " record", "RFC 8446 §5.1", CH04 + "handshake/message/HandshakeDeframer.java"));
        }
        return out;
    }

    /** A TLS 1.3 message body: the hellos and Certificate field by field, the others as one field. */
    public static List<Field> tls13Body(int type, byte[] buf, int off, int len) {
        return switch (type) {
            case 1 -> clientHello(buf, off, len);
            case 2 -> serverHello(buf, off, len, false);
            case 11 -> certificate(buf, off, len);
            case 15 -> certificateVerify(buf, off, len);
            case 20 -> List.of(Field.of("verify_data", buf, off, len, "HMAC(finished_key, Transcript-Hash(every"
                    + " message so far)): the other side computes the same or aborts (decrypt_error)", "RFC 8446 §4.4.4",
                    CH04 + "handshake/message/Finished.java"));
            default -> List.of(Field.of("body", buf, off, len, whyMessage(type), "RFC 8446 §4", CH04
                    + "handshake/message/HandshakeMessage.java"));
        };
    }

    /** ClientHello (RFC 8446 §4.1.2; the same layout in TLS 1.2, RFC 5246 §7.4.1.2). */
    public static List<Field> clientHello(byte[] b, int off, int len) {
        String s = "RFC 8446 §4.1.2";
        List<Field> f = new ArrayList<>();
        int p = off;
        f.add(Field.of("legacy_version", b, p, 2, "03 03, TLS 1.2: a TLS 1.3 client never puts 03 04 here, because"
                + " servers and middleboxes that know only older versions choke on it; the versions it really offers"
                + " are in supported_versions", s, CLIENT_HELLO));
        p += 2;
        f.add(Field.of("random", b, p, 32, "32 bytes from the client's random source (seeded here): they make this"
                + " connection's keys unlike any other's", s, CLIENT_HELLO));
        p += 32;
        int sid = b[p] & 0xff;
        f.add(Field.group("legacy_session_id", sid == 32 ? "32 fresh random bytes: middlebox compatibility mode"
                + " (Appendix D.4) makes the hello look like a TLS 1.2 resumption, so middleboxes let the rest pass"
                : "the session id", "RFC 8446 §D.4", CLIENT_HELLO, List.of(
                        Field.of("length", b, p, 1, sid + " bytes", s, CLIENT_HELLO),
                        Field.of("session id", b, p + 1, sid, "random, never looked at again", s, CLIENT_HELLO))));
        p += 1 + sid;
        int n = u16(b, p);
        List<Field> suites = new ArrayList<>();
        suites.add(Field.of("length", b, p, 2, n + " bytes: " + n / 2 + " suites", s, CLIENT_HELLO));
        for (int i = 0; i < n; i += 2) {
            int code = u16(b, p + 2 + i);
            suites.add(Field.of(suite(code), b, p + 2 + i, 2, Grease.isGrease(code) ? GREASE_WHY
                    : "a suite the client offers, in its order of preference", s, CLIENT_HELLO));
        }
        f.add(Field.group("cipher_suites", "the AEAD and hash pairs the client accepts", s, CLIENT_HELLO, suites));
        p += 2 + n;
        int c = b[p] & 0xff;
        f.add(Field.group("legacy_compression_methods", "exactly one byte, null (0): TLS 1.3 forbids compression,"
                + " which leaked secrets (CRIME), and keeps the field only for the old format", s, CLIENT_HELLO, List.of(
                        Field.of("length", b, p, 1, c + " method", s, CLIENT_HELLO),
                        Field.of("null", b, p + 1, c, "0: no compression", s, CLIENT_HELLO))));
        p += 1 + c;
        f.add(extensions(b, p, off + len, true));
        return f;
    }

    /**
     * ServerHello or HelloRetryRequest (RFC 8446 §4.1.3), or a TLS 1.2 ServerHello (RFC 5246
     * §7.4.1.3) when {@code tls12}: the random then ends in the downgrade sentinel.
     */
    public static List<Field> serverHello(byte[] b, int off, int len, boolean tls12) {
        String s = tls12 ? "RFC 5246 §7.4.1.3" : "RFC 8446 §4.1.3";
        List<Field> f = new ArrayList<>();
        int p = off;
        f.add(Field.of("legacy_version", b, p, 2, tls12 ? "03 03: TLS 1.2, the version this connection speaks"
                : "03 03 as in the ClientHello; the version chosen is in supported_versions", s, SERVER_HELLO));
        p += 2;
        boolean hrr = HRR_RANDOM.equals(dev.tlsworkbook.bytes.Hex.encode(java.util.Arrays.copyOfRange(b, p, p + 32)));
        if (hrr) {
            f.add(Field.of("random", b, p, 32, "cf 21 ad 74 e5 9a 61 11 …, SHA-256(\"HelloRetryRequest\"): not random"
                    + " at all. A HelloRetryRequest has the ServerHello's layout, and this constant is how a client tells"
                    + " the two apart: the server asks for another key share instead of answering", "RFC 8446 §4.1.3",
                    CH04 + "handshake/message/HelloRetryRequest.java"));
        } else if (tls12) {
            f.add(Field.group("random", "32 bytes from the server's random source", s, SERVER_HELLO, List.of(
                    Field.of("random", b, p, 24, "random bytes", s, SERVER_HELLO),
                    Field.of("downgrade sentinel", b, p + 24, 8, "44 4f 57 4e 47 52 44 01, \"DOWNGRD\" 01: a server that"
                            + " also speaks TLS 1.3 marks a TLS 1.2 answer, so a TLS 1.3 client that was pushed down by"
                            + " an attacker notices (the random is signed)", "RFC 8446 §4.1.3",
                            "chapter05-tls12-compat/src/main/java/dev/tlsworkbook/negotiation/DowngradeSentinel.java"))));
        } else {
            f.add(Field.of("random", b, p, 32, "32 bytes from the server's random source (seeded here)", s, SERVER_HELLO));
        }
        p += 32;
        int sid = b[p] & 0xff;
        f.add(Field.group(tls12 ? "session_id" : "legacy_session_id_echo", tls12 ? "empty: the server keeps no session"
                + " cache to resume from" : "the client's legacy_session_id, echoed byte for byte (a mismatch is an"
                + " illegal_parameter)", s, SERVER_HELLO, sid == 0
                ? List.of(Field.of("length", b, p, 1, "0 bytes", s, SERVER_HELLO))
                : List.of(Field.of("length", b, p, 1, sid + " bytes", s, SERVER_HELLO),
                        Field.of("session id", b, p + 1, sid, "the client's, echoed", s, SERVER_HELLO))));
        p += 1 + sid;
        f.add(Field.of("cipher_suite", b, p, 2, suite(u16(b, p)) + ": the one suite the server chose from the client's"
                + " list", s, SERVER_HELLO));
        p += 2;
        f.add(Field.of("legacy_compression_method", b, p, 1, "0, null: the only value allowed", s, SERVER_HELLO));
        p += 1;
        if (p < off + len) {
            f.add(extensions(b, p, off + len, false));
        }
        return f;
    }

    /** Certificate (RFC 8446 §4.4.2): context, then each entry's DER, dissected, and its extensions. */
    public static List<Field> certificate(byte[] b, int off, int len) {
        String s = "RFC 8446 §4.4.2";
        String code = CH04 + "handshake/message/Certificate.java";
        List<Field> f = new ArrayList<>();
        int ctx = b[off] & 0xff;
        f.add(Field.of("certificate_request_context", b, off, 1 + ctx, "empty (length 0) in a server's Certificate;"
                + " only a client answering a request echoes its context", s, code));
        int p = off + 1 + ctx;
        int listLength = u24(b, p);
        List<Field> entries = new ArrayList<>();
        entries.add(Field.of("length", b, p, 3, listLength + " bytes of CertificateEntry", s, code));
        int end = p + 3 + listLength;
        p += 3;
        while (p + 3 <= end) {
            int certLength = u24(b, p);
            byte[] der = java.util.Arrays.copyOfRange(b, p + 3, p + 3 + certLength);
            int extLength = u16(b, p + 3 + certLength);
            entries.add(Field.group("CertificateEntry", entries.size() == 1 ? "the server's own certificate comes first"
                    : "a certificate of the chain", s, code, List.of(
                            Field.of("cert_data length", b, p, 3, certLength + " bytes of DER", s, code),
                            DerWalker.certificate(der),
                            Field.of("extensions", b, p + 3 + certLength, 2 + extLength, extLength == 0
                                    ? "none (an OCSP response or SCTs would go here)" : "per-certificate extensions",
                                    s, code))));
            p += 3 + certLength + 2 + extLength;
        }
        f.add(Field.group("certificate_list", "the chain, leaf first; the client needs the CA's certificate on its own",
                s, code, entries));
        return f;
    }

    /** CertificateVerify (RFC 8446 §4.4.3): the scheme, then the signature. */
    public static List<Field> certificateVerify(byte[] b, int off, int len) {
        String s = "RFC 8446 §4.4.3";
        String code = CH04 + "handshake/message/CertificateVerify.java";
        int n = u16(b, off + 2);
        return List.of(Field.of("algorithm", b, off, 2, scheme(u16(b, off)) + ": one the client offered in"
                        + " signature_algorithms", s, code),
                Field.group("signature", "over 64 spaces, \"TLS 1.3, server CertificateVerify\", 00 and the transcript"
                        + " hash; with --seed, ECDSA's k comes from RFC 6979 so it repeats", s, code, List.of(
                                Field.of("length", b, off + 2, 2, n + " bytes", s, code),
                                Field.of("DER ECDSA-Sig-Value", b, off + 4, Math.min(n, len - 4), "SEQUENCE { r, s }",
                                        s, code))));
    }

    private static final String GREASE_WHY = "a GREASE value (RFC 8701): reserved, random, meaningless; servers must"
            + " ignore it, so a server that chokes on unknown values is found today, not when a real new value ships";

    private static Field extensions(byte[] b, int p, int end, boolean client) {
        int total = u16(b, p);
        List<Field> list = new ArrayList<>();
        list.add(Field.of("length", b, p, 2, total + " bytes of extensions", "RFC 8446 §4.2", EXTENSIONS));
        int q = p + 2;
        int stop = Math.min(end, q + total);
        while (q + 4 <= stop) {
            int type = u16(b, q);
            int len = u16(b, q + 2);
            List<Field> parts = new ArrayList<>();
            parts.add(Field.of("extension_type", b, q, 2, ExtensionType.describe(type), "RFC 8446 §4.2", EXTENSIONS));
            parts.add(Field.of("length", b, q + 2, 2, len + " bytes", "RFC 8446 §4.2", EXTENSIONS));
            if (len > 0) {
                parts.addAll(extensionData(type, b, q + 4, len, client));
            }
            String name = ExtensionType.fromCode(type).map(t -> t.name().toLowerCase(java.util.Locale.ROOT))
                    .orElse(Grease.isGrease(type) ? "GREASE" : String.format("0x%04x", type));
            list.add(Field.group("extension " + name, Grease.isGrease(type) ? GREASE_WHY : whyExtension(type, client),
                    "RFC 8446 §4.2", EXTENSIONS, parts));
            q += 4 + len;
        }
        return Field.group("extensions", "what the hello says beyond its fixed fields", "RFC 8446 §4.2", EXTENSIONS, list);
    }

    /** The lists inside the extensions a reader meets first; the others stay one field. */
    private static List<Field> extensionData(int type, byte[] b, int p, int len, boolean client) {
        String code = EXTENSIONS;
        switch (type) {
            case 43 -> {
                if (!client) {
                    return List.of(Field.of("selected_version", b, p, 2, version(u16(b, p)), "RFC 8446 §4.2.1", code));
                }
                List<Field> f = new ArrayList<>();
                f.add(Field.of("length", b, p, 1, (b[p] & 0xff) + " bytes", "RFC 8446 §4.2.1", code));
                for (int i = p + 1; i + 2 <= p + len; i += 2) {
                    int v = u16(b, i);
                    f.add(Field.of(Grease.isGrease(v) ? "GREASE" : version(v), b, i, 2, Grease.isGrease(v) ? GREASE_WHY
                            : "a version the client speaks: here is where TLS 1.3 is really offered", "RFC 8446 §4.2.1", code));
                }
                return f;
            }
            case 10, 13 -> {
                List<Field> f = new ArrayList<>();
                f.add(Field.of("length", b, p, 2, u16(b, p) + " bytes", type == 10 ? "RFC 8446 §4.2.7" : "RFC 8446 §4.2.3",
                        code));
                for (int i = p + 2; i + 2 <= p + len; i += 2) {
                    int v = u16(b, i);
                    f.add(Field.of(Grease.isGrease(v) ? "GREASE" : type == 10 ? group(v) : scheme(v), b, i, 2,
                            Grease.isGrease(v) ? GREASE_WHY : type == 10 ? "a key exchange group the client accepts"
                                    : "a signature scheme the client accepts", type == 10 ? "RFC 8446 §4.2.7"
                                    : "RFC 8446 §4.2.3", code));
                }
                return f;
            }
            case 51 -> {
                return keyShares(b, p, len, client);
            }
            default -> {
                return List.of(Field.of("extension_data", b, p, len, "the extension's body", "RFC 8446 §4.2", code));
            }
        }
    }

    private static List<Field> keyShares(byte[] b, int p, int len, boolean client) {
        String s = "RFC 8446 §4.2.8";
        String code = CH04 + "handshake/extension/KeyShareEntry.java";
        List<Field> f = new ArrayList<>();
        if (!client && len == 2) {
            return List.of(Field.of("selected_group", b, p, 2, group(u16(b, p)) + ": the HelloRetryRequest names the"
                    + " group it wants a share for", s, code));
        }
        int q = p;
        int end = p + len;
        if (client) {
            f.add(Field.of("length", b, q, 2, u16(b, q) + " bytes of KeyShareEntry", s, code));
            q += 2;
        }
        while (q + 4 <= end) {
            int g = u16(b, q);
            int n = u16(b, q + 2);
            f.add(Field.group("KeyShareEntry " + (Grease.isGrease(g) ? "GREASE" : group(g)), Grease.isGrease(g) ? GREASE_WHY
                    : client ? "a public key, sent before the server chooses, to save a round trip" : "the server's public"
                    + " key for the group it chose: with the client's, it gives the shared secret", s, code, List.of(
                            Field.of("group", b, q, 2, group(g), s, code),
                            Field.of("length", b, q + 2, 2, n + " bytes", s, code),
                            Field.of("key_exchange", b, q + 4, n, keyWhy(g, client), s, code))));
            q += 4 + n;
        }
        return f;
    }

    private static String keyWhy(int g, boolean client) {
        return switch (g) {
            case 0x001d -> "an X25519 public key, 32 bytes (RFC 7748)";
            case 0x0017 -> "an uncompressed P-256 point: 04, x, y";
            case 0x11ec -> client ? "an ML-KEM-768 encapsulation key (1184 bytes) followed by an X25519 public key (32)"
                    : "an ML-KEM-768 ciphertext (1088 bytes) followed by an X25519 public key (32)";
            default -> Grease.isGrease(g) ? "one byte, ignored" : "the public value for this group";
        };
    }

    private static String whyExtension(int type, boolean client) {
        return switch (type) {
            case 0 -> "server_name: the host the client wants, so one address can serve many names (RFC 6066 §3)";
            case 10 -> "supported_groups: the key exchange groups the client accepts, in its order";
            case 11 -> "ec_point_formats: uncompressed points only (RFC 8422 §5.1.2), for TLS 1.2";
            case 13 -> "signature_algorithms: how the client lets the server sign CertificateVerify";
            case 16 -> "application_layer_protocol_negotiation: which protocol runs over the connection (RFC 7301)";
            case 22 -> "encrypt_then_mac (RFC 7366): asked for by TLS 1.2 CBC clients; ignored with AEAD suites";
            case 23 -> "extended_master_secret (RFC 7627): TLS 1.2's master secret then covers the whole handshake";
            case 28 -> "record_size_limit (RFC 8449): the largest record this side wants to receive";
            case 35 -> "session_ticket (RFC 5077): TLS 1.2 ticket resumption";
            case 41 -> "pre_shared_key: a ticket to resume with; always last";
            case 42 -> "early_data: 0-RTT data follows";
            case 43 -> client ? "supported_versions: the versions the client really offers" : "supported_versions: the"
                    + " version the server chose, TLS 1.3";
            case 45 -> "psk_key_exchange_modes: resumption only with a fresh (EC)DHE share (psk_dhe_ke)";
            case 49 -> "post_handshake_auth: the client may be asked for a certificate later";
            case 50 -> "signature_algorithms_cert: the schemes the client accepts in certificates";
            case 51 -> client ? "key_share: public keys for the groups the client expects the server to pick"
                    : "key_share: the server's public key";
            case 0xff01 -> "renegotiation_info (RFC 5746): empty, proving the peer knows secure renegotiation";
            default -> "an extension";
        };
    }

    static String whyMessage(int type) {
        return switch (type) {
            case 1 -> "ClientHello: what the client offers";
            case 2 -> "ServerHello: what the server chose";
            case 4 -> "NewSessionTicket: a ticket to resume a later connection with (RFC 8446 §4.6.1)";
            case 8 -> "EncryptedExtensions: the server's extensions that need no cleartext (RFC 8446 §4.3.1)";
            case 11 -> "Certificate: the server's certificate chain";
            case 12 -> "ServerKeyExchange: the server's ephemeral key, signed";
            case 13 -> "CertificateRequest: the server asks for a client certificate";
            case 14 -> "ServerHelloDone: the server's flight is complete";
            case 15 -> "CertificateVerify: a signature over the transcript hash with the certificate's key (RFC 8446"
                    + " §4.4.3): proves the server holds the private key";
            case 16 -> "ClientKeyExchange: the client's ephemeral key";
            case 20 -> "Finished: an HMAC over the transcript hash with a key from the handshake secret (RFC 8446"
                    + " §4.4.4): proves nobody changed a byte of the handshake";
            case 24 -> "KeyUpdate: new traffic keys from here (RFC 8446 §4.6.3)";
            default -> "a handshake message";
        };
    }

    static String suite(int code) {
        return CipherSuite.fromCode(code).map(CipherSuite::name)
                .orElse(Grease.isGrease(code) ? String.format("GREASE(0x%04x)", code) : String.format("0x%04x", code));
    }

    /** A named group's IANA name, GREASE or hex. */
    public static String group(int code) {
        return NamedGroup.fromCode(code).map(g -> g.name()).orElse(Grease.isGrease(code)
                ? String.format("GREASE(0x%04x)", code) : String.format("0x%04x", code));
    }

    private static String scheme(int code) {
        return SignatureScheme.fromCode(code).map(sc -> sc.name().toLowerCase(java.util.Locale.ROOT))
                .orElse(String.format("0x%04x", code));
    }

    private static String version(int v) {
        return switch (v) {
            case 0x0304 -> "TLS 1.3 (03 04)";
            case 0x0303 -> "TLS 1.2 (03 03)";
            default -> Grease.isGrease(v) ? String.format("GREASE(0x%04x)", v) : String.format("0x%04x", v);
        };
    }

    /** The big-endian uint16 at {@code p}. */
    public static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    /** The big-endian uint24 at {@code p}. */
    public static int u24(byte[] b, int p) {
        return ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
    }

    /** Bytes as text for a label: printable ASCII, {@code \n} for a newline, a dot for the rest. */
    public static String printable(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte x : bytes) {
            int c = x & 0xff;
            s.append(c == '\n' ? "\\n" : c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : ".");
        }
        return s.toString();
    }
}
