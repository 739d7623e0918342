package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.crypto.SeededRandom;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI for demos and tests (built with Bouncy Castle's bcpkix): a self-signed CA
 * (basicConstraints CA, RFC 5280 §4.2.1.9) that issues end-entity certificates with
 * subjectAltName DNS and IP entries (RFC 5280 §4.2.1.6, the only identities RFC 9525 matches),
 * key usage digitalSignature and extended key usage serverAuth + clientAuth. Validity starts at
 * the injected {@link Clock}'s instant, so tests can move a verifier's clock before or after it.
 * {@link #writePem} produces files {@code openssl s_server -cert -key} and {@code curl --cacert}
 * read. Never use it for anything real.
 *
 * @since chapter04
 */
public final class TestPki {
    private static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);
    private static final KeyPurposeId[] BOTH_ROLES = {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
    private static final KeyPurposeId[] CLIENT_ONLY = {KeyPurposeId.id_kp_clientAuth};

    private final CertifiedKey issuer;
    private final KeyKind issuerKind;
    private final List<X509Certificate> chainAboveLeaf;
    private final X509Certificate root;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration validity;

    private TestPki(CertifiedKey issuer, KeyKind issuerKind, List<X509Certificate> chainAboveLeaf,
            X509Certificate root, Clock clock, SecureRandom random, Duration validity) {
        this.issuer = issuer;
        this.issuerKind = issuerKind;
        this.chainAboveLeaf = List.copyOf(chainAboveLeaf);
        this.root = root;
        this.clock = clock;
        this.random = random;
        this.validity = validity;
    }

    /** A P-256 CA named "CN=tls-workbook test CA", valid for 30 days from {@code clock}'s now. */
    public static TestPki create(Clock clock, SecureRandom random) {
        return create("CN=tls-workbook test CA", KeyKind.EC_P256, clock, random, DEFAULT_VALIDITY);
    }

    /**
     * A CA with the given name and key, whose certificates (its own included) are valid from
     * {@code clock}'s now (truncated to seconds, as X.509 times are) for {@code validity}.
     */
    public static TestPki create(String caName, KeyKind caKind, Clock clock, SecureRandom random, Duration validity) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        KeyPair keys = caKind.generate(random);
        X500Name name = new X500Name(caName);
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate certificate = sign(new JcaX509v3CertificateBuilder(name, serial(random), Date.from(notBefore),
                Date.from(notBefore.plus(validity)), name, keys.getPublic()), caExtensions(keys.getPublic(), null),
                keys.getPrivate(), caKind, random);
        CertifiedKey ca = new CertifiedKey(CertificateChain.of(certificate), keys.getPrivate());
        return new TestPki(ca, caKind, List.of(), certificate, clock, random, validity);
    }

    /** The root CA certificate: what a client trusts ({@code TrustPolicy.verify(List.of(root), clock)}). */
    public X509Certificate caCertificate() {
        return root;
    }

    /** The certificate and key that sign this PKI's end-entity certificates (the root or an intermediate). */
    public CertifiedKey issuer() {
        return issuer;
    }

    /** A PKI whose certificates are issued by a new intermediate CA under this one; its chains include the intermediate. */
    public TestPki intermediate(String name, KeyKind kind) {
        KeyPair keys = kind.generate(random);
        X509Certificate certificate = issueCertificate(new X500Name(name), keys.getPublic(),
                caExtensions(keys.getPublic(), issuer.chain().leaf()));
        List<X509Certificate> above = new ArrayList<>();
        above.add(certificate);
        above.addAll(chainAboveLeaf);
        CertifiedKey intermediate = new CertifiedKey(CertificateChain.of(certificate), keys.getPrivate());
        return new TestPki(intermediate, kind, above, root, clock, random, validity);
    }

    /**
     * As {@link #intermediate(String, KeyKind)}, with an extended key usage on the intermediate
     * (RFC 5280 §4.2.1.12), e.g. only {@code 1.3.6.1.5.5.7.3.4} (emailProtection), to test that a
     * verifier checks it along the path.
     */
    public TestPki intermediate(String name, KeyKind kind, String... extendedKeyUsageOids) {
        KeyPair keys = kind.generate(random);
        Extensions extensions = caExtensions(keys.getPublic(), issuer.chain().leaf());
        List<Extension> list = new ArrayList<>(extensions.list());
        KeyPurposeId[] purposes = java.util.Arrays.stream(extendedKeyUsageOids)
                .map(oid -> KeyPurposeId.getInstance(new org.bouncycastle.asn1.ASN1ObjectIdentifier(oid)))
                .toArray(KeyPurposeId[]::new);
        list.add(extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes)));
        X509Certificate certificate = issueCertificate(new X500Name(name), keys.getPublic(), new Extensions(list));
        List<X509Certificate> above = new ArrayList<>();
        above.add(certificate);
        above.addAll(chainAboveLeaf);
        return new TestPki(new CertifiedKey(CertificateChain.of(certificate), keys.getPrivate()), kind, above, root, clock,
                random, validity);
    }

    /**
     * A cross-certificate (RFC 5280 §3.2): this PKI's issuing CA, same subject and key, certified
     * by {@code signer}'s issuing CA, so that a chain from this PKI also leads to the signer's root.
     */
    public X509Certificate crossCertifiedBy(TestPki signer) {
        X509Certificate ours = issuer.chain().leaf();
        return signer.issueCertificate(X500Name.getInstance(ours.getSubjectX500Principal().getEncoded()), ours.getPublicKey(),
                caExtensions(ours.getPublicKey(), signer.issuer.chain().leaf()));
    }

    /**
     * A certificate for DNS {@code localhost} whose basicConstraints say cA=TRUE (with
     * digitalSignature and serverAuth, so only the cA flag is wrong): RFC 5280 §4.2.1.9 makes it
     * a CA certificate, which a verifier must not accept as a TLS end entity.
     */
    public CertifiedKey issueCaFlaggedLocalhost(KeyKind kind) {
        KeyPair keys = kind.generate(random);
        List<Extension> list = new ArrayList<>(leafExtensions(keys.getPublic(), List.of("localhost"), List.of(), BOTH_ROLES).list());
        list.set(0, extension(Extension.basicConstraints, true, new BasicConstraints(true)));
        return chainFor(issueCertificate(new X500Name("CN=localhost CA-flagged"), keys.getPublic(), new Extensions(list)),
                keys.getPrivate());
    }

    /** An end-entity certificate for DNS {@code localhost}, IP 127.0.0.1 and IP ::1. */
    public CertifiedKey issueLocalhost(KeyKind kind) {
        return issue("CN=localhost", kind, List.of("localhost"), List.of("127.0.0.1", "::1"));
    }

    /**
     * An end-entity certificate and its key; the chain holds the leaf and any intermediates (not
     * the root, which the peer already trusts, RFC 8446 §4.4.2).
     *
     * @param dnsNames dNSName SAN entries (wildcards allowed: "*.example.com")
     * @param ipAddresses iPAddress SAN entries as IPv4/IPv6 literals
     */
    public CertifiedKey issue(String subject, KeyKind kind, List<String> dnsNames, List<String> ipAddresses) {
        KeyPair keys = kind.generate(random);
        return chainFor(issueCertificate(new X500Name(subject), keys.getPublic(),
                leafExtensions(keys.getPublic(), dnsNames, ipAddresses, BOTH_ROLES)), keys.getPrivate());
    }

    /**
     * A client certificate (RFC 8446 §4.4.2.3) for {@code subject}: no subjectAltName, extended
     * key usage id-kp-clientAuth only, so a client cannot pass it off as a server.
     */
    public CertifiedKey issueClient(String subject, KeyKind kind) {
        KeyPair keys = kind.generate(random);
        return chainFor(issueCertificate(new X500Name(subject), keys.getPublic(),
                leafExtensions(keys.getPublic(), List.of(), List.of(), CLIENT_ONLY)), keys.getPrivate());
    }

    private CertifiedKey chainFor(X509Certificate leaf, PrivateKey key) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(chainAboveLeaf);
        return new CertifiedKey(new CertificateChain(chain), key);
    }

    /**
     * A bare end-entity certificate for any public key, even one TLS cannot sign with (to test
     * that peers refuse it).
     */
    public X509Certificate certify(String subject, PublicKey key, List<String> dnsNames, List<String> ipAddresses) {
        return issueCertificate(new X500Name(subject), key, leafExtensions(key, dnsNames, ipAddresses, BOTH_ROLES));
    }

    /** Writes the chain (leaf first) and the PKCS#8 key as PEM, for {@code openssl s_server -cert chain -key key}. */
    public static void writePem(CertifiedKey certifiedKey, Path chainFile, Path keyFile) throws IOException {
        Pem.writeCertificates(chainFile, certifiedKey.chain().certificates());
        Pem.writePrivateKey(keyFile, certifiedKey.privateKey());
    }

    /** Writes the root CA certificate as PEM, for {@code curl --cacert} or {@code openssl s_client -CAfile}. */
    public void writeCaPem(Path file) throws IOException {
        Pem.writeCertificates(file, List.of(root));
    }

    private X509Certificate issueCertificate(X500Name subject, PublicKey key, Extensions extensions) {
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X500Name issuerName = X500Name.getInstance(issuer.chain().leaf().getSubjectX500Principal().getEncoded());
        return sign(new JcaX509v3CertificateBuilder(issuerName, serial(random), Date.from(notBefore),
                Date.from(notBefore.plus(validity)), subject, key), extensions, issuer.privateKey(), issuerKind, random);
    }

    /** The extensions of one certificate, added in order. */
    private record Extensions(List<Extension> list) {
    }

    private static Extensions caExtensions(PublicKey key, X509Certificate issuerCertificate) {
        List<Extension> list = new ArrayList<>();
        list.add(extension(Extension.basicConstraints, true, new BasicConstraints(true)));
        list.add(extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
        addKeyIdentifiers(list, key, issuerCertificate);
        return new Extensions(list);
    }

    private Extensions leafExtensions(PublicKey key, List<String> dnsNames, List<String> ipAddresses,
            KeyPurposeId[] purposes) {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        for (String ip : ipAddresses) {
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ipOctets(ip))));
        }
        List<Extension> list = new ArrayList<>();
        list.add(extension(Extension.basicConstraints, true, new BasicConstraints(false)));
        // RFC 8446 §4.4.2.2: "the digitalSignature bit MUST be set if the Key Usage extension is present"
        list.add(extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)));
        list.add(extension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(purposes)));
        if (!names.isEmpty()) {
            // RFC 5280 §4.2.1.6: critical when the subject is empty; ours always has a subject.
            list.add(extension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new))));
        }
        addKeyIdentifiers(list, key, issuer.chain().leaf());
        return new Extensions(list);
    }

    private static void addKeyIdentifiers(List<Extension> list, PublicKey key, X509Certificate issuerCertificate) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            list.add(extension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key)));
            if (issuerCertificate != null) {
                list.add(extension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerCertificate)));
            }
        } catch (java.security.NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("cannot compute key identifiers", e);
        }
    }

    private static Extension extension(org.bouncycastle.asn1.ASN1ObjectIdentifier oid, boolean critical,
            org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            return new Extension(oid, critical, value.toASN1Primitive().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode extension " + oid, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, Extensions extensions, PrivateKey key,
            KeyKind kind, SecureRandom random) {
        try {
            for (Extension extension : extensions.list()) {
                builder.addExtension(extension);
            }
            JcaContentSignerBuilder signerBuilder = new JcaContentSignerBuilder(kind.certificateSignatureAlgorithm());
            if (kind == KeyKind.RSASSA_PSS_2048) {
                // The JDK has no name for RSASSA-PSS with parameters baked in; Bouncy Castle does.
                signerBuilder.setProvider(new BouncyCastleProvider());
            }
            signerBuilder.setSecureRandom(random);
            ContentSigner signer = signerBuilder.build(key);
            if (random instanceof SeededRandom && kind.certificateSignatureAlgorithm().endsWith("withECDSA")) {
                signer = new DeterministicEcdsaSigner(signer.getAlgorithmIdentifier(), key,
                        DeterministicEcdsa.hashOf(kind.certificateSignatureAlgorithm()));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    /** Signs a certificate with RFC 6979 ECDSA: a seeded demo's certificates repeat byte for byte. */
    private static final class DeterministicEcdsaSigner implements ContentSigner {
        private final org.bouncycastle.asn1.x509.AlgorithmIdentifier algorithm;
        private final PrivateKey key;
        private final String hash;
        private final java.io.ByteArrayOutputStream tbs = new java.io.ByteArrayOutputStream();

        DeterministicEcdsaSigner(org.bouncycastle.asn1.x509.AlgorithmIdentifier algorithm, PrivateKey key, String hash) {
            this.algorithm = algorithm;
            this.key = key;
            this.hash = hash;
        }

        @Override
        public org.bouncycastle.asn1.x509.AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public java.io.OutputStream getOutputStream() {
            return tbs;
        }

        @Override
        public byte[] getSignature() {
            return DeterministicEcdsa.sign(key, hash, tbs.toByteArray());
        }
    }

    private static BigInteger serial(SecureRandom random) {
        // RFC 5280 §4.1.2.2: positive, at most 20 octets
        return new BigInteger(63, random).add(BigInteger.ONE);
    }

    private static byte[] ipOctets(String literal) {
        return HostnameMatcher.ipLiteral(literal).orElseThrow(() -> new IllegalArgumentException(
                "not an IP literal: " + literal));
    }
}
