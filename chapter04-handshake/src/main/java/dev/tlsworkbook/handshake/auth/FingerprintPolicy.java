package dev.tlsworkbook.handshake.auth;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.ConstantTime;
import dev.tlsworkbook.bytes.Hex;
import dev.tlsworkbook.bytes.Opaque;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Trust exactly one end-entity certificate, pinned by the SHA-256 of its DER encoding (Postfix's
 * {@code fingerprint} level, {@code openssl x509 -fingerprint -sha256}). No CA, no name and no
 * validity period is consulted: the pin is the whole trust decision, as for a DANE-EE record
 * (RFC 7671 §5.1). A different certificate is refused with unknown_ca, because the pin is the
 * only trust anchor and the certificate "could not be matched with a known trust anchor" (RFC
 * 8446 §6.2).
 *
 * @since chapter04
 */
public record FingerprintPolicy(Opaque sha256) implements TrustPolicy {

    public FingerprintPolicy {
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length() != 32) {
            throw new IllegalArgumentException("a SHA-256 fingerprint has 32 bytes, not " + sha256.length());
        }
    }

    /** From hex, with or without colons ("AB:CD:..." as openssl prints it). */
    public static FingerprintPolicy of(String sha256Hex) {
        return new FingerprintPolicy(Opaque.fromHex(sha256Hex.replace(":", "")));
    }

    /** Pins this certificate. */
    public static FingerprintPolicy of(X509Certificate certificate) {
        return new FingerprintPolicy(fingerprintOf(certificate));
    }

    /** SHA-256 over the certificate's DER encoding. */
    public static Opaque fingerprintOf(X509Certificate certificate) {
        try {
            return Opaque.of(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }

    @Override
    public PeerAuthentication evaluate(CertificateChain chain, Optional<String> reference, Side peer) {
        ChainChecks.requireUsableKey(chain);
        Opaque presented = fingerprintOf(chain.leaf());
        if (!ConstantTime.equals(presented, sha256)) {
            throw TlsException.local(Violation.UNKNOWN_CERTIFICATE_AUTHORITY, "RFC 8446 §6.2: certificate "
                    + chain.subject() + " has SHA-256 fingerprint " + colons(presented)
                    + ", not the pinned " + colons(sha256));
        }
        return new PeerAuthentication.Trusted(chain, "pinned SHA-256 fingerprint " + colons(sha256));
    }

    private static String colons(Opaque fingerprint) {
        String hex = Hex.encode(fingerprint.bytes()).toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "FingerprintPolicy[sha256=" + colons(sha256) + "]";
    }
}
