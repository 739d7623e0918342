package dev.tlsworkbook.keyschedule;

import dev.tlsworkbook.bytes.SecretBytes;
import dev.tlsworkbook.crypto.HashAlgorithm;

/**
 * A secret produced by Derive-Secret in the TLS 1.3 key schedule (RFC 8446 §7.1), knowing which
 * one it is, so that a {@link KeyLog} can name it.
 *
 * @since chapter03
 */
public interface DerivedSecret {
    /** Which secret of the key schedule this is. */
    SecretLabel label();

    /** The hash of the cipher suite it was derived with. */
    HashAlgorithm hash();

    /** The secret itself. */
    SecretBytes secret();
}
