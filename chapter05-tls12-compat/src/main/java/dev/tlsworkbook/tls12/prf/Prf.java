package dev.tlsworkbook.tls12.prf;

import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS 1.2 pseudorandom function (RFC 5246 §5), with the suite's hash (SHA-256 for every suite
 * unless the suite names SHA-384):
 *
 * <pre>
 * P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
 *     A(0) = seed,  A(i) = HMAC_hash(secret, A(i-1))
 * PRF(secret, label, seed) = P_&lt;hash&gt;(secret, label + seed)
 * </pre>
 *
 * @since chapter05
 */
public final class Prf {
    private Prf() {
    }

    /** {@code PRF(secret, label, seed)} truncated to {@code length} bytes (RFC 5246 §5). */
    public static SecretBytes compute(HashAlgorithm hash, SecretBytes secret, String label, byte[] seed, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] labelSeed = new byte[labelBytes.length + seed.length];
        System.arraycopy(labelBytes, 0, labelSeed, 0, labelBytes.length);
        System.arraycopy(seed, 0, labelSeed, labelBytes.length, seed.length);
        byte[] secretBytes = secret.bytes();
        try {
            Mac mac = Mac.getInstance(hash.hmacAlgorithm());
            // An empty secret is legal for HMAC but not for SecretKeySpec; RFC 2104 pads it to zeros anyway.
            mac.init(new SecretKeySpec(secretBytes.length == 0 ? new byte[1] : secretBytes, hash.hmacAlgorithm()));
            byte[] out = new byte[length];
            byte[] a = labelSeed;
            int pos = 0;
            while (pos < length) {
                a = mac.doFinal(a);                       // A(i) = HMAC_hash(secret, A(i-1))
                mac.update(a);
                byte[] block = mac.doFinal(labelSeed);    // HMAC_hash(secret, A(i) + seed)
                int n = Math.min(block.length, length - pos);
                System.arraycopy(block, 0, out, pos, n);
                Arrays.fill(block, (byte) 0);
                pos += n;
            }
            return SecretBytes.of(out);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC key rejected", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hash.hmacAlgorithm() + " is not available", e);
        } finally {
            Arrays.fill(secretBytes, (byte) 0);
        }
    }
}
