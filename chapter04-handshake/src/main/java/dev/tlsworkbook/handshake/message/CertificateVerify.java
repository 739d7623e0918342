package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.Fields;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * Proof that the sender holds the certificate's private key: a signature over the transcript
 * hash (RFC 8446 §4.4.3):
 *
 * <pre>
 * struct {
 *     SignatureScheme algorithm;
 *     opaque signature&lt;0..2^16-1&gt;;
 * } CertificateVerify;
 * </pre>
 *
 * {@code algorithm} stays a raw code; the receiver checks it offered it (RFC 8446 §4.4.3).
 *
 * <p>TLS 1.2's CertificateVerify (RFC 5246 §7.4.8) has the same layout, a {@code digitally-signed}
 * element (§4.7: {@code SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>}), so
 * chapter 5 sends and decodes it with this record; only what is signed differs (the handshake
 * messages themselves, not the padded transcript hash).
 *
 * @since chapter04
 */
public record CertificateVerify(int algorithm, Opaque signature) implements Tls13Message {

    public CertificateVerify {
        Fields.check(algorithm >= 0 && algorithm <= 0xffff, "algorithm out of range: " + algorithm);
        Objects.requireNonNull(signature, "signature");
    }

    public static CertificateVerify decode(WireReader in) {
        int algorithm = in.u16();
        Opaque signature = in.opaque16(0, 0xffff);
        in.expectEnd();
        return new CertificateVerify(algorithm, signature);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    @Override
    public void encode(WireWriter out) {
        out.u16(algorithm).opaque16(signature);
    }

    @Override
    public String toString() {
        return "CertificateVerify{algorithm=" + Fields.hex16(algorithm) + ", signature=" + signature + "}";
    }
}
