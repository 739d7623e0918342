package dev.tlsworkbook.tls12.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.message.HandshakeMessage;
import dev.tlsworkbook.handshake.message.HandshakeType;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.List;
import java.util.Objects;

/**
 * The TLS 1.2 ServerHello (RFC 5246 §7.4.1.3), its own record because its fields and extensions
 * mean what TLS 1.2 says (GUIDE §3):
 *
 * <pre>
 * struct {
 *     ProtocolVersion server_version;
 *     Random random;
 *     SessionID session_id;
 *     CipherSuite cipher_suite;
 *     CompressionMethod compression_method;
 *     select (extensions_present) {
 *         case false: struct {};
 *         case true:  Extension extensions&lt;0..2^16-1&gt;;
 *     };
 * } ServerHello;
 * </pre>
 *
 * @since chapter05
 */
public record Tls12ServerHello(int serverVersion, Opaque random, Opaque sessionId, int cipherSuite,
        int compressionMethod, List<Tls12Extension> extensions) implements HandshakeMessage {

    public Tls12ServerHello {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(sessionId, "sessionId");
        extensions = List.copyOf(extensions);
    }

    public static Tls12ServerHello decode(WireReader in) {
        int version = in.u16();
        Opaque random = in.fixed(32);
        Opaque sessionId = in.opaque8(0, 32);
        int suite = in.u16();
        int compression = in.u8();
        // RFC 5246 §7.4.1.3: the extensions block may be absent altogether.
        List<Tls12Extension> extensions = in.hasRemaining() ? Tls12Extension.decodeList(in) : List.of();
        in.expectEnd();
        return new Tls12ServerHello(version, random, sessionId, suite, compression, extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void encode(WireWriter out) {
        out.u16(serverVersion).bytes(random).opaque8(sessionId).u16(cipherSuite).u8(compressionMethod);
        Tls12Extension.encodeList(extensions, out);
    }

    @Override
    public String traceFields() {
        return "version=TLSv1.2 suite=" + dev.tlsworkbook.crypto.CipherSuite.fromCode(cipherSuite).map(Enum::name)
                .orElse(String.format("0x%04x", cipherSuite)) + " extensions=" + Tls12Extension.names(extensions);
    }
}
