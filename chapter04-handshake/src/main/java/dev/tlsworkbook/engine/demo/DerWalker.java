package dev.tlsworkbook.engine.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An X.509 certificate's DER cut into labelled fields (RFC 5280 §4.1), down to the subject's
 * common name, each subjectAltName, the public key's curve and point and the signature's two
 * integers. DER is tag, length, value (X.690 §8.1): every field below is one such TLV, labelled by
 * its place in the ASN.1 structure:
 *
 * <pre>
 * Certificate  ::=  SEQUENCE  {
 *      tbsCertificate       TBSCertificate,
 *      signatureAlgorithm   AlgorithmIdentifier,
 *      signatureValue       BIT STRING  }
 *
 * TBSCertificate  ::=  SEQUENCE  {
 *      version         [0]  EXPLICIT Version DEFAULT v1,
 *      serialNumber         CertificateSerialNumber,
 *      signature            AlgorithmIdentifier,
 *      issuer               Name,
 *      validity             Validity,
 *      subject              Name,
 *      subjectPublicKeyInfo SubjectPublicKeyInfo,
 *      ...
 *      extensions      [3]  EXPLICIT Extensions OPTIONAL }
 * </pre>
 *
 * Lengths are checked against what encloses them before anything is read, so a malformed
 * certificate is an {@link IllegalArgumentException}, never a read past the end.
 *
 * @since chapter04
 */
public final class DerWalker {
    private static final String RFC5280 = "RFC 5280 §";
    private static final String CODE = "chapter04-handshake/src/main/java/dev/tlsworkbook/engine/demo/DerWalker.java";

