package dev.tlsworkbook.config;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.record.ProtocolVersion;
import java.util.Optional;

/**
 * One protocol version a {@link TlsConfig} enables, registered explicitly with
 * {@link TlsConfig.Builder#versions(VersionSupport...)}, never found on the class path: enabling
 * an older protocol is a decision the configuration shows (RFC 8446 §4.1.3's downgrade rules
 * depend on it).
 *
 * <p>TLS 1.3 ({@link Tls13#support()}) is built in: chapter04's own states handle it. Every other
 * version is a {@link VersionHandoff}, which chapter04's first states call when the peer chose that
 * version.
 *
 * @since chapter04
 */
public interface VersionSupport {

    /** The version this entry enables. */
    ProtocolVersion version();

    /** True if {@code suite} belongs to this version (a configured suite must belong to an enabled version). */
    boolean supportsSuite(CipherSuite suite);

    /** Client: what this version adds to the one ClientHello that offers every enabled version. */
    default ClientHelloContribution contribution(TlsConfig config) {
        return ClientHelloContribution.NONE;
    }

    /**
     * Client: the contribution for a connection whose sessions are filed under {@code cacheKey}
     * in the session cache (server name and port, see
     * {@link dev.tlsworkbook.handshake.resumption.SessionCache#key}), so a version may offer one it
     * holds for exactly that server; by default {@link #contribution(TlsConfig)}.
     */
    default ClientHelloContribution contribution(TlsConfig config, Optional<String> cacheKey) {
        return contribution(config);
    }
}
