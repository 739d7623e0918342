package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Optional;

/**
 * {@code supported_versions} in a ServerHello or HelloRetryRequest (RFC 8446 §4.2.1):
 *
 * <pre>
 * struct {
 *     ProtocolVersion selected_version;
 * } SupportedVersions;   // case server_hello, and HelloRetryRequest
 * </pre>
 *
 * @since chapter04
 */
public record SupportedVersionsServerHello(int selectedVersion) implements Extension {

    public SupportedVersionsServerHello {
        if (selectedVersion < 0 || selectedVersion > 0xffff) {
            throw new IllegalArgumentException("selected_version out of range: " + selectedVersion);
        }
    }

    public static SupportedVersionsServerHello of(ProtocolVersion version) {
        return new SupportedVersionsServerHello(version.code());
    }

    /** The selected version, if it is one this stack can name. */
    public Optional<ProtocolVersion> knownVersion() {
        return ProtocolVersion.fromCode(selectedVersion);
    }

    static SupportedVersionsServerHello decode(WireReader data) {
        int version = data.u16();
        data.expectEnd();
        return new SupportedVersionsServerHello(version);
    }

    @Override
    public int extensionType() {
        return ExtensionType.SUPPORTED_VERSIONS.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.u16(selectedVersion);
    }

    @Override
    public String toString() {
        return "supported_versions{selected_version="
                + knownVersion().map(ProtocolVersion::toString).orElse(Fields.hex16(selectedVersion)) + "}";
    }
}
