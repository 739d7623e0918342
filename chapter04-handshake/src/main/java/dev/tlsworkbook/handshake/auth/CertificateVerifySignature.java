package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.SeededRandom;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The TLS 1.3 CertificateVerify signature (RFC 8446 §4.4.3): choosing the scheme, building the
 * signed content, signing and verifying.
 *
 * <pre>
 * content = 0x20 * 64 || context string || 0x00 || Transcript-Hash(Handshake Context, Certificate)
 * </pre>
 *
 * @since chapter04
 */
public final class CertificateVerifySignature {
    /** RFC 8446 §4.4.3: "octet 32 (0x20) repeated 64 times". */
    private static final int PAD_LENGTH = 64;
    private static final byte PAD = 0x20;

    private CertificateVerifySignature() {
    }

    /** The exact bytes covered by the signature (RFC 8446 §4.4.3). */
    public static Opaque content(Side signer, Opaque transcriptHash) {
        byte[] context = signer.contextBytes();
        byte[] content = new byte[PAD_LENGTH + context.length + 1 + transcriptHash.length()];
        Arrays.fill(content, 0, PAD_LENGTH, PAD);
        System.arraycopy(context, 0, content, PAD_LENGTH, context.length);
        // content[PAD_LENGTH + context.length] stays 0: "A single 0 byte which serves as the separator"
        transcriptHash.copyTo(content, PAD_LENGTH + context.length + 1);
        return Opaque.of(content);
    }

    /**
     * The first scheme in the peer's {@code signature_algorithms} list (its order of preference,
     * RFC 8446 §4.2.3) that TLS 1.3 allows in CertificateVerify and that fits {@code key}. Codes
     * we do not know, GREASE included (RFC 8701), are skipped, never rejected.
     */
    public static Optional<SignatureScheme> chooseScheme(Key key, List<Integer> peerOffered) {
        for (int code : peerOffered) {
            Optional<SignatureScheme> scheme = SignatureScheme.fromCode(code);
            if (scheme.isPresent() && scheme.get().allowedInTls13CertificateVerify()
                    && scheme.get().fitsTls13Key(key)) {
                return scheme;
            }
        }
        return Optional.empty();
    }

    /** Signs with the JDK's default randomness; see {@link #sign(SignatureScheme, PrivateKey, Opaque, Side, SecureRandom)}. */
    public static Opaque sign(SignatureScheme scheme, PrivateKey key, Opaque transcriptHash, Side signer) {
        return sign(scheme, key, transcriptHash, signer, null);
    }

    /**
     * Signs the CertificateVerify content. {@code scheme} must be allowed in TLS 1.3
     * CertificateVerify and fit the key: choosing it is the caller's job ({@link #chooseScheme}),
     * so a wrong one is a programming error ({@link IllegalArgumentException}).
     *
     * @param random randomness for ECDSA/PSS, or null for the JDK's default; a {@link SeededRandom}
     *     (demos with {@code --seed}) makes ECDSA deterministic (RFC 6979)
     */
    public static Opaque sign(SignatureScheme scheme, PrivateKey key, Opaque transcriptHash, Side signer,
            SecureRandom random) {
        if (!scheme.allowedInTls13CertificateVerify()) {
            throw new IllegalArgumentException("RFC 8446 §4.4.3: " + scheme + " is not allowed in CertificateVerify");
        }
        if (!scheme.fitsTls13Key(key)) {
            throw new IllegalArgumentException("RFC 8446 §4.4.3: " + scheme + " does not fit a "
                    + key.getAlgorithm() + " key");
        }
        try {
            // A seeded demo run signs ECDSA with k from RFC 6979, so the signature repeats (SignatureScheme.sign).
            return Opaque.of(scheme.sign(key, content(signer, transcriptHash).bytes(), random));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + scheme, e);
        }
    }

    /**
     * Verifies a received CertificateVerify whose scheme arrived as {@code schemeCode}. RFC 8446
     * §4.4.3: the scheme must be one we offered in signature_algorithms, allowed in TLS 1.3 and
     * compatible with the certificate's key (else illegal_parameter); a signature that does not
     * verify is decrypt_error.
     *
     * @param weOffered the schemes we sent in our signature_algorithms extension
     * @return the scheme the peer used
     */
    public static SignatureScheme verify(int schemeCode, Collection<SignatureScheme> weOffered, PublicKey key,
            Opaque transcriptHash, Side signer, Opaque signature) {
        SignatureScheme scheme = SignatureScheme.fromCode(schemeCode)
                .filter(weOffered::contains)
                .orElseThrow(() -> TlsException.local(Violation.SIGNATURE_SCHEME_NOT_ALLOWED,
                        "RFC 8446 §4.4.3: " + signer.label() + " CertificateVerify uses "
                        + SignatureScheme.describe(schemeCode) + ", which we did not offer (we offered "
                        + weOffered.stream().map(SignatureScheme::toString).collect(Collectors.joining(", "))
                        + ")"));
        verify(scheme, key, transcriptHash, signer, signature);
        return scheme;
    }

    /**
     * Verifies a CertificateVerify signature made with {@code scheme} (RFC 8446 §4.4.3).
     *
     * @throws TlsException {@code SIGNATURE_SCHEME_NOT_ALLOWED} (illegal_parameter) for a scheme
     *     TLS 1.3 forbids here or one that does not fit the key; {@code
     *     BAD_CERTIFICATE_VERIFY_SIGNATURE} (decrypt_error) when the signature does not verify
     */
    public static void verify(SignatureScheme scheme, PublicKey key, Opaque transcriptHash, Side signer,
            Opaque signature) {
        String who = signer.label();
        if (!scheme.allowedInTls13CertificateVerify()) {
            throw TlsException.local(Violation.SIGNATURE_SCHEME_NOT_ALLOWED, "RFC 8446 §4.4.3: " + who
                    + " CertificateVerify uses " + scheme + ", which TLS 1.3 allows only in certificates");
        }
        if (!scheme.fitsTls13Key(key)) {
            throw TlsException.local(Violation.SIGNATURE_SCHEME_NOT_ALLOWED, "RFC 8446 §4.4.3: " + who
                    + " CertificateVerify uses " + scheme + ", which does not fit the certificate's "
                    + describeKey(key));
        }
        boolean valid;
        try {
            valid = SignatureImplementations.verify(scheme, key, content(signer, transcriptHash).bytes(), signature.bytes());
        } catch (InvalidKeyException e) {
            // A malformed signature (bad DER, wrong length) is as bad as a wrong one.
            valid = false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify with " + scheme, e);
        }
        if (!valid) {
            throw TlsException.local(Violation.BAD_CERTIFICATE_VERIFY_SIGNATURE, "RFC 8446 §4.4.3: " + who
                    + " CertificateVerify signature (" + scheme + ") does not verify with the certificate's key");
        }
    }

    static String describeKey(Key key) {
        String type = KeyType.of(key).map(Enum::name).orElse(key.getAlgorithm());
        if (key instanceof java.security.interfaces.ECKey ec) {
            return type + " key on " + EcCurves.nameOf(ec).orElse("an unknown curve");
        }
        if (key instanceof java.security.interfaces.RSAKey rsa) {
            return type + " " + rsa.getModulus().bitLength() + "-bit key";
        }
        return type + " key";
    }
}
