package dev.tlsworkbook.config;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.message.ClientHello;
import java.util.Optional;

/**
 * The ClientHello a client sent, as a {@link VersionHandoff} needs it when the server chose its
 * version: the message, its exact bytes (the start of the transcript) and the name the server's
 * certificate is checked against.
 *
 * @param reference the host name (or IP literal) the certificate must match; empty for no check
 * @since chapter04
 */
public record SentClientHello(ClientHello hello, Opaque wireBytes, Optional<String> reference) {
}
