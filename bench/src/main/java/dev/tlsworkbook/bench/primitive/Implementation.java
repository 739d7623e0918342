package dev.tlsworkbook.bench.primitive;

/**
 * The two implementations of each primitive available on the JVM here: the JDK's JCA providers
 * ({@code Signature}, {@code KeyAgreement}, {@code MessageDigest}, {@code Mac}) and Bouncy
 * Castle's lightweight API (no JCA, no provider lookup).
 *
 * @since bench
 */
public enum Implementation {
    /** The JDK's own providers (SunEC, SunRsaSign, SUN, SunJCE). */
    JDK,
    /** Bouncy Castle's lightweight classes ({@code org.bouncycastle.crypto.*}, {@code math.ec.rfc7748/8032}). */
    BC
}
