package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;

/**
 * The renegotiation_info extension body (RFC 5746 §3.2):
 *
 * <pre>
 * struct {
 *     opaque renegotiated_connection&lt;0..255&gt;;
 * } RenegotiationInfo;
 * </pre>
 *
 * We never renegotiate, so ours is always empty; a server answering a first handshake sends it
 * empty too (RFC 5746 §3.6).
 *
 * @since chapter05
 */
public record RenegotiationInfo(Opaque renegotiatedConnection) {
    /** The body of an initial handshake: an empty renegotiated_connection. */
    public static final RenegotiationInfo INITIAL = new RenegotiationInfo(Opaque.EMPTY);

    /** RFC 5746 §3.3: "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", a cipher suite value that stands for the empty extension. */
    public static final int EMPTY_RENEGOTIATION_INFO_SCSV = dev.tlsworkbook.crypto.CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV.code();

    public static RenegotiationInfo decode(Opaque data) {
        WireReader in = WireReader.of(data);
        Opaque connection = in.opaque8(0, 255);
        in.expectEnd();
        return new RenegotiationInfo(connection);
    }

    public Tls12Extension toExtension() {
        WireWriter out = new WireWriter(1 + renegotiatedConnection.length());
        out.opaque8(renegotiatedConnection);
        return Tls12Extension.of(ExtensionType.RENEGOTIATION_INFO, out.toOpaque());
    }
}
