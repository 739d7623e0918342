package dev.tlsworkbook.handshake.auth;

import java.io.IOException;

/**
 * A PEM file (RFC 7468) that cannot be used: no block of the wanted kind, bad Base64, a DER body
 * that does not parse, or an encrypted key. The message names the source and the problem.
 *
 * @since chapter04
 */
public final class PemException extends IOException {
    private static final long serialVersionUID = 1L;

    PemException(String message) {
        super(message);
    }

    PemException(String message, Throwable cause) {
        super(message, cause);
    }
}
