package dev.tlsworkbook.keyschedule;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.crypto.Hkdf;
import dev.tlsworkbook.wire.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * The two functions the TLS 1.3 key schedule is written in (RFC 8446 §7.1):
 *
 * <pre>
 * HKDF-Expand-Label(Secret, Label, Context, Length) =
 *      HKDF-Expand(Secret, HkdfLabel, Length)
 *
 * struct {
 *     uint16 length = Length;
 *     opaque label&lt;7..255&gt; = "tls13 " + Label;
 *     opaque context&lt;0..255&gt; = Context;
 * } HkdfLabel;
 *
 * Derive-Secret(Secret, Label, Messages) =
 *      HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
 * </pre>
 *
 * @since chapter03
 */
public final class Tls13Kdf {
    /** Prepended to every label (RFC 8446 §7.1). */
    public static final String LABEL_PREFIX = "tls13 ";

    private Tls13Kdf() {
    }

    /**
     * The encoded {@code HkdfLabel} struct, the {@code info} of HKDF-Expand (RFC 8446 §7.1);
     * RFC 8448 prints it as "info".
     *
     * @throws IllegalArgumentException if the label or context does not fit its vector
     */
    public static byte[] hkdfLabel(String label, byte[] context, int length) {
        byte[] fullLabel = (LABEL_PREFIX + label).getBytes(StandardCharsets.US_ASCII);
        if (fullLabel.length > 255 || label.isEmpty()) { // opaque label<7..255>
            throw new IllegalArgumentException("RFC 8446 §7.1: label must be 7..255 bytes with its prefix: " + label);
        }
        if (context.length > 255) { // opaque context<0..255>
            throw new IllegalArgumentException("RFC 8446 §7.1: context is at most 255 bytes, was " + context.length);
        }
        return new WireWriter(4 + fullLabel.length + context.length)
                .u16(length)
                .opaque8(Opaque.of(fullLabel))
                .opaque8(Opaque.of(context))
                .toByteArray();
    }

    /** HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 §7.1). */
    public static SecretBytes expandLabel(HashAlgorithm hash, SecretBytes secret, String label, byte[] context, int length) {
        return Hkdf.of(hash).expand(secret, hkdfLabel(label, context, length), length);
    }

    /**
     * Derive-Secret(Secret, Label, Messages) (RFC 8446 §7.1), given {@code Transcript-Hash(Messages)}
     * (see {@link Transcript#currentHash()}; {@link #emptyHash} for "").
     */
    public static SecretBytes deriveSecret(HashAlgorithm hash, SecretBytes secret, String label, Opaque transcriptHash) {
        if (transcriptHash.length() != hash.length()) {
            throw new IllegalArgumentException("transcript hash must be " + hash.length() + " bytes for " + hash);
        }
        return expandLabel(hash, secret, label, transcriptHash.bytes(), hash.length());
    }

    /** {@code Transcript-Hash("")}, the hash of no messages: the context of "derived" and exporters. */
    public static Opaque emptyHash(HashAlgorithm hash) {
        return Opaque.of(hash.digest(new byte[0]));
    }

    /**
     * {@code HMAC(finished_key, transcript_hash)}: Finished verify_data (RFC 8446 §4.4.4) and, with
     * the binder key's finished_key, a PSK binder (§4.2.11.2).
     */
    static Opaque finishedMac(HashAlgorithm hash, SecretBytes baseKey, Opaque transcriptHash) {
        SecretBytes finishedKey = finishedKey(hash, baseKey);
        try {
            return Opaque.of(Hkdf.of(hash).hmac(finishedKey, transcriptHash.bytes()));
        } finally {
            finishedKey.destroy();
        }
    }

    /** {@code finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)} (RFC 8446 §4.4.4). */
    static SecretBytes finishedKey(HashAlgorithm hash, SecretBytes baseKey) {
        return expandLabel(hash, baseKey, "finished", new byte[0], hash.length());
    }
}
