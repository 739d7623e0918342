package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.Fields;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * A ServerHello asking the client to try again (RFC 8446 §4.1.4): same structure as
 * {@link ServerHello}, but its {@code random} is the fixed value of RFC 8446 §4.1.3, SHA-256 of
 * "HelloRetryRequest". That field is therefore not a component here.
 *
 * <pre>
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;
 *     Random random = CF 21 AD 74 E5 9A 61 11 BE 1D 8C 02 1E 65 B8 91
 *                     C2 A2 11 16 7A BB 8C 5E 07 9E 09 E2 C8 A8 33 9C;
 *     opaque legacy_session_id_echo&lt;0..32&gt;;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method = 0;
 *     Extension extensions&lt;6..2^16-1&gt;;
 * } ServerHello;   // as a HelloRetryRequest
 * </pre>
 *
 * @since chapter04
 */
public record HelloRetryRequest(int legacyVersion, Opaque legacySessionIdEcho, int cipherSuite,
                                int legacyCompressionMethod, ExtensionBlock extensions) implements ServerHelloMessage {
    /** RFC 8446 §4.1.3: the special ServerHello.random that marks a HelloRetryRequest. */
    public static final Opaque RANDOM = Opaque.fromHex(
            "CF 21 AD 74 E5 9A 61 11 BE 1D 8C 02 1E 65 B8 91 C2 A2 11 16 7A BB 8C 5E 07 9E 09 E2 C8 A8 33 9C");

    public HelloRetryRequest {
        Objects.requireNonNull(legacySessionIdEcho, "legacySessionIdEcho");
        Fields.check(legacySessionIdEcho.length() <= 32, "legacy_session_id_echo is at most 32 bytes");
        Fields.check(extensions.context() == ExtensionContext.HELLO_RETRY_REQUEST, "extensions must be an HRR block");
    }

    /** Always {@link #RANDOM}. */
    public Opaque random() {
        return RANDOM;
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void encode(WireWriter out) {
        out.u16(legacyVersion).bytes(RANDOM).opaque8(legacySessionIdEcho).u16(cipherSuite).u8(legacyCompressionMethod);
        out.prefixed16(extensions::encode);
    }

    /** The selected suite, if this stack knows it. */
    public Optional<CipherSuite> knownCipherSuite() {
        return CipherSuite.fromCode(cipherSuite);
    }

    @Override
    public String toString() {
        return "HelloRetryRequest{legacy_version=" + Fields.hex16(legacyVersion)
                + ", legacy_session_id_echo=" + legacySessionIdEcho + ", cipher_suite="
                + knownCipherSuite().map(CipherSuite::toString).orElse(Fields.hex16(cipherSuite))
                + ", legacy_compression_method=" + legacyCompressionMethod + ", extensions=" + extensions + "}";
    }
}
