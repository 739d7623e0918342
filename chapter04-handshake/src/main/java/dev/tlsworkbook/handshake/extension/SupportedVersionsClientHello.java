package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code supported_versions} in a ClientHello (RFC 8446 §4.2.1):
 *
 * <pre>
 * struct {
 *     ProtocolVersion versions&lt;2..254&gt;;
 * } SupportedVersions;   // case client_hello
 * </pre>
 *
 * Raw codes: GREASE versions (RFC 8701) are ignored.
 *
 * @since chapter04
 */
public record SupportedVersionsClientHello(List<Integer> versions) implements Extension {

    public SupportedVersionsClientHello {
        versions = List.copyOf(versions);
    }

    public static SupportedVersionsClientHello of(ProtocolVersion... versions) {
        return new SupportedVersionsClientHello(Arrays.stream(versions).map(ProtocolVersion::code).toList());
    }

    /** The versions this stack can name, in the client's order. */
    public List<ProtocolVersion> knownVersions() {
        return versions.stream().map(ProtocolVersion::fromCode).flatMap(Optional::stream).toList();
    }

    static SupportedVersionsClientHello decode(WireReader data) {
        List<Integer> versions = Fields.u16List(data.sub8(2, 254));
        data.expectEnd();
        return new SupportedVersionsClientHello(versions);
    }

    @Override
    public int extensionType() {
        return ExtensionType.SUPPORTED_VERSIONS.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.prefixed8(list -> Fields.writeU16List(list, versions));
    }

    @Override
    public String toString() {
        return "supported_versions{versions=" + Fields.hex16(versions) + "}";
    }
}
