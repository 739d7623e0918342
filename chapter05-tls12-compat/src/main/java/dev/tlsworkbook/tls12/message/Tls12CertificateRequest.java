package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS 1.2 CertificateRequest (RFC 5246 §7.4.4), unlike TLS 1.3's a fixed struct:
 *
 * <pre>
 * struct {
 *     ClientCertificateType certificate_types&lt;1..2^8-1&gt;;
 *     SignatureAndHashAlgorithm supported_signature_algorithms&lt;2^16-1&gt;;
 *     DistinguishedName certificate_authorities&lt;0..2^16-1&gt;;
 * } CertificateRequest;
 * </pre>
 *
 * @since chapter05
 */
public record Tls12CertificateRequest(List<Integer> certificateTypes, List<Integer> supportedSignatureAlgorithms,
        List<Opaque> certificateAuthorities) implements HandshakeMessage {

    public Tls12CertificateRequest {
        certificateTypes = List.copyOf(certificateTypes);
        supportedSignatureAlgorithms = List.copyOf(supportedSignatureAlgorithms);
        certificateAuthorities = List.copyOf(certificateAuthorities);
    }

    public static Tls12CertificateRequest decode(WireReader in) {
        WireReader types = in.sub8(1, 255);
        List<Integer> certificateTypes = new ArrayList<>();
        while (types.hasRemaining()) {
            certificateTypes.add(types.u8());
        }
        WireReader schemes = in.sub16(2, 0xfffe);
        List<Integer> algorithms = new ArrayList<>();
        while (schemes.hasRemaining()) {
            algorithms.add(schemes.u16());
        }
        WireReader names = in.sub16(0, 0xffff);
        List<Opaque> authorities = new ArrayList<>();
        while (names.hasRemaining()) {
            authorities.add(names.opaque16(1, 0xffff));
        }
        in.expectEnd();
        return new Tls12CertificateRequest(certificateTypes, algorithms, authorities);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encode(WireWriter out) {
        out.prefixed8(w -> certificateTypes.forEach(w::u8));
        out.prefixed16(w -> supportedSignatureAlgorithms.forEach(w::u16));
        out.prefixed16(w -> certificateAuthorities.forEach(w::opaque16));
    }

    @Override
    public String traceFields() {
        return "types=" + certificateTypes + " schemes=" + supportedSignatureAlgorithms.size()
                + " authorities=" + certificateAuthorities.size();
    }
}
