package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.Fields;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;

/**
 * The server's answers that need no key exchange, sent under the handshake keys
 * (RFC 8446 §4.3.1):
 *
 * <pre>
 * struct {
 *     Extension extensions&lt;0..2^16-1&gt;;
 * } EncryptedExtensions;
 * </pre>
 *
 * @since chapter04
 */
public record EncryptedExtensions(ExtensionBlock extensions) implements Tls13Message {

    public EncryptedExtensions {
        Fields.check(extensions.context() == ExtensionContext.ENCRYPTED_EXTENSIONS, "extensions must be an EE block");
    }

    public static EncryptedExtensions decode(WireReader in) {
        ExtensionBlock extensions = ExtensionBlock.decode(in.sub16(0, 0xffff), ExtensionContext.ENCRYPTED_EXTENSIONS);
        in.expectEnd();
        return new EncryptedExtensions(extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }

    @Override
    public void encode(WireWriter out) {
        out.prefixed16(extensions::encode);
    }

    @Override
    public String toString() {
        return "EncryptedExtensions{extensions=" + extensions + "}";
    }
}
