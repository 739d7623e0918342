package dev.tlsworkbook.crypto;

import dev.tlsworkbook.bytes.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF, the HMAC-based extract-and-expand key derivation function (RFC 5869), over any
 * {@link HashAlgorithm} that has a digest. TLS 1.3 builds its whole key schedule from these two
 * functions (RFC 8446 §7.1).
 *
 * <pre>
 * PRK = HMAC-Hash(salt, IKM)                                  extract, RFC 5869 §2.2
 * T(0) = empty; T(i) = HMAC-Hash(PRK, T(i-1) | info | i)      expand,  RFC 5869 §2.3
 * OKM = first L octets of T(1) | T(2) | ... , L &lt;= 255*HashLen
 * </pre>
 *
 * @since chapter03
 */
public final class Hkdf {
    /**
     * One {@link Mac} per hash per thread, re-keyed by every call: a handshake computes about 22
     * HMACs per side (RFC 8446 §7.1), and {@code Mac.getInstance}'s provider search would cost
     * more than some of them. The object keeps its last key's pads until the next call on the
     * same thread re-keys it.
     */
    private static final ThreadLocal<Map<HashAlgorithm, Mac>> MACS =
            ThreadLocal.withInitial(() -> new EnumMap<>(HashAlgorithm.class));

    private final HashAlgorithm hash;

    private Hkdf(HashAlgorithm hash) {
        this.hash = hash;
    }

    /** HKDF over {@code hash}. @throws IllegalStateException if {@code hash} has no digest */
    public static Hkdf of(HashAlgorithm hash) {
        hash.length();
        return new Hkdf(hash);
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /**
     * HKDF-Extract(salt, IKM) (RFC 5869 §2.2). An empty salt means "a string of HashLen zeros",
     * which HMAC treats identically (a key shorter than the block is zero-padded, RFC 2104 §2).
     */
    public SecretBytes extract(byte[] salt, SecretBytes ikm) {
        byte[] key = salt.length == 0 ? new byte[hash.length()] : salt;
        Mac mac = mac(key);
        byte[] input = ikm.bytes();
        try {
            return SecretBytes.of(mac.doFinal(input));
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }

    /** {@link #extract(byte[], SecretBytes)} with a secret salt, as the key schedule chains them. */
    public SecretBytes extract(SecretBytes salt, SecretBytes ikm) {
        byte[] s = salt.bytes();
        try {
            return extract(s, ikm);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }

    /**
     * HKDF-Expand(PRK, info, L) (RFC 5869 §2.3).
     *
     * @throws IllegalArgumentException if {@code length} is negative or above 255·HashLen
     */
    public SecretBytes expand(SecretBytes prk, byte[] info, int length) {
        int hashLen = hash.length();
        if (length < 0 || length > 255 * hashLen) { // RFC 5869 §2.3: L <= 255*HashLen
            throw new IllegalArgumentException(
                    "RFC 5869 §2.3: L must be at most 255*HashLen = " + 255 * hashLen + ", was " + length);
        }
        byte[] key = prk.bytes();
        Mac mac = mac(key);
        Arrays.fill(key, (byte) 0);
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        for (int i = 1, done = 0; done < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            Arrays.fill(t, (byte) 0);
            t = mac.doFinal();
            int n = Math.min(hashLen, length - done);
            System.arraycopy(t, 0, okm, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        try {
            return SecretBytes.of(okm);
        } finally {
            Arrays.fill(okm, (byte) 0);
        }
    }

    /** HMAC-Hash(key, data): the MAC of Finished and PSK binders (RFC 8446 §4.4.4). */
    public byte[] hmac(SecretBytes key, byte[] data) {
        byte[] k = key.bytes();
        Mac mac = mac(k);
        Arrays.fill(k, (byte) 0);
        return mac.doFinal(data);
    }

    private Mac mac(byte[] key) {
        try {
            Mac mac = MACS.get().get(hash);
            if (mac == null) {
                mac = Mac.getInstance(hash.hmacAlgorithm());
                MACS.get().put(hash, mac);
            }
            // HMAC accepts any key length, including zero-length (RFC 2104 §2); SecretKeySpec does not,
            // so an empty key is passed as the equivalent block of zeros.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac.getAlgorithm()));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides " + hash.hmacAlgorithm(), e);
        }
    }
}
