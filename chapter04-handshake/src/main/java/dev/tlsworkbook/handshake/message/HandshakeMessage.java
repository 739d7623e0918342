package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.wire.WireWriter;

/**
 * A handshake message body (RFC 8446 §4):
 *
 * <pre>
 * struct {
 *     HandshakeType msg_type;    // handshake type
 *     uint24 length;             // remaining bytes in message
 *     select (Handshake.msg_type) { ... };
 * } Handshake;
 * </pre>
 *
 * Open on purpose: chapter05 adds the TLS 1.2 messages. The TLS 1.3 ones form the sealed
 * {@link Tls13Message} family. What we <em>send</em> is encoded with {@link #frame()}; what we
 * <em>receive</em> arrives as a {@link HandshakeFrame} whose exact bytes feed the transcript.
 *
 * @since chapter04
 */
public interface HandshakeMessage {

    /** The {@code msg_type}. */
    HandshakeType type();

    /** Writes the body (the {@code select} arm), without the four-byte header. */
    void encode(WireWriter out);

    /**
     * The fields the annotated trace prints for a message it has no formatter of its own for
     * (chapter05's TLS 1.2 messages), e.g. {@code curve=x25519 scheme=ecdsa_secp256r1_sha256}.
     */
    default String traceFields() {
        return "";
    }

    /** The whole {@code Handshake} struct: type, uint24 length, body. */
    default HandshakeFrame frame() {
        WireWriter out = new WireWriter(256);
        out.u8(type().code()).prefixed24(this::encode);
        return HandshakeFrame.parse(out.toOpaque());
    }
}
