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
 * The server's answer that completes the key exchange (RFC 8446 §4.1.3):
 *
 * <pre>
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *     Random random;
 *     opaque legacy_session_id_echo&lt;0..32&gt;;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method = 0;
 *     Extension extensions&lt;6..2^16-1&gt;;
 * } ServerHello;
 * </pre>
 *
 * A {@code random} equal to {@link HelloRetryRequest#RANDOM} makes the message a
 * {@link HelloRetryRequest} instead, so this record refuses it.
 *
 * @since chapter04
 */
public record ServerHello(int legacyVersion, Opaque random, Opaque legacySessionIdEcho, int cipherSuite,
                          int legacyCompressionMethod, ExtensionBlock extensions) implements ServerHelloMessage {

    public ServerHello {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(legacySessionIdEcho, "legacySessionIdEcho");
        Fields.check(random.length() == 32, "random must be 32 bytes");
        Fields.check(!random.equals(HelloRetryRequest.RANDOM), "this random marks a HelloRetryRequest");
        Fields.check(legacySessionIdEcho.length() <= 32, "legacy_session_id_echo is at most 32 bytes");
        Fields.check(extensions.context() == ExtensionContext.SERVER_HELLO, "extensions must be an SH block");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void encode(WireWriter out) {
        out.u16(legacyVersion).bytes(random).opaque8(legacySessionIdEcho).u16(cipherSuite).u8(legacyCompressionMethod);
        out.prefixed16(extensions::encode);
    }

    /** The selected suite, if this stack knows it. */
    public Optional<CipherSuite> knownCipherSuite() {
        return CipherSuite.fromCode(cipherSuite);
    }

    @Override
    public String toString() {
        return "ServerHello{legacy_version=" + Fields.hex16(legacyVersion) + ", random=" + random
                + ", legacy_session_id_echo=" + legacySessionIdEcho + ", cipher_suite="
                + knownCipherSuite().map(CipherSuite::toString).orElse(Fields.hex16(cipherSuite))
                + ", legacy_compression_method=" + legacyCompressionMethod + ", extensions=" + extensions + "}";
    }
}
