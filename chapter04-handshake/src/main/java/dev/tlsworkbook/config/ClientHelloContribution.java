package dev.tlsworkbook.config;

import dev.tlsworkbook.handshake.extension.Extension;
import java.util.List;

/**
 * What a version adds to the client's single ClientHello beside TLS 1.3's fields: extra cipher
 * suite codes (signalling values such as RFC 5746's TLS_EMPTY_RENEGOTIATION_INFO_SCSV) and
 * extensions (RFC 7627's extended_master_secret, RFC 8422's ec_point_formats, ...).
 *
 * @since chapter04
 */
public record ClientHelloContribution(List<Integer> cipherSuiteCodes, List<Extension> extensions) {
    /** Adds nothing. */
    public static final ClientHelloContribution NONE = new ClientHelloContribution(List.of(), List.of());

    public ClientHelloContribution {
        cipherSuiteCodes = List.copyOf(cipherSuiteCodes);
        extensions = List.copyOf(extensions);
    }
}
