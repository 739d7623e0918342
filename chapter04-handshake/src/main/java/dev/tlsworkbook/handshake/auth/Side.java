package dev.tlsworkbook.handshake.auth;

import java.nio.charset.StandardCharsets;

/**
 * Which endpoint made a CertificateVerify signature; each side signs under its own context string
 * so a server signature can never be replayed as a client one (RFC 8446 §4.4.3).
 *
 * @since chapter04
 */
public enum Side {
    /** The server's CertificateVerify. */
    SERVER("TLS 1.3, server CertificateVerify"),
    /** The client's CertificateVerify (client authentication, RFC 8446 §4.3.2). */
    CLIENT("TLS 1.3, client CertificateVerify");

    private final String contextString;

    Side(String contextString) {
        this.contextString = contextString;
    }

    /** RFC 8446 §4.4.3: "TLS 1.3, server CertificateVerify" or "TLS 1.3, client CertificateVerify". */
    public String contextString() {
        return contextString;
    }

    /** "server" or "client", for messages. */
    String label() {
        return this == SERVER ? "server" : "client";
    }

    byte[] contextBytes() {
        return contextString.getBytes(StandardCharsets.US_ASCII);
    }
}
