package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.bytes.Opaque;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate chain with the private key of its end-entity certificate: what an endpoint needs
 * to authenticate itself (RFC 8446 §4.4.2 Certificate + §4.4.3 CertificateVerify). The
 * constructor proves the key belongs to the certificate by signing and verifying a probe, so a
 * mismatched pair fails at configuration time, not in a handshake. {@code toString} never shows
 * the key.
 *
 * @since chapter04
 */
public final class CertifiedKey {
    private static final Opaque PROBE = Opaque.filled(32, 0x5a);

    private final CertificateChain chain;
    private final PrivateKey privateKey;
    private final KeyType keyType;
    /** The chain's DER encodings, made once here instead of in every handshake that sends them. */
    private final List<Opaque> encodedChain;

    /**
     * @throws IllegalArgumentException when TLS cannot sign with the key or it does not match
     *     the end-entity certificate's public key
     */
    public CertifiedKey(CertificateChain chain, PrivateKey privateKey) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.keyType = KeyType.of(chain.publicKey()).orElseThrow(() -> new IllegalArgumentException(
                "RFC 8446 §4.4.2.2: " + chain.subject() + " has a " + chain.publicKey().getAlgorithm()
                + " key, which TLS 1.3 cannot sign with"));
        SignatureScheme probeScheme = anyScheme().orElseThrow(() -> new IllegalArgumentException(
                "RFC 8446 §4.2.3: no TLS 1.3 signature scheme fits the "
                + CertificateVerifySignature.describeKey(chain.publicKey()) + " of " + chain.subject()));
        if (!probeScheme.fitsTls13Key(privateKey)) {
            throw new IllegalArgumentException("the private key (" + privateKey.getAlgorithm()
                    + ") does not match the certificate " + chain.subject());
        }
        this.encodedChain = chain.encoded();
        Opaque signature = CertificateVerifySignature.sign(probeScheme, privateKey, PROBE, Side.SERVER);
        try {
            CertificateVerifySignature.verify(probeScheme, chain.publicKey(), PROBE, Side.SERVER, signature);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the private key does not match the certificate " + chain.subject(), e);
        }
    }

    /** Loads a PEM chain file and a PEM key file (PKCS#8, SEC1 or PKCS#1), as {@code openssl s_server -cert -key} does. */
    public static CertifiedKey load(Path chainFile, Path keyFile) throws IOException {
        return new CertifiedKey(CertificateChain.load(chainFile), Pem.readPrivateKey(keyFile));
    }

    public CertificateChain chain() {
        return chain;
    }

    /** The chain's DER encodings, leaf first, as a Certificate message sends them (RFC 8446 §4.4.2). */
    public List<Opaque> encodedChain() {
        return encodedChain;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The end-entity key's type. */
    public KeyType keyType() {
        return keyType;
    }

    private Optional<SignatureScheme> anyScheme() {
        for (SignatureScheme scheme : SignatureScheme.values()) {
            if (scheme.allowedInTls13CertificateVerify() && scheme.fitsTls13Key(chain.publicKey())) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "CertifiedKey[" + chain + ", " + keyType + " key [redacted]]";
    }
}
