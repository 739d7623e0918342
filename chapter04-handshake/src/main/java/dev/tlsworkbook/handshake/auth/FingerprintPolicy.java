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
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Trust exactly the end-entity certificates pinned by the SHA-256 of their DER encoding (Postfix's
 * {@code fingerprint} level, {@code openssl x509 -fingerprint -sha256}): one for a server a client
 * pins, a set for the clients a server admits, as mail servers list their clients' fingerprints
 * ({@code check_ccert_access}). No CA, no name and no
 * validity period is consulted: the pin is the whole trust decision, as for a DANE-EE record
 * (RFC 7671 §5.1). A different certificate is refused with unknown_ca, because the pin is the
 * only trust anchor and the certificate "could not be matched with a known trust anchor" (RFC
 * 8446 §6.2).
 *
 * @since chapter04
 */
public record FingerprintPolicy(Set<Opaque> sha256) implements TrustPolicy {

    public FingerprintPolicy {
        sha256 = Set.copyOf(sha256);
        if (sha256.isEmpty()) {
            throw new IllegalArgumentException("a fingerprint policy pins at least one certificate");
        }
        for (Opaque fingerprint : sha256) {
            if (fingerprint.length() != 32) {
                throw new IllegalArgumentException("a SHA-256 fingerprint has 32 bytes, not " + fingerprint.length());
            }
        }
    }

    /** From hex, with or without colons ("AB:CD:..." as openssl prints it). */
    public static FingerprintPolicy of(String sha256Hex) {
        return ofHex(List.of(sha256Hex));
    }

    /** Pins every fingerprint in {@code sha256Hex} (hex, colons allowed). */
    public static FingerprintPolicy ofHex(Collection<String> sha256Hex) {
        return new FingerprintPolicy(sha256Hex.stream().map(h -> Opaque.fromHex(h.replace(":", ""))).collect(Collectors.toSet()));
    }

    /** Pins these certificates. */
    public static FingerprintPolicy of(X509Certificate... certificates) {
        return new FingerprintPolicy(Arrays.stream(certificates).map(FingerprintPolicy::fingerprintOf).collect(Collectors.toSet()));
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
        // Every pin is compared, in constant time each, so the time taken does not tell which one matched.
        boolean matched = false;
        for (Opaque pin : sha256) {
            matched |= ConstantTime.equals(presented, pin);
        }
        if (!matched) {
            throw TlsException.local(Violation.UNKNOWN_CERTIFICATE_AUTHORITY, "RFC 8446 §6.2: certificate "
                    + chain.subject() + " has SHA-256 fingerprint " + colons(presented)
                    + ", not " + (sha256.size() == 1 ? "the pinned " : "one of the " + sha256.size() + " pinned ") + describe());
        }
        return new PeerAuthentication.Trusted(chain, "pinned SHA-256 fingerprint " + colons(presented));
    }

    private String describe() {
        return sha256.stream().map(FingerprintPolicy::colons).sorted().collect(Collectors.joining(", "));
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
        return "FingerprintPolicy[sha256=" + describe() + "]";
    }
}
