package dev.tlsworkbook.handshake.extension;

import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.List;

/**
 * {@code signature_algorithms} (RFC 8446 §4.2.3): the schemes accepted in CertificateVerify.
 *
 * <pre>
 * struct {
 *     SignatureScheme supported_signature_algorithms&lt;2..2^16-2&gt;;
 * } SignatureSchemeList;
 * </pre>
 *
 * Raw codes, so unknown and GREASE schemes are ignored; map them with the SignatureScheme
 * registry when choosing.
 *
 * @since chapter04
 */
public record SignatureAlgorithms(List<Integer> supportedSignatureAlgorithms) implements Extension {

    public SignatureAlgorithms {
        supportedSignatureAlgorithms = List.copyOf(supportedSignatureAlgorithms);
    }

    static SignatureAlgorithms decode(WireReader data) {
        List<Integer> schemes = Fields.u16List(data.sub16(2, 0xfffe));
        data.expectEnd();
        return new SignatureAlgorithms(schemes);
    }

    @Override
    public int extensionType() {
        return ExtensionType.SIGNATURE_ALGORITHMS.code();
    }

    @Override
    public void encode(WireWriter out) {
        out.prefixed16(list -> Fields.writeU16List(list, supportedSignatureAlgorithms));
    }

    @Override
    public String toString() {
        return "signature_algorithms{supported_signature_algorithms=" + Fields.hex16(supportedSignatureAlgorithms) + "}";
    }
}
