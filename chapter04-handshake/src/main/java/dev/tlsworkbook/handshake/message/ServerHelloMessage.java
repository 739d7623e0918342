package dev.tlsworkbook.handshake.message;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.wire.WireReader;

/**
 * What a {@code server_hello} message carries in TLS 1.3: a {@link ServerHello} or, when its
 * random is the special value of RFC 8446 §4.1.3, a {@link HelloRetryRequest}. Decoding decides
 * once, so no state can mistake one for the other.
 *
 * @since chapter04
 */
public sealed interface ServerHelloMessage extends Tls13Message permits ServerHello, HelloRetryRequest {

    /**
     * Reads a TLS 1.3 {@code server_hello} body; the reader must end with it. Extensions are
     * decoded in the SH or HRR context, chosen by the random (RFC 8446 §4.1.3).
     */
    static ServerHelloMessage decode(WireReader in) {
        int legacyVersion = in.u16();
        Opaque random = in.fixed(32);
        Opaque legacySessionIdEcho = in.opaque8(0, 32);
        int cipherSuite = in.u16();
        int legacyCompressionMethod = in.u8();
        boolean retry = random.equals(HelloRetryRequest.RANDOM);
        ExtensionBlock extensions = ExtensionBlock.decode(in.sub16(6, 0xffff),
                retry ? ExtensionContext.HELLO_RETRY_REQUEST : ExtensionContext.SERVER_HELLO);
        in.expectEnd();
        return retry
                ? new HelloRetryRequest(legacyVersion, legacySessionIdEcho, cipherSuite, legacyCompressionMethod, extensions)
                : new ServerHello(legacyVersion, random, legacySessionIdEcho, cipherSuite, legacyCompressionMethod, extensions);
    }

    /**
     * The version a {@code server_hello} body selects, read leniently before deciding which
     * version's codec to use (the client's version hand-off, RFC 8446 §4.2.1): the
     * {@code supported_versions} value if the extension is present, else {@code legacy_version}
     * (a TLS 1.2 or older ServerHello, RFC 5246 §7.4.1.3, which may have no extensions at all).
     * Only framing is checked here; the chosen codec then decodes the body strictly.
     */
    static int selectedVersion(WireReader in) {
        int legacyVersion = in.u16();
        in.skip(32);
        in.opaque8(0, 32);
        in.skip(3);
        if (!in.hasRemaining()) {
            return legacyVersion;
        }
        WireReader list = in.sub16(0, 0xffff);
        while (list.hasRemaining()) {
            int type = list.u16();
            WireReader data = list.sub16(0, 0xffff);
            if (type == ExtensionType.SUPPORTED_VERSIONS.code() && data.remaining() == 2) {
                return data.u16();
            }
        }
        return legacyVersion;
    }

    /** {@code legacy_version}: 0x0303 in TLS 1.3. */
    int legacyVersion();

    /** {@code legacy_session_id_echo}: must equal what the client sent (RFC 8446 §4.1.3). */
    Opaque legacySessionIdEcho();

    /** {@code cipher_suite}, raw: the client checks it offered it. */
    int cipherSuite();

    /** {@code legacy_compression_method}: must be 0. */
    int legacyCompressionMethod();

    ExtensionBlock extensions();
}
