package dev.tlsworkbook.handshake.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads and writes PEM (RFC 7468): certificate chains, and private keys as PKCS#8 ({@code BEGIN
 * PRIVATE KEY}, RFC 5958: RSA, RSASSA-PSS, EC, Ed25519, Ed448), SEC1 ({@code BEGIN EC PRIVATE
 * KEY}, RFC 5915) and PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, RFC 8017 A.1.2). The JDK parses
 * certificates and PKCS#8; Bouncy Castle's ASN.1 classes only re-wrap SEC1 and PKCS#1 keys into
 * PKCS#8 so the JDK's {@link KeyFactory} can take them. Keys come back as JDK keys.
 *
 * @since chapter04
 */
public final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /** PKCS#8 algorithm OIDs → JDK KeyFactory names. */
    private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS",
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448");

    private Pem() {
    }

    /** The certificates of a PEM file, in file order (leaf first, for a chain file). */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return parseCertificates(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    /** The certificates in PEM text; other blocks (keys, parameters) are skipped. */
    public static List<X509Certificate> parseCertificates(String pem, String source) throws PemException {
        List<Block> blocks = blocks(pem, source);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks) {
                if (block.label().equals("CERTIFICATE")) {
                    try {
                        certificates.add((X509Certificate) factory.generateCertificate(
                                new ByteArrayInputStream(block.der())));
                    } catch (CertificateException e) {
                        throw new PemException(source + " line " + block.line()
                                + ": CERTIFICATE block is not a valid X.509 certificate: " + e.getMessage(), e);
                    }
                }
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 CertificateFactory", e);
        }
        if (certificates.isEmpty()) {
            throw new PemException(source + ": no CERTIFICATE block (found " + labels(blocks) + ")");
        }
        return List.copyOf(certificates);
    }

    /** The one private key of a PEM file. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    /** The one private key in PEM text; certificates and {@code EC PARAMETERS} blocks are skipped. */
    public static PrivateKey parsePrivateKey(String pem, String source) throws PemException {
        List<Block> blocks = blocks(pem, source);
        List<Block> keys = blocks.stream().filter(b -> b.label().endsWith("PRIVATE KEY")).toList();
        if (keys.isEmpty()) {
            throw new PemException(source + ": no private key block (found " + labels(blocks) + ")");
        }
        if (keys.size() > 1) {
            throw new PemException(source + ": " + keys.size() + " private keys; expected exactly one");
        }
        Block key = keys.get(0);
        String where = source + " line " + key.line() + ": " + key.label();
        if (key.encrypted()) {
            throw new PemException(where + " is encrypted; decrypt it first (openssl pkey -in "
                    + source + " -out plain.pem)");
        }
        try {
            return switch (key.label()) {
                case "PRIVATE KEY" -> fromPkcs8(key.der());
                case "EC PRIVATE KEY" -> fromSec1(key.der());
                case "RSA PRIVATE KEY" -> fromPkcs1(key.der());
                default -> throw new PemException("not supported (use PRIVATE KEY, EC PRIVATE KEY or "
                        + "RSA PRIVATE KEY)");
            };
        } catch (PemException e) {
            throw new PemException(where + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            // Bouncy Castle's ASN.1 getInstance throws IllegalArgumentException on malformed DER.
            throw new PemException(where + " does not parse: " + e.getMessage(), e);
        }
    }

    /** RFC 7468 §2 text for one DER body: Base64 in 64-character lines between the labels. */
    public static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return BEGIN + label + DASHES + "\n" + body + "\n" + END + label + DASHES + "\n";
    }

    /** Certificates as consecutive CERTIFICATE blocks. */
    public static String encodeCertificates(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                out.append(encode("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
            }
        }
        return out.toString();
    }

    /** Writes certificates (leaf first) as a PEM chain file, as openssl and curl read it. */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
        Files.writeString(file, encodeCertificates(certificates), StandardCharsets.US_ASCII);
    }

    /** Writes a private key as PKCS#8 ({@code BEGIN PRIVATE KEY}), readable only by its owner where possible. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, encode("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    }

    private static PrivateKey fromPkcs8(byte[] der) throws GeneralSecurityException, PemException {
        ASN1ObjectIdentifier oid = PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm = KEY_ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new PemException("key algorithm " + oid + " is not one TLS signs with");
        }
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** RFC 5915 ECPrivateKey → PKCS#8 with the curve moved into the AlgorithmIdentifier (RFC 5915 §3). */
    private static PrivateKey fromSec1(byte[] der) throws GeneralSecurityException, PemException {
        ECPrivateKey sec1 = ECPrivateKey.getInstance(der);
        if (sec1.getParametersObject() == null) {
            throw new PemException("SEC1 key without curve parameters");
        }
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                sec1.getParametersObject());
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(encode(algorithm, sec1)));
    }

    /** RFC 8017 A.1.2 RSAPrivateKey → PKCS#8 with the rsaEncryption OID (RFC 8017 A.1). */
    private static PrivateKey fromPkcs1(byte[] der) throws GeneralSecurityException {
        RSAPrivateKey pkcs1 = RSAPrivateKey.getInstance(der);
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encode(algorithm, pkcs1)));
    }

    private static byte[] encode(AlgorithmIdentifier algorithm, org.bouncycastle.asn1.ASN1Encodable key) {
        try {
            return new PrivateKeyInfo(algorithm, key).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot re-encode key as PKCS#8", e);
        }
    }

    private static String labels(List<Block> blocks) {
        return blocks.isEmpty() ? "no PEM blocks"
                : blocks.stream().map(Block::label).collect(Collectors.joining(", "));
    }

    /** One BEGIN/END block; RFC 7468 §2 allows text between blocks, which we skip. */
    private record Block(String label, byte[] der, int line, boolean encrypted) {
    }

    private static List<Block> blocks(String text, String source) throws PemException {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith(BEGIN) || !line.endsWith(DASHES)) {
                continue;
            }
            String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
            int start = i + 1;
            StringBuilder base64 = new StringBuilder();
            boolean encrypted = label.startsWith("ENCRYPTED");
            String endLine = END + label + DASHES;
            i++;
            for (; i < lines.length && !lines[i].strip().equals(endLine); i++) {
                String body = lines[i].strip();
                // RFC 1421 headers (Proc-Type: 4,ENCRYPTED / DEK-Info) mark legacy encrypted keys.
                if (body.contains(":")) {
                    encrypted |= body.startsWith("Proc-Type:") && body.contains("ENCRYPTED");
                    continue;
                }
                base64.append(body);
            }
            if (i == lines.length) {
                throw new PemException(source + " line " + start + ": BEGIN " + label + " without " + endLine);
            }
            try {
                blocks.add(new Block(label, Base64.getDecoder().decode(base64.toString()), start, encrypted));
            } catch (IllegalArgumentException e) {
                throw new PemException(source + " line " + start + ": " + label + " body is not valid Base64");
            }
        }
        return blocks;
    }
}
