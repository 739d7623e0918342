package dev.tlsworkbook.handshake.server;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.crypto.NamedGroup;
import dev.tlsworkbook.handshake.extension.Cookie;
import dev.tlsworkbook.record.ProtocolVersion;
import dev.tlsworkbook.session.SealedState;
import dev.tlsworkbook.session.TicketSealer;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state a server keeps between its HelloRetryRequest and the second ClientHello, carried by
 * the client instead (RFC 8446 §4.2.2: the cookie lets "the server ... offload state to the
 * client"): Hash(ClientHello1) for the transcript's message_hash (§4.4.1), and what the second
 * ClientHello must agree with: its random and legacy_session_id (§4.1.2: sent "without
 * modification"), the suite and group selected, the server_name and the ALPN protocol chosen. Sealed
 * and authenticated with the ticket keys ({@link TicketSealer}), so the client can neither read nor
 * change it, and it is valid for {@link #VALIDITY} only.
 *
 * <pre>
 * struct {
 *     opaque client_hello1_hash&lt;32..64&gt;;
 *     opaque random[32];
 *     opaque legacy_session_id&lt;0..32&gt;;
 *     CipherSuite cipher_suite;
 *     NamedGroup selected_group;
 *     opaque server_name&lt;0..255&gt;;
 *     opaque alpn&lt;0..255&gt;;
 *     uint64 issued_millis;
 *     uint8 early_data_offered;   // by ClientHello1, so the summary can say it was rejected
 * } HelloRetryCookieState;   // sealed as SealedState(COOKIE, 0x0304, ..)
 * </pre>
 *
 * @since chapter04
 */
record HelloRetryCookie(Opaque clientHello1Hash, Opaque random, Opaque legacySessionId, CipherSuite suite,
        NamedGroup group, Optional<String> serverName, Optional<String> applicationProtocol, Instant issued,
        boolean earlyDataOffered) {
    /** How long a cookie is accepted: a client answers a HelloRetryRequest at once. */
    static final Duration VALIDITY = Duration.ofSeconds(60);

    HelloRetryCookie {
        Objects.requireNonNull(clientHello1Hash);
        Objects.requireNonNull(random);
        Objects.requireNonNull(legacySessionId);
        Objects.requireNonNull(suite);
        Objects.requireNonNull(group);
        Objects.requireNonNull(serverName);
        Objects.requireNonNull(applicationProtocol);
        Objects.requireNonNull(issued);
    }

    Cookie seal(TicketSealer sealer) {
        WireWriter w = new WireWriter(160).opaque8(clientHello1Hash).bytes(random).opaque8(legacySessionId)
                .u16(suite.code()).u16(group.code());
        w.opaque8(Opaque.of(serverName.orElse("").getBytes(StandardCharsets.US_ASCII)));
        w.opaque8(Opaque.of(applicationProtocol.orElse("").getBytes(StandardCharsets.ISO_8859_1)));
        w.u64(issued.toEpochMilli()).u8(earlyDataOffered ? 1 : 0);
        return new Cookie(sealer.seal(new SealedState(SealedState.Purpose.COOKIE, ProtocolVersion.TLS1_3.code(), w.toOpaque())));
    }

    /** The cookie's state, if we sealed it, under a key still held, and it is younger than {@link #VALIDITY}. */
    static Optional<HelloRetryCookie> open(TicketSealer sealer, Cookie cookie, Instant now) {
        Optional<Opaque> plain = sealer.open(cookie.cookie(), SealedState.Purpose.COOKIE, ProtocolVersion.TLS1_3.code());
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        try {
            WireReader in = WireReader.of(plain.get());
            Opaque hash = in.opaque8(32, 64);
            Opaque random = in.fixed(32);
            Opaque sessionId = in.opaque8(0, 32);
            CipherSuite suite = CipherSuite.fromCode(in.u16()).orElseThrow();
            NamedGroup group = NamedGroup.fromCode(in.u16()).orElseThrow();
            String name = new String(in.opaque8(0, 255).bytes(), StandardCharsets.US_ASCII);
            String alpn = new String(in.opaque8(0, 255).bytes(), StandardCharsets.ISO_8859_1);
            Instant issued = Instant.ofEpochMilli(in.u64());
            boolean earlyData = in.u8() == 1;
            in.expectEnd();
            if (now.isBefore(issued) || !now.isBefore(issued.plus(VALIDITY))) {
                return Optional.empty();
            }
            return Optional.of(new HelloRetryCookie(hash, random, sessionId, suite, group,
                    name.isEmpty() ? Optional.empty() : Optional.of(name), alpn.isEmpty() ? Optional.empty() : Optional.of(alpn),
                    issued, earlyData));
        } catch (DecodeException | java.util.NoSuchElementException e) {
            return Optional.empty();
        }
    }
}
