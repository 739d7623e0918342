package dev.tlsworkbook.config;

import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.record.ProtocolVersion;

/**
 * TLS 1.3 (RFC 8446) as a registered version: the default of every {@link TlsConfig}, handled by
 * chapter04's states themselves.
 *
 * @since chapter04
 */
public final class Tls13 {
    private static final VersionSupport SUPPORT = new VersionSupport() {
        @Override
        public ProtocolVersion version() {
            return ProtocolVersion.TLS1_3;
        }

        @Override
        public boolean supportsSuite(CipherSuite suite) {
            return suite.isTls13() && suite.isImplemented();
        }

        @Override
        public String toString() {
            return "TLS 1.3";
        }
    };

    private Tls13() {
    }

    /** The TLS 1.3 entry for {@link TlsConfig.Builder#versions(VersionSupport...)}. */
    public static VersionSupport support() {
        return SUPPORT;
    }
}
