package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code application_layer_protocol_negotiation} (RFC 7301 §3.1):
 *
 * <pre>
 * opaque ProtocolName&lt;1..2^8-1&gt;;
 *
 * struct {
 *     ProtocolName protocol_name_list&lt;2..2^16-1&gt;
 * } ProtocolNameList;
 * </pre>
 *
 * The client lists its protocols in preference order; the server's answer (EncryptedExtensions in
 * TLS 1.3) "MUST contain exactly one" name. Names stay bytes (they need not be text; GREASE
 * names are two bytes, RFC 8701 §2).
 *
 * @since chapter04
 */
public record ApplicationLayerProtocolNegotiation(List<Opaque> protocolNameList) implements Extension {

    public ApplicationLayerProtocolNegotiation {
        protocolNameList = List.copyOf(protocolNameList);
    }

    /** Names as ASCII strings, e.g. {@code of("h2", "http/1.1")}. */
    public static ApplicationLayerProtocolNegotiation of(String... names) {
        return new ApplicationLayerProtocolNegotiation(Arrays.stream(names)
                .map(n -> Opaque.of(n.getBytes(StandardCharsets.US_ASCII))).toList());
    }

    /** The names read as Latin-1 text (every byte value maps to one character). */
    public List<String> protocolNames() {
        return protocolNameList.stream().map(n -> new String(n.bytes(), StandardCharsets.ISO_8859_1)).toList();
    }

    static ApplicationLayerProtocolNegotiation decode(WireReader data, ExtensionContext context) {
        WireReader list = data.sub16(2, 0xffff);
        data.expectEnd();
        List<Opaque> names = new ArrayList<>();
        while (list.hasRemaining()) {
            names.add(list.opaque8(1, 255));
        }
        if (context != ExtensionContext.CLIENT_HELLO && names.size() != 1) {
            throw new DecodeException(DecodeException.Reason.ILLEGAL_VALUE,
                    "RFC 7301 §3.1: the server's ProtocolNameList MUST contain exactly one ProtocolName, got " + names.size());
        }
        return new ApplicationLayerProtocolNegotiation(names);
    }

    @Override
    public int extensionType() {
        return ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.prefixed16(list -> protocolNameList.forEach(list::opaque8));
    }

    @Override
    public String toString() {
        return "application_layer_protocol_negotiation{protocol_name_list="
                + protocolNames().stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ", "[", "]")) + "}";
    }
}
