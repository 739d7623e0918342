package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One entry of a {@link ServerName} list (RFC 6066 §3):
 *
 * <pre>
 * struct {
 *     NameType name_type;
 *     select (name_type) {
 *         case host_name: HostName;
 *     } name;
 * } ServerName;
 *
 * enum { host_name(0), (255) } NameType;
 * opaque HostName&lt;1..2^16-1&gt;;
 * </pre>
 *
 * Every name type is read as {@code opaque<1..2^16-1>}, as the only one defined is.
 *
 * @since chapter04
 */
public record ServerNameEntry(int nameType, Opaque name) {
    /** RFC 6066 §3: {@code host_name(0)}. */
    public static final int HOST_NAME = 0;

    public ServerNameEntry {
        if (nameType < 0 || nameType > 0xff) {
            throw new IllegalArgumentException("name_type out of range: " + nameType);
        }
        Objects.requireNonNull(name, "name");
    }

    /** A {@code host_name} entry: RFC 6066 §3 says ASCII, no trailing dot. */
    public static ServerNameEntry hostName(String hostName) {
        return new ServerNameEntry(HOST_NAME, Opaque.of(hostName.getBytes(StandardCharsets.US_ASCII)));
    }

    static ServerNameEntry decode(WireReader in) {
        int type = in.u8();
        return new ServerNameEntry(type, in.opaque16(1, 0xffff));
    }

    void encode(WireWriter out) {
        out.u8(nameType).opaque16(name);
    }

    @Override
    public String toString() {
        return nameType == HOST_NAME
                ? "host_name(\"" + new String(name.bytes(), StandardCharsets.ISO_8859_1) + "\")"
                : "name_type(" + nameType + "){" + name + "}";
    }
}
