package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.Fields;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Objects;

/**
 * The synthetic message that stands for ClientHello1 in the transcript after a
 * HelloRetryRequest (RFC 8446 §4.4.1):
 *
 * <pre>
 * Transcript-Hash(ClientHello1, HelloRetryRequest, ... Mn) =
 *     Hash(message_hash ||        // Handshake type
 *          00 00 Hash.length  ||  // Handshake message length (bytes)
 *          Hash(ClientHello1) ||  // Hash of ClientHello1
 *          HelloRetryRequest  || ... || Mn)
 * </pre>
 *
 * It never crosses the wire; {@code frame().wireBytes()} are the bytes to hash.
 *
 * @since chapter04
 */
public record MessageHash(Opaque hashOfClientHello1) implements Tls13Message {

    public MessageHash {
        Objects.requireNonNull(hashOfClientHello1, "hashOfClientHello1");
        Fields.check(!hashOfClientHello1.isEmpty(), "a hash is never empty");
    }

    /** Reads a body (used by tests and traces; a peer never sends this message). */
    public static MessageHash decode(WireReader in) {
        Opaque hash = in.rest();
        if (hash.isEmpty()) {
            throw new DecodeException(DecodeException.Reason.TRUNCATED,
                    "message_hash needs Hash.length bytes, 0 left");
        }
        return new MessageHash(hash);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.MESSAGE_HASH;
    }

    @Override
    public void encode(WireWriter out) {
        out.bytes(hashOfClientHello1);
    }

    @Override
    public String toString() {
        return "message_hash{Hash(ClientHello1)=" + hashOfClientHello1 + "}";
    }
}
