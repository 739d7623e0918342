package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code supported_groups} (RFC 8446 §4.2.7):
 *
 * <pre>
 * struct {
 *     NamedGroup named_group_list&lt;2..2^16-1&gt;;
 * } NamedGroupList;
 * </pre>
 *
 * The list stays raw codes: unknown and GREASE groups (RFC 8701) are ignored, never rejected.
 *
 * @since chapter04
 */
public record SupportedGroups(List<Integer> namedGroupList) implements Extension {

    public SupportedGroups {
        namedGroupList = List.copyOf(namedGroupList);
    }

    /** Our own offer, in preference order. */
    public static SupportedGroups of(NamedGroup... groups) {
        return new SupportedGroups(Arrays.stream(groups).map(NamedGroup::code).toList());
    }

    /** The groups this stack knows, in the peer's order; unknown and GREASE codes dropped. */
    public List<NamedGroup> knownGroups() {
        return namedGroupList.stream().map(NamedGroup::fromCode).flatMap(Optional::stream).toList();
    }

    static SupportedGroups decode(WireReader data) {
        List<Integer> groups = Fields.u16List(data.sub16(2, 0xffff));
        data.expectEnd();
        return new SupportedGroups(groups);
    }

    @Override
    public int extensionType() {
        return ExtensionType.SUPPORTED_GROUPS.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.prefixed16(list -> Fields.writeU16List(list, namedGroupList));
    }

    @Override
    public String toString() {
        return "supported_groups{named_group_list=" + Fields.hex16(namedGroupList) + "}";
    }
}
