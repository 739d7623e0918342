package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code server_name} (RFC 6066 §3). In a ClientHello:
 *
 * <pre>
 * struct {
 *     ServerName server_name_list&lt;1..2^16-1&gt;
 * } ServerNameList;
 * </pre>
 *
 * In EncryptedExtensions the server acknowledges the name with an empty {@code extension_data},
 * modelled as an empty list.
 *
 * @since chapter04
 */
public record ServerName(List<ServerNameEntry> serverNameList) implements Extension {

    public ServerName {
        serverNameList = List.copyOf(serverNameList);
    }

    /** A ClientHello offer of one host name. */
    public static ServerName of(String hostName) {
        return new ServerName(List.of(ServerNameEntry.hostName(hostName)));
    }

    /** The server's acknowledgement (empty extension_data). */
    public static ServerName acknowledgement() {
        return new ServerName(List.of());
    }

    /** The first {@code host_name} entry, as ASCII. */
    public Optional<String> hostName() {
        return serverNameList.stream().filter(e -> e.nameType() == ServerNameEntry.HOST_NAME)
                .findFirst().map(e -> new String(e.name().bytes(), StandardCharsets.ISO_8859_1));
    }

    /**
     * RFC 6066 §3: "HostName contains the fully qualified DNS hostname of the server, as understood
     * by the client. The hostname is represented as a byte string using ASCII encoding without a
     * trailing dot. ... Literal IPv4 and IPv6 addresses are not permitted in "HostName"." Checked as
     * letters, digits, hyphens (and the underscores real deployments use) in dot-separated labels of
     * 1 to 63 bytes, at most 253 bytes in all, not all-numeric in its last label (so never an IPv4
     * literal) and without a colon (so never an IPv6 literal). Nothing here resolves the name.
     */
    public static boolean isValidHostName(String name) {
        if (name.isEmpty() || name.length() > 253 || name.endsWith(".")) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) {
                    return false;
                }
            }
        }
        String last = labels[labels.length - 1];
        return !last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    static ServerName decode(WireReader data, ExtensionContext context) {
        if (context != ExtensionContext.CLIENT_HELLO) {
            // RFC 6066 §3: the server's "extension_data" field of this extension SHALL be empty
            data.expectEnd();
            return acknowledgement();
        }
        WireReader list = data.sub16(1, 0xffff);
        data.expectEnd();
        Set<Integer> types = new HashSet<>();
        List<ServerNameEntry> entries = new java.util.ArrayList<>();
        while (list.hasRemaining()) {
            ServerNameEntry entry = ServerNameEntry.decode(list);
            if (!types.add(entry.nameType())) {
                throw new DecodeException(DecodeException.Reason.ILLEGAL_VALUE,
                        "RFC 6066 §3: more than one name of name_type " + entry.nameType());
            }
            entries.add(entry);
        }
        return new ServerName(entries);
    }

    @Override
    public int extensionType() {
        return ExtensionType.SERVER_NAME.code();
    }

    @Override
    public void encode(WireWriter out) {
        if (!serverNameList.isEmpty()) {
            out.prefixed16(list -> serverNameList.forEach(e -> e.encode(list)));
        }
    }

    @Override
    public String toString() {
        return "server_name{server_name_list=" + serverNameList + "}";
    }
}
