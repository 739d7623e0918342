package dev.tlsworkbook.negotiation;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.auth.KeyType;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Signing and checking the ECDHE parameters of a TLS 1.2 ServerKeyExchange (RFC 5246 §7.4.3,
 * RFC 8422 §5.4), and the same {@code digitally-signed} element in the client's CertificateVerify
 * (§7.4.8). Unlike TLS 1.3's CertificateVerify, the signature covers the two randoms and the
 * parameters (or the handshake messages) directly, and TLS 1.2 also allows RSA PKCS#1 v1.5; SHA-1 and SHA-224 schemes
 * are never used (RFC 9155 §2 deprecates SHA-1 in TLS 1.2 signatures).
 *
 * @since chapter05
 */
public final class ServerKeyExchangeSignature {
    /** The schemes we accept and use in TLS 1.2 ServerKeyExchange, in our order of preference. */
    public static final List<SignatureScheme> ALLOWED = List.of(
            SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
            SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
            SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512);

    private ServerKeyExchangeSignature() {
    }

    /** True if {@code scheme} may sign a TLS 1.2 ServerKeyExchange with {@code key}. */
    public static boolean fits(SignatureScheme scheme, Key key) {
        return ALLOWED.contains(scheme) && KeyType.of(key).orElse(null) == scheme.keyType();
    }

    /**
     * Server: the scheme to sign with: among the client's signature_algorithms (RFC 5246
     * §7.4.1.4.1), ours in our order of preference that fits the key, a scheme whose curve matches
     * an EC key first.
     */
    public static Optional<SignatureScheme> choose(Key key, Collection<Integer> clientOffered) {
        Optional<SignatureScheme> exact = ALLOWED.stream().filter(s -> clientOffered.contains(s.code()))
                .filter(s -> s.fitsTls13Key(key)).findFirst();
        return exact.isPresent() ? exact
                : ALLOWED.stream().filter(s -> clientOffered.contains(s.code())).filter(s -> fits(s, key)).findFirst();
    }

    /**
     * The named group of an EC key's curve (P-256, P-384), empty for other keys and curves. In TLS 1.2
     * the client's supported_groups also limits the curve of an ECDSA certificate (RFC 8422 §5.1.1:
     * the extension names "the elliptic curves supported by the client"; OpenSSL and SunJSSE refuse
     * a certificate on another curve).
     */
    public static Optional<dev.tlsworkbook.crypto.NamedGroup> curveOf(Key key) {
        if (SignatureScheme.ECDSA_SECP256R1_SHA256.fitsTls13Key(key)) {
            return Optional.of(dev.tlsworkbook.crypto.NamedGroup.SECP256R1);
        }
        if (SignatureScheme.ECDSA_SECP384R1_SHA384.fitsTls13Key(key)) {
            return Optional.of(dev.tlsworkbook.crypto.NamedGroup.SECP384R1);
        }
        return Optional.empty();
    }

    /**
     * Signs {@code content}: client_random + server_random + params, or the client's
     * handshake_messages; with a seeded random (a demo's {@code --seed}), ECDSA is deterministic
     * (RFC 6979), as in TLS 1.3.
     */
    public static Opaque sign(SignatureScheme scheme, PrivateKey key, Opaque content, SecureRandom random) {
        try {
            return Opaque.of(scheme.sign(key, content.bytes(), random));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + scheme, e);
        }
    }

    /**
     * Client: checks the ServerKeyExchange signature. The scheme must be one we offered, allowed in
     * TLS 1.2 and fitting the certificate's key (illegal_parameter, RFC 5246 §7.4.1.4.1: "MUST be
     * one of those present in the supported_signature_algorithms"); a wrong signature is
     * decrypt_error (RFC 5246 §7.2.2).
     */
    public static SignatureScheme verify(int schemeCode, Collection<Integer> weOffered, PublicKey key, Opaque content,
            Opaque signatureBytes) {
        return verify("RFC 5246 §7.4.3: ServerKeyExchange", schemeCode, weOffered, key, content, signatureBytes);
    }

    /**
     * Checks a TLS 1.2 {@code digitally-signed} element (RFC 5246 §4.7) of {@code message}: the
     * ServerKeyExchange above, or the client's CertificateVerify (§7.4.8: the scheme "MUST be one of
     * those present in the supported_signature_algorithms field of the CertificateRequest message"),
     * with the same rules and alerts.
     *
     * @param message the rule and message named in errors, e.g. "RFC 5246 §7.4.8: CertificateVerify"
     * @param weOffered the schemes we offered (signature_algorithms, or the CertificateRequest's list)
     */
    public static SignatureScheme verify(String message, int schemeCode, Collection<Integer> weOffered, PublicKey key,
            Opaque content, Opaque signatureBytes) {
        SignatureScheme scheme = SignatureScheme.fromCode(schemeCode).filter(s -> weOffered.contains(s.code()))
                .filter(s -> fits(s, key))
                .orElseThrow(() -> TlsException.local(Violation.SIGNATURE_SCHEME_NOT_ALLOWED,
                        message + " is signed with " + SignatureScheme.fromCode(schemeCode).map(Object::toString)
                                .orElse(String.format("0x%04x", schemeCode))
                                + ", which we did not offer or which does not fit the peer's "
                                + KeyType.of(key).map(Enum::name).orElse(key.getAlgorithm()) + " key"));
        boolean valid;
        try {
            Signature verifier = scheme.newSignature();
            verifier.initVerify(key);
            verifier.update(content.bytes());
            valid = verifier.verify(signatureBytes.bytes());
        } catch (SignatureException | InvalidKeyException e) {
            valid = false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify with " + scheme, e);
        }
        if (!valid) {
            throw TlsException.local(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE,
                    message + " signature (" + scheme + ") does not verify with the certificate's key");
        }
        return scheme;
    }
}