    /** The object identifiers a workbook certificate holds, by their dotted form. */
    private static final Map<String, String> OIDS = Map.ofEntries(
            Map.entry("1.2.840.10045.2.1", "id-ecPublicKey"),
            Map.entry("1.2.840.10045.3.1.7", "secp256r1 (P-256)"),
            Map.entry("1.3.132.0.34", "secp384r1 (P-384)"),
            Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
            Map.entry("1.2.840.113549.1.1.1", "rsaEncryption"),
            Map.entry("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
            Map.entry("1.3.101.112", "Ed25519"),
            Map.entry("2.5.4.3", "commonName"),
            Map.entry("2.5.4.10", "organizationName"),
            Map.entry("2.5.29.14", "subjectKeyIdentifier"),
            Map.entry("2.5.29.15", "keyUsage"),
            Map.entry("2.5.29.17", "subjectAltName"),
            Map.entry("2.5.29.19", "basicConstraints"),
            Map.entry("2.5.29.35", "authorityKeyIdentifier"),
            Map.entry("2.5.29.37", "extKeyUsage"),
            Map.entry("1.3.6.1.5.5.7.3.1", "id-kp-serverAuth"),
            Map.entry("1.3.6.1.5.5.7.3.2", "id-kp-clientAuth"));

    private DerWalker() {
    }

    /** The certificate {@code der}, labelled. */
    public static Field certificate(byte[] der) {
        try {
            return walk(der);
        } catch (IndexOutOfBoundsException e) {
            // a SEQUENCE with fewer parts than its ASN.1 type has
            throw new IllegalArgumentException("malformed certificate DER: a structure is missing parts", e);
        }
    }

    private static Field walk(byte[] der) {
        Tlv cert = Tlv.read(der, 0, der.length);
        if (cert.tag != 0x30 || cert.end() != der.length) {
            throw new IllegalArgumentException("not one DER SEQUENCE: a certificate starts with 30 and fills its bytes");
        }
        List<Tlv> top = cert.children(der);
        if (top.size() != 3) {
            throw new IllegalArgumentException("a Certificate has 3 parts, this has " + top.size());
        }
        return seq(der, cert, "Certificate", "the certificate: to-be-signed part, the CA's algorithm, the CA's signature",
                "4.1", List.of(
                        tbs(der, top.get(0)),
                        algorithm(der, top.get(1), "signatureAlgorithm", "the algorithm the CA signed with (the same as"
                                + " tbsCertificate.signature, which the signature covers)", "4.1.1.2"),
                        signature(der, top.get(2))));
    }

    private static Field tbs(byte[] der, Tlv tbs) {
        List<Field> parts = new ArrayList<>();
        for (Tlv t : tbs.children(der)) {
            int index = parts.size();
            parts.add(switch (t.tag) {
                case 0xa0 -> seq(der, t, "version", "[0] EXPLICIT: 02 01 02 is v3, the version with extensions",
                        "4.1.2.1", List.of(leaf(der, t.children(der).get(0), "Version", "INTEGER 2 (v3)", "4.1.2.1")));
                case 0x02 -> leaf(der, t, "serialNumber", "INTEGER chosen by the CA, unique among its certificates"
                        + " (at most 20 bytes)", "4.1.2.2");
                case 0xa3 -> extensions(der, t);
                default -> tbsField(der, t, index);
            });
        }
        return seq(der, tbs, "tbsCertificate", "everything the CA's signature covers", "4.1.1.1", parts);
    }

    /** The SEQUENCEs of the TBSCertificate after serialNumber, by position. */
    private static Field tbsField(byte[] der, Tlv t, int index) {
        return switch (index) {
            case 2 -> algorithm(der, t, "signature", "the algorithm the CA signs with, inside the signed part so it"
                    + " cannot be swapped", "4.1.2.3");
            case 3 -> name(der, t, "issuer", "the CA's name, the subject of the CA certificate that verifies this one",
                    "4.1.2.4");
            case 4 -> validity(der, t);
            case 5 -> name(der, t, "subject", "who the certificate is for; TLS checks the server's name against the"
                    + " subjectAltName extension instead (RFC 6125)", "4.1.2.6");
            case 6 -> spki(der, t);
            default -> leaf(der, t, "field", "a TBSCertificate field", "4.1.2");
        };
    }

    private static Field name(byte[] der, Tlv t, String label, String why, String section) {
        List<Field> rdns = new ArrayList<>();
        for (Tlv set : t.children(der)) {
            List<Field> attributes = new ArrayList<>();
            for (Tlv atv : set.children(der)) {
                List<Tlv> typeAndValue = atv.children(der);
                String type = oid(der, typeAndValue.get(0));
                String value = string(der, typeAndValue.get(1));
                attributes.add(seq(der, atv, "AttributeTypeAndValue", type + " = \"" + value + "\"", "4.1.2.4", List.of(
                        leaf(der, typeAndValue.get(0), "type", "OBJECT IDENTIFIER " + type, "4.1.2.4"),
                        leaf(der, typeAndValue.get(1), "value", "\"" + value + "\" (tag " + hex(typeAndValue.get(1).tag)
                                + ": " + stringType(typeAndValue.get(1).tag) + ")", "4.1.2.4"))));
            }
            rdns.add(seq(der, set, "RelativeDistinguishedName", "a SET of attributes", "4.1.2.4", attributes));
        }
        return seq(der, t, label, why, section, rdns);
    }

    private static Field validity(byte[] der, Tlv t) {
        List<Tlv> times = t.children(der);
        return seq(der, t, "validity", "the interval the CA vouches for; a seeded run's clock stands at its start",
                "4.1.2.5", List.of(
                        leaf(der, times.get(0), "notBefore", time(der, times.get(0)), "4.1.2.5.1"),
                        leaf(der, times.get(1), "notAfter", time(der, times.get(1)), "4.1.2.5.1")));
    }

    private static Field spki(byte[] der, Tlv t) {
        List<Tlv> parts = t.children(der);
        Tlv key = parts.get(1);
        return seq(der, t, "subjectPublicKeyInfo", "the server's public key: CertificateVerify is signed with its"
                + " private half", "4.1.2.7", List.of(
                        algorithm(der, parts.get(0), "algorithm", "the key's type and, for EC, its curve (RFC 5480 §2.1.1)",
                                "4.1.2.7"),
                        new Field("subjectPublicKey", der(der, key), "BIT STRING: 00 (no unused bits), then the key;"
                                + " for EC the point 04 || x || y, uncompressed (SEC 1 §2.3.3)", RFC5280 + "4.1.2.7", CODE,
                                true, List.of())));
    }

    private static Field extensions(byte[] der, Tlv explicit) {
        Tlv list = explicit.children(der).get(0);
        List<Field> extensions = new ArrayList<>();
        for (Tlv ext : list.children(der)) {
            List<Tlv> parts = ext.children(der);
            String id = oid(der, parts.get(0));
            List<Field> fields = new ArrayList<>();
            fields.add(leaf(der, parts.get(0), "extnID", "OBJECT IDENTIFIER " + id, "4.1"));
            Tlv value = parts.get(parts.size() - 1);
            if (parts.size() == 3) {
                fields.add(leaf(der, parts.get(1), "critical", "BOOLEAN true: a client that does not understand this"
                        + " extension must reject the certificate", "4.2"));
            }
            fields.add(id.startsWith("subjectAltName") ? san(der, value) : leaf(der, value, "extnValue",
                    "OCTET STRING holding the extension's own DER", "4.2"));
            extensions.add(seq(der, ext, "Extension " + id, extensionWhy(id), extensionSection(id), fields));
        }
        return seq(der, explicit, "extensions", "[3] EXPLICIT: the v3 extensions", "4.1.2.9", List.of(
                seq(der, list, "Extensions", "a SEQUENCE of Extension", "4.1.2.9", extensions)));
    }

    private static Field san(byte[] der, Tlv octets) {
        Tlv names = Tlv.read(der, octets.valueOffset, octets.end());
        List<Field> entries = new ArrayList<>();
        for (Tlv n : names.children(der)) {
            String text = new String(der, n.valueOffset, n.length, StandardCharsets.US_ASCII);
            entries.add(leaf(der, n, n.tag == 0x82 ? "dNSName" : n.tag == 0x87 ? "iPAddress" : "GeneralName",
                    n.tag == 0x82 ? "[2] IA5String \"" + text + "\": the host name the client checks (RFC 6125 §6.4)"
                            : "a name of another kind (tag " + hex(n.tag) + ")", "4.2.1.6"));
        }
        Field sequence = seq(der, names, "GeneralNames", "the names this certificate is valid for", "4.2.1.6", entries);
        return new Field("extnValue", der(der, octets), "OCTET STRING holding the GeneralNames", RFC5280 + "4.2.1.6", CODE,
                true, List.of(header(der, octets), sequence));
    }

    private static Field signature(byte[] der, Tlv bits) {
        // BIT STRING: one byte of unused bits (0), then ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 5480 §2.2.3)
        List<Field> parts = new ArrayList<>();
        parts.add(header(der, bits));
        parts.add(Field.of("unused bits", der, bits.valueOffset, 1, "0: the signature is a whole number of bytes",
                RFC5280 + "4.1.1.3", CODE));
        if (bits.length > 1 && (der[bits.valueOffset + 1] & 0xff) == 0x30) {
            Tlv sig = Tlv.read(der, bits.valueOffset + 1, bits.end());
            List<Tlv> rs = sig.children(der);
            parts.add(seq(der, sig, "ECDSA-Sig-Value", "the two integers of an ECDSA signature (RFC 5480 §2.2.3);"
                    + " with --seed, k comes from RFC 6979 so they repeat", "4.1.1.3", List.of(
                            leaf(der, rs.get(0), "r", "INTEGER r", "4.1.1.3"),
                            leaf(der, rs.get(1), "s", "INTEGER s", "4.1.1.3"))));
        } else {
            parts.add(Field.of("signature", der, bits.valueOffset + 1, bits.length - 1, "the signature bytes",
                    RFC5280 + "4.1.1.3", CODE));
        }
        return new Field("signatureValue", der(der, bits), "the CA's signature over the DER of tbsCertificate",
                RFC5280 + "4.1.1.3", CODE, true, parts);
    }

    private static Field algorithm(byte[] der, Tlv t, String label, String why, String section) {
        List<Tlv> parts = t.children(der);
        List<Field> fields = new ArrayList<>();
        fields.add(leaf(der, parts.get(0), "algorithm", "OBJECT IDENTIFIER " + oid(der, parts.get(0)), section));
        if (parts.size() > 1) {
            Tlv p = parts.get(1);
            fields.add(leaf(der, p, "parameters", p.tag == 0x06 ? "OBJECT IDENTIFIER " + oid(der, p)
                    : p.tag == 0x05 ? "NULL" : "parameters", section));
        }
        return seq(der, t, label, why, section, fields);
    }

    private static String extensionWhy(String id) {
        if (id.startsWith("subjectAltName")) {
            return "the names the certificate is valid for: what a TLS client matches the host name against";
        }
        if (id.startsWith("basicConstraints")) {
            return "whether the subject is a CA (a leaf says no, so it cannot sign certificates)";
        }
        if (id.startsWith("keyUsage")) {
            return "what the key may do: digitalSignature for a TLS 1.3 server's CertificateVerify";
        }
        if (id.startsWith("extKeyUsage")) {
            return "what the certificate is for: serverAuth for a TLS server";
        }
        return "a v3 extension";
    }

    private static String extensionSection(String id) {
        if (id.startsWith("subjectAltName")) {
            return "4.2.1.6";
        }
        if (id.startsWith("basicConstraints")) {
            return "4.2.1.9";
        }
        if (id.startsWith("keyUsage")) {
            return "4.2.1.3";
        }
        if (id.startsWith("extKeyUsage")) {
            return "4.2.1.12";
        }
        if (id.startsWith("subjectKeyIdentifier")) {
            return "4.2.1.2";
        }
        if (id.startsWith("authorityKeyIdentifier")) {
            return "4.2.1.1";
        }
        return "4.2";
    }

    /** A constructed TLV: its tag and length bytes as one field, then {@code parts}. */
    private static Field seq(byte[] der, Tlv t, String label, String why, String section, List<Field> parts) {
        List<Field> all = new ArrayList<>();
        all.add(header(der, t));
        all.addAll(parts);
        return Field.group(label, why, RFC5280 + section, CODE, all);
    }

    private static Field header(byte[] der, Tlv t) {
        return Field.of("tag, length", der, t.offset, t.valueOffset - t.offset, "tag " + hex(t.tag) + " ("
                + tagName(t.tag) + "), " + t.length + " bytes follow (X.690 §8.1.2, §8.1.3)", RFC5280 + "4.1", CODE);
    }

    private static Field leaf(byte[] der, Tlv t, String label, String why, String section) {
        return Field.of(label, der, t.offset, t.end() - t.offset, why, RFC5280 + section, CODE);
    }

    private static byte[] der(byte[] der, Tlv t) {
        return java.util.Arrays.copyOfRange(der, t.offset, t.end());
    }

    private static String oid(byte[] der, Tlv t) {
        if (t.tag != 0x06 || t.length == 0) {
            throw new IllegalArgumentException("expected an OBJECT IDENTIFIER at offset " + t.offset);
        }
        StringBuilder dotted = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (int i = t.valueOffset; i < t.end(); i++) {
            value = (value << 7) | (der[i] & 0x7f);
            if ((der[i] & 0x80) == 0) {
                if (first) {
                    // X.690 §8.19.4: the first subidentifier is 40 * arc1 + arc2
                    long arc1 = Math.min(value / 40, 2);
                    dotted.append(arc1).append('.').append(value - 40 * arc1);
                    first = false;
                } else {
                    dotted.append('.').append(value);
                }
                value = 0;
            } else if (value > (1L << 50)) {
                throw new IllegalArgumentException("an OBJECT IDENTIFIER arc too large at offset " + t.offset);
            }
        }
        String name = OIDS.get(dotted.toString());
        return name == null ? dotted.toString() : name + " (" + dotted + ")";
    }

    private static String string(byte[] der, Tlv t) {
        return new String(der, t.valueOffset, t.length, t.tag == 0x0c ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static String time(byte[] der, Tlv t) {
        String text = new String(der, t.valueOffset, t.length, StandardCharsets.US_ASCII);
        return (t.tag == 0x17 ? "UTCTime " : "GeneralizedTime ") + text + " (YYMMDDhhmmssZ for UTCTime, through 2049)";
    }

    private static String stringType(int tag) {
        return switch (tag) {
            case 0x0c -> "UTF8String";
            case 0x13 -> "PrintableString";
            case 0x16 -> "IA5String";
            default -> "a string type";
        };
    }

    private static String tagName(int tag) {
        return switch (tag) {
            case 0x01 -> "BOOLEAN";
            case 0x02 -> "INTEGER";
            case 0x03 -> "BIT STRING";
            case 0x04 -> "OCTET STRING";
            case 0x05 -> "NULL";
            case 0x06 -> "OBJECT IDENTIFIER";
            case 0x0c -> "UTF8String";
            case 0x13 -> "PrintableString";
            case 0x17 -> "UTCTime";
            case 0x18 -> "GeneralizedTime";
            case 0x30 -> "SEQUENCE";
            case 0x31 -> "SET";
            default -> (tag & 0xc0) == 0x80 ? "context-specific [" + (tag & 0x1f) + "]" : "tag " + hex(tag);
        };
    }

    private static String hex(int tag) {
        return String.format("%02x", tag);
    }

    /** One DER tag-length-value at {@code offset}: X.690 §8.1, single-byte tags, definite lengths. */
    private record Tlv(int offset, int tag, int valueOffset, int length) {
        int end() {
            return valueOffset + length;
        }

        /** Reads the TLV at {@code offset}, which must end by {@code limit}. */
        static Tlv read(byte[] der, int offset, int limit) {
            if (offset + 2 > limit) {
                throw new IllegalArgumentException("DER truncated at offset " + offset);
            }
            int tag = der[offset] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("multi-byte DER tag at offset " + offset);
            }
            int first = der[offset + 1] & 0xff;
            int p = offset + 2;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int n = first & 0x7f;
                if (n == 0 || n > 3 || p + n > limit) {
                    throw new IllegalArgumentException("bad DER length at offset " + offset);
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = (length << 8) | (der[p++] & 0xff);
                }
            }
            if (p + length > limit) {
                throw new IllegalArgumentException("DER length " + length + " at offset " + offset + " runs past its container");
            }
            return new Tlv(offset, tag, p, (int) length);
        }

        /** The TLVs inside this constructed one, which must fill it exactly. */
        List<Tlv> children(byte[] der) {
            if ((tag & 0x20) == 0) {
                throw new IllegalArgumentException("a primitive DER value has no parts (offset " + offset + ")");
            }
            List<Tlv> out = new ArrayList<>();
            for (int p = valueOffset; p < end();) {
                Tlv t = read(der, p, end());
                out.add(t);
                p = t.end();
            }
            return out;
        }
    }
}
