package dev.tlsworkbook.config;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.resumption.CachedSession;
import java.util.List;
import java.util.Optional;

/**
 * The ClientHello a client sent, as a {@link VersionHandoff} needs it when the server chose its
 * version: the message, its exact bytes (the start of the transcript) and the name the server's
 * certificate is checked against.
 *
 * @param reference the host name (or IP literal) the certificate must match; empty for no check
 * @param cacheKey where sessions from this server are filed in the session cache (server name and
 *     port); empty without a server name
 * @param offeredSessions the sessions the versions' contributions offered to resume
 * @since chapter04
 */
public record SentClientHello(ClientHello hello, Opaque wireBytes, Optional<String> reference, Optional<String> cacheKey,
        List<CachedSession> offeredSessions) {

    public SentClientHello {
        java.util.Objects.requireNonNull(cacheKey, "cacheKey");
        offeredSessions = List.copyOf(offeredSessions);
    }

    /** A ClientHello that offered no session and files none. */
    public SentClientHello(ClientHello hello, Opaque wireBytes, Optional<String> reference) {
        this(hello, wireBytes, reference, Optional.empty(), List.of());
    }

    /** The offered session of {@code kind}, if any. */
    public <T extends CachedSession> Optional<T> offered(Class<T> kind) {
        return offeredSessions.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }
}
