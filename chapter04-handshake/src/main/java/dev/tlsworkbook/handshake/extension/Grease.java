package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.bytes.Opaque;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * GREASE (RFC 8701): reserved values a client sprinkles into its offers so that servers which
 * reject unknown values break early. A receiver must treat them like any unknown value: ignore
 * them in offers (RFC 8701 §3.2), reject them if the peer selects one (§3.1).
 *
 * <p>The static methods recognise the values; an instance picks values to send from an injected
 * {@link SecureRandom}, so tests are deterministic.
 *
 * @since chapter04
 */
public final class Grease {
    /** RFC 8701 §2: the reserved PskKeyExchangeMode values. */
    private static final int[] PSK_MODES = {0x0b, 0x2a, 0x49, 0x68, 0x87, 0xa6, 0xc5, 0xe4};

    private final SecureRandom random;

    public Grease(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * RFC 8701 §2: the 16 two-byte values {@code 0x0A0A, 0x1A1A, … 0xFAFA}, reserved for cipher
     * suites, extensions, named groups, signature algorithms and versions: both bytes equal, low
     * nibble {@code A}.
     */
    public static boolean isGrease(int code) {
        return (code & ~0xffff) == 0 && (code & 0x0f0f) == 0x0a0a && (code >>> 8) == (code & 0xff);
    }

    /** RFC 8701 §2: an ALPN identifier is GREASE when it is two bytes forming a GREASE code. */
    public static boolean isGreaseAlpn(Opaque protocolName) {
        return protocolName.length() == 2 && isGrease((protocolName.byteAt(0) << 8) | protocolName.byteAt(1));
    }

    /** RFC 8701 §2: the eight reserved PskKeyExchangeMode values. */
    public static boolean isGreasePskMode(int mode) {
        for (int m : PSK_MODES) {
            if (m == mode) {
                return true;
            }
        }
        return false;
    }

    /** One GREASE two-byte value, chosen at random. */
    public int value() {
        int nibble = random.nextInt(16);
        return (nibble << 12) | 0x0a00 | (nibble << 4) | 0x0a;
    }

    /**
     * {@code count} distinct GREASE values (at most 16), e.g. one for a cipher suite and a
     * different one for an extension, as BoringSSL does so a server cannot pair them up.
     */
    public List<Integer> distinctValues(int count) {
        if (count < 0 || count > 16) {
            throw new IllegalArgumentException("there are 16 GREASE values, asked for " + count);
        }
        List<Integer> picked = new ArrayList<>(count);
        while (picked.size() < count) {
            int v = value();
            if (!picked.contains(v)) {
                picked.add(v);
            }
        }
        return picked;
    }

    /** One GREASE PskKeyExchangeMode value. */
    public int pskMode() {
        return PSK_MODES[random.nextInt(PSK_MODES.length)];
    }
}
