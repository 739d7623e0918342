package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.auth.SignatureScheme;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * The ECDHE ServerKeyExchange (RFC 8422 §5.4, with RFC 5246 §7.4.3's signature): the server's
 * ephemeral public value on a named curve, signed together with both randoms.
 *
 * <pre>
 * struct {
 *     ECCurveType curve_type;      // named_curve (3)
 *     NamedCurve  namedcurve;
 *     opaque      point &lt;1..2^8-1&gt;;
 * } ServerECDHParams;
 * struct {
 *     ServerECDHParams params;
 *     digitally-signed struct { opaque client_random[32]; opaque server_random[32];
 *                               ServerECDHParams params; } signed_params;
 * } ServerKeyExchange;
 * </pre>
 *
 * The signature is {@code SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>}
 * (RFC 5246 §4.7); its algorithm is a TLS 1.3 {@code SignatureScheme} code.
 *
 * @since chapter05
 */
public record ServerKeyExchange(int namedCurve, Opaque point, int signatureScheme, Opaque signature)
        implements HandshakeMessage {
    /** RFC 8422 §5.4: ECCurveType named_curve. */
    public static final int NAMED_CURVE = 3;

    public ServerKeyExchange {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(signature, "signature");
    }

    public static ServerKeyExchange decode(WireReader in) {
        int curveType = in.u8();
        if (curveType != NAMED_CURVE) {
            // RFC 8422 §5.4: explicit curves are deprecated; only named_curve is defined now.
            throw new DecodeException(DecodeException.Reason.ILLEGAL_VALUE,
                    "RFC 8422 §5.4: ECCurveType " + curveType + ", only named_curve (3) is allowed");
        }
        int curve = in.u16();
        Opaque point = in.opaque8(1, 255);
        int scheme = in.u16();
        Opaque signature = in.opaque16(0, 0xffff);
        in.expectEnd();
        return new ServerKeyExchange(curve, point, scheme, signature);
    }

    /** The ServerECDHParams bytes: what is signed after the two randoms. */
    public Opaque params() {
        return params(namedCurve, point);
    }

    /** ServerECDHParams for {@code curve} and {@code point}. */
    public static Opaque params(int curve, Opaque point) {
        WireWriter out = new WireWriter(4 + point.length());
        out.u8(NAMED_CURVE).u16(curve).opaque8(point);
        return out.toOpaque();
    }

    /** RFC 5246 §7.4.3: client_random + server_random + ServerECDHParams, the signed content. */
    public static Opaque signedContent(Opaque clientRandom, Opaque serverRandom, Opaque params) {
        return clientRandom.concat(serverRandom).concat(params);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    @Override
    public void encode(WireWriter out) {
        out.bytes(params()).u16(signatureScheme).opaque16(signature);
    }

    @Override
    public String traceFields() {
        return "curve=" + NamedGroup.fromCode(namedCurve).map(NamedGroup::ianaName).orElse(String.format("0x%04x", namedCurve))
                + " scheme=" + SignatureScheme.fromCode(signatureScheme).map(s -> s.name().toLowerCase(java.util.Locale.ROOT))
                        .orElse(String.format("0x%04x", signatureScheme))
                + " signature=" + signature.length() + "B";
    }
}
