package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.CipherSuite;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.Fields;
import dev.tlsworkbook.handshake.extension.PreSharedKeyClientHello;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The first message of every handshake (RFC 8446 §4.1.2):
 *
 * <pre>
 * uint16 ProtocolVersion;
 * opaque Random[32];
 * uint8 CipherSuite[2];    // Cryptographic suite selector
 *
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *     Random random;
 *     opaque legacy_session_id&lt;0..32&gt;;
 *     CipherSuite cipher_suites&lt;2..2^16-2&gt;;
 *     opaque legacy_compression_methods&lt;1..2^8-1&gt;;
 *     Extension extensions&lt;8..2^16-1&gt;;
 * } ClientHello;
 * </pre>
 *
 * One codec for every version: a server parses the ClientHello before it knows which version it
 * will speak, so the TLS 1.2 shapes stay legal here (an absent extensions block, RFC 5246 §7.4.1.2;
 * compression methods other than null). The TLS 1.3 server checks them (RFC 8446 §4.1.2:
 * {@code legacy_compression_methods} must be exactly one zero byte, else {@code illegal_parameter}).
 * {@code cipherSuites} stays raw: unknown and GREASE suites are ignored, never rejected (RFC 8701).
 *
 * @since chapter04
 */
public record ClientHello(int legacyVersion, Opaque random, Opaque legacySessionId, List<Integer> cipherSuites,
                          Opaque legacyCompressionMethods, ExtensionBlock extensions) implements Tls13Message {
    /** RFC 8446 §4.1.2: {@code legacy_version = 0x0303}. */
    public static final int LEGACY_VERSION = 0x0303;
    /**
     * The largest legal ClientHello body: legacy_version (2) + random (32) + legacy_session_id
     * (1 + 32) + cipher_suites (2 + 65534) + legacy_compression_methods (1 + 255) + extensions
     * (2 + 65535) = 131,396 bytes (RFC 8446 §4.1.2).
     */
    public static final int MAX_LENGTH = 2 + 32 + 1 + 32 + 2 + 0xfffe + 1 + 0xff + 2 + 0xffff;
    /** RFC 8446 §4.1.2: the one null compression method a TLS 1.3 ClientHello carries. */
    public static final Opaque NULL_COMPRESSION = Opaque.of(new byte[] {0});

    public ClientHello {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(legacySessionId, "legacySessionId");
        Objects.requireNonNull(legacyCompressionMethods, "legacyCompressionMethods");
        cipherSuites = List.copyOf(cipherSuites);
        Fields.check(random.length() == 32, "random must be 32 bytes");
        Fields.check(legacySessionId.length() <= 32, "legacy_session_id is at most 32 bytes");
        Fields.check(extensions.context() == ExtensionContext.CLIENT_HELLO, "extensions must be a CH block");
    }

    /** Reads a ClientHello body; the reader must end with it. */
    public static ClientHello decode(WireReader in) {
        int legacyVersion = in.u16();
        Opaque random = in.fixed(32);
        Opaque legacySessionId = in.opaque8(0, 32);
        List<Integer> cipherSuites = Fields.u16List(in.sub16(2, 0xfffe));
        Opaque legacyCompressionMethods = in.opaque8(1, 0xff);
        // RFC 5246 §7.4.1.2: a TLS 1.2 client may omit the extensions entirely; RFC 8446 needs >= 8 bytes,
        // which the TLS 1.3 server enforces by requiring supported_versions.
        ExtensionBlock extensions = in.hasRemaining()
                ? ExtensionBlock.decode(in.sub16(0, 0xffff), ExtensionContext.CLIENT_HELLO)
                : ExtensionBlock.empty(ExtensionContext.CLIENT_HELLO);
        in.expectEnd();
        return new ClientHello(legacyVersion, random, legacySessionId, cipherSuites, legacyCompressionMethods, extensions);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_HELLO;
    }

    @Override
    public void encode(WireWriter out) {
        out.u16(legacyVersion).bytes(random).opaque8(legacySessionId);
        out.prefixed16(list -> cipherSuites.forEach(list::u16));
        out.opaque8(legacyCompressionMethods);
        out.prefixed16(extensions::encode);
    }

    /** The suites this stack knows, in the client's preference order (unknown and GREASE dropped). */
    public List<CipherSuite> knownCipherSuites() {
        return cipherSuites.stream().map(CipherSuite::fromCode).flatMap(Optional::stream).toList();
    }

    /**
     * RFC 8446 §4.2.11.2: the binders are computed over the ClientHello "up to and including the
     * PreSharedKeyExtension.identities field", i.e. everything but the {@code binders} vector at
     * the very end. {@code wireBytes} is this message with its four-byte header, as sent or
     * received ({@link HandshakeFrame#wireBytes()}); the header keeps the full length.
     */
    public Opaque truncateForBinders(Opaque wireBytes) {
        int cut = offeredPsks().bindersLength();
        if (wireBytes.length() < HandshakeFrame.HEADER_LENGTH + cut) {
            throw new IllegalArgumentException("wireBytes are too short to be this ClientHello");
        }
        return wireBytes.slice(0, wireBytes.length() - cut);
    }

    /**
     * This ClientHello with the binders replaced (same count and lengths keep the truncated
     * prefix unchanged): a client first encodes placeholder binders, computes the real ones over
     * {@link #truncateForBinders}, then sends the result of this method.
     */
    public ClientHello withBinders(List<Opaque> binders) {
        PreSharedKeyClientHello psk = offeredPsks();
        List<Extension> list = new ArrayList<>(extensions.extensions());
        list.set(list.size() - 1, psk.withBinders(binders));
        return new ClientHello(legacyVersion, random, legacySessionId, cipherSuites, legacyCompressionMethods,
                new ExtensionBlock(ExtensionContext.CLIENT_HELLO, list));
    }

    private PreSharedKeyClientHello offeredPsks() {
        List<Extension> list = extensions.extensions();
        if (list.isEmpty() || !(list.get(list.size() - 1) instanceof PreSharedKeyClientHello psk)) {
            throw new IllegalStateException("this ClientHello does not end with a pre_shared_key extension");
        }
        return psk;
    }

    @Override
    public String toString() {
        return "ClientHello{legacy_version=" + Fields.hex16(legacyVersion) + ", random=" + random
                + ", legacy_session_id=" + legacySessionId + ", cipher_suites=" + Fields.hex16(cipherSuites)
                + ", legacy_compression_methods=" + legacyCompressionMethods + ", extensions=" + extensions + "}";
    }
}
