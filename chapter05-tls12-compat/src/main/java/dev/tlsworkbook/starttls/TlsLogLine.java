package dev.tlsworkbook.starttls;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.state.HandshakeSummary;
import dev.tlsworkbook.record.ProtocolVersion;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;

/**
 * The one line per connection that mail administrators grep for, in Postfix's words, e.g.
 * <pre>
 * Verified TLS connection established to mx.example.test[127.0.0.1]:2525: TLSv1.3 with cipher
 *   TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature ECDSA (P-256) server-digest SHA256
 * </pre>
 * (one line in the log). The first word says how far the peer was authenticated: see {@link Trust}.
 *
 * @since chapter05
 */
public final class TlsLogLine {

    /** Postfix's words for the peer's authentication. */
    public enum Trust {
        /** The chain validated and the name matched, or a pinned fingerprint matched. */
        VERIFIED("Verified"),
        /** The chain validated, but no name was checked. */
        TRUSTED("Trusted"),
        /** Neither: encrypted, not authenticated. */
        UNTRUSTED("Untrusted"),
        /** The client presented no certificate (server side). */
        ANONYMOUS("Anonymous");

        private final String word;

        Trust(String word) {
            this.word = word;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    private TlsLogLine() {
    }

    /** The client's line: {@code … TLS connection established to HOST[IP]:PORT: …}. */
    public static String client(Trust trust, String host, String address, int port, HandshakeSummary summary,
            Optional<PublicKey> serverKey) {
        return trust + " TLS connection established to " + host + "[" + address + "]:" + port + ": "
                + parameters(summary, serverKey);
    }

    /** The server's line: {@code … TLS connection established from HOST[IP]: …}. */
    public static String server(Trust trust, String host, String address, HandshakeSummary summary,
            Optional<PublicKey> serverKey) {
        return trust + " TLS connection established from " + host + "[" + address + "]: "
                + parameters(summary, serverKey);
    }

    /**
     * What was negotiated, as Postfix prints it and as the {@code Received:} header records it:
     * {@code TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits) key-exchange X25519 server-signature ECDSA (P-256) server-digest SHA256}.
     */
    public static String parameters(HandshakeSummary summary, Optional<PublicKey> serverKey) {
        StringBuilder line = new StringBuilder()
                .append(versionName(summary.version()))
                .append(" with cipher ").append(summary.cipherSuite().name())
                .append(" (").append(bits(summary.cipherSuite())).append('/').append(bits(summary.cipherSuite()))
                .append(" bits)");
        // A psk_ke resumption (RFC 8446 §4.2.9) ran no key exchange: Postfix then prints no key-exchange field.
        summary.group().ifPresent(group -> line.append(" key-exchange ").append(groupName(group)));
        summary.signatureScheme().ifPresent(scheme -> {
            line.append(" server-signature ").append(signatureName(scheme, serverKey));
            digest(scheme).ifPresent(d -> line.append(" server-digest ").append(d));
        });
        return line.toString();
    }

    /** OpenSSL's spelling, which Postfix logs: TLSv1.3, TLSv1.2. */
    public static String versionName(ProtocolVersion version) {
        return version == ProtocolVersion.TLS1_3 ? "TLSv1.3" : version == ProtocolVersion.TLS1_2 ? "TLSv1.2"
                : version.name();
    }

    /** Secret key bits of the suite's cipher: 128 for AES-128, 256 for AES-256 and ChaCha20. */
    public static int bits(CipherSuite suite) {
        return suite.aead().map(a -> a.keyLength() * 8).orElse(0);
    }

    /** OpenSSL's short names, as Postfix prints them: X25519, X448, prime256v1, secp384r1, hybrids by IANA name. */
    static String groupName(NamedGroup group) {
        return switch (group) {
            case X25519 -> "X25519";
            case X448 -> "X448";
            case SECP256R1 -> "prime256v1";
            default -> group.ianaName();
        };
    }

    private static String signatureName(SignatureScheme scheme, Optional<PublicKey> key) {
        String bits = key.filter(RSAKey.class::isInstance)
                .map(k -> " (" + ((RSAKey) k).getModulus().bitLength() + " bits)").orElse("");
        return switch (scheme.keyType()) {
            case EC -> "ECDSA" + scheme.curve().map(c -> " (" + curveName(c) + ")").orElse("");
            case RSA -> scheme.jcaParameters().isPresent() ? "RSA-PSS" + bits : "RSA" + bits;
            case RSASSA_PSS -> "RSA-PSS" + bits;
            case ED25519 -> "ED25519";
            case ED448 -> "ED448";
        };
    }

    private static String curveName(String curve) {
        return switch (curve) {
            case "secp256r1" -> "P-256";
            case "secp384r1" -> "P-384";
            case "secp521r1" -> "P-521";
            default -> curve;
        };
    }

    /** The signature's digest, as Postfix names it (none for EdDSA, which hashes internally). */
    private static Optional<String> digest(SignatureScheme scheme) {
        String name = scheme.name();
        for (String d : new String[] {"SHA256", "SHA384", "SHA512", "SHA224", "SHA1"}) {
            if (name.endsWith(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
