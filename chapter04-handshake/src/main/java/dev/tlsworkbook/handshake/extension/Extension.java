package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.wire.WireWriter;
import java.util.Optional;

/**
 * One decoded extension (RFC 8446 §4.2):
 *
 * <pre>
 * struct {
 *     ExtensionType extension_type;
 *     opaque extension_data&lt;0..2^16-1&gt;;
 * } Extension;
 * </pre>
 *
 * Each implementation is the {@code extension_data} of one code point in one set of messages;
 * {@link ExtensionBlock#decode} picks it from the type and the {@link ExtensionContext}.
 *
 * @since chapter04
 */
public sealed interface Extension
        permits ServerName, SupportedGroups, SignatureAlgorithms, SignatureAlgorithmsCert,
                KeyShareClientHello, KeyShareHelloRetryRequest, KeyShareServerHello,
                SupportedVersionsClientHello, SupportedVersionsServerHello, PskKeyExchangeModes,
                PreSharedKeyClientHello, PreSharedKeyServerHello, EarlyData, MaxEarlyDataSize, Cookie,
                ApplicationLayerProtocolNegotiation, Padding, PostHandshakeAuth, CertificateAuthorities, RecordSizeLimit,
                UnknownExtension {

    /** The raw {@code extension_type} code. */
    int extensionType();

    /** Writes {@code extension_data} (without its length; {@link ExtensionBlock} adds it). */
    void encode(WireWriter out);

    /** The registry entry for {@link #extensionType()}, if there is one. */
    default Optional<ExtensionType> knownType() {
        return ExtensionType.fromCode(extensionType());
    }
}
