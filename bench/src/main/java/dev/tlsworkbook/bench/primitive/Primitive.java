package dev.tlsworkbook.bench.primitive;

/**
 * One cryptographic operation a TLS 1.3 handshake performs, in one implementation, ready to run
 * again and again on fixed inputs. Each call does the whole operation a handshake does once:
 * for a key exchange, generating an ephemeral key pair and combining it with the peer's share.
 *
 * @since bench
 */
public interface Primitive {

    /** Runs the operation once; the result is returned so JMH can sink it. */
    Object run() throws Exception;
}
