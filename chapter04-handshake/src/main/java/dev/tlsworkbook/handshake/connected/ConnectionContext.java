package dev.tlsworkbook.handshake.connected;

import dev.tlsworkbook.config.TlsConfig;
import dev.tlsworkbook.keyschedule.Transcript;
import java.util.Objects;

/**
 * What the CONNECTED state keeps from the handshake for post-handshake authentication (RFC 8446
 * §4.6.2): the configuration (trust policy, our certificates), the transcript through the
 * client's Finished (the start of every post-handshake Handshake Context, §4.4) and whether the
 * client offered post_handshake_auth.
 *
 * @since chapter04
 */
public record ConnectionContext(TlsConfig config, Transcript throughClientFinished, boolean postHandshakeAuth) {

    public ConnectionContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(throughClientFinished, "throughClientFinished");
    }
}
