package dev.tlsworkbook.engine;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.ClientHello;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The extension layout of an RFC 8448 ClientHello (its client is NSS), for {@link
 * TlsConfig.Builder#clientHelloLayout}: the trace's order, with the extensions our client made
 * wherever the trace has that type, and the trace's own bytes for exactly the four NSS sends
 * that ours cannot:
 * <ul>
 *   <li>renegotiation_info (RFC 5746), which a TLS 1.3-only client has no use for;</li>
 *   <li>supported_groups, which lists secp521r1 and the ffdhe groups we do not compute;</li>
 *   <li>signature_algorithms, which lists DSA and SHA-1 schemes we do not name;</li>
 *   <li>padding (RFC 7685) to 512 bytes, which we do not send.</li>
 * </ul>
 * Ours that the trace lacks (signature_algorithms_cert, post_handshake_auth) are left out;
 * pre_shared_key is appended and bound by our client after the layout. What our client made is
 * kept in {@link #ours()} for the test to look at.
 */
final class NssClientHelloLayout implements UnaryOperator<List<Extension>> {
    /** The extension types whose bytes come from the trace. */
    static final Set<Integer> FROM_TRACE = Set.of(ExtensionType.RENEGOTIATION_INFO.code(),
            ExtensionType.SUPPORTED_GROUPS.code(), ExtensionType.SIGNATURE_ALGORITHMS.code(), ExtensionType.PADDING.code());

    private final List<Extension> trace;
    private final Map<Integer, Extension> ours = new LinkedHashMap<>();

    NssClientHelloLayout(ClientHello trace) {
        this.trace = trace.extensions().extensions();
    }

    @Override
    public List<Extension> apply(List<Extension> built) {
        built.forEach(e -> ours.put(e.extensionType(), e));
        List<Extension> laidOut = new ArrayList<>();
        for (Extension theirs : trace) {
            int type = theirs.extensionType();
            if (type != ExtensionType.PRE_SHARED_KEY.code()) {
                laidOut.add(FROM_TRACE.contains(type) ? theirs
                        : Optional.ofNullable(ours.get(type)).orElseThrow(() -> new AssertionError("our client sent no " + type)));
            }
        }
        return laidOut;
    }

    /** The extensions our client made, by type, from the last layout. */
    Map<Integer, Extension> ours() {
        return ours;
    }
}
