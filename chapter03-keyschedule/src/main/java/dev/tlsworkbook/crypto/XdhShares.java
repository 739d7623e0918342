package dev.tlsworkbook.crypto;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.bytes.SecretBytes;
import java.util.Arrays;

/** The checks RFC 8446 puts on X25519 and X448 shares, shared by both classes. */
final class XdhShares {
    private XdhShares() {
    }

    static void requireLength(NamedGroup group, Opaque peer, int length) {
        if (peer.length() != length) { // RFC 8446 §4.2.8.2: 32 bytes for X25519, 56 for X448
            throw TlsException.local(Violation.INVALID_KEY_SHARE, "RFC 8446 §4.2.8.2: " + group.ianaName()
                    + " key_exchange must be " + length + " bytes, was " + peer.length());
        }
    }

    static SecretBytes result(NamedGroup group, byte[] privateKey, byte[] shared, boolean nonZero) {
        Arrays.fill(privateKey, (byte) 0);
        try {
            if (!nonZero) { // RFC 8446 §7.4.2 and RFC 7748 §6: MUST check for the all-zero value and abort
                throw TlsException.local(Violation.INVALID_KEY_SHARE, "RFC 8446 §7.4.2: " + group.ianaName()
                        + " shared secret is all zeros (the peer sent a small-order point)");
            }
            return SecretBytes.of(shared);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }
}
