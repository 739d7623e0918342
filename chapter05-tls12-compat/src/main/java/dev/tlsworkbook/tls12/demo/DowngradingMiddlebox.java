package dev.tlsworkbook.tls12.demo;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.handshake.extension.ExtensionBlock;
import dev.tlsworkbook.handshake.extension.ExtensionContext;
import dev.tlsworkbook.handshake.extension.ExtensionType;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.handshake.message.HandshakeFrame;
import dev.tlsworkbook.record.ContentType;
import dev.tlsworkbook.record.RecordHeader;
import dev.tlsworkbook.wire.WireReader;
import java.util.Arrays;

/**
 * A scripted man in the middle for the demo and the tests: it rewrites the client's first flight
 * (one plaintext record holding the ClientHello) so that it no longer offers TLS 1.3 — the
 * supported_versions, key_share and psk_key_exchange_modes extensions are removed — and passes
 * everything else through. This is the attack RFC 8446 §4.1.3's downgrade sentinel defeats: the
 * server, which supports TLS 1.3, negotiates TLS 1.2 and says so in ServerHello.random, which its
 * signature covers.
 *
 * @since chapter05
 */
public final class DowngradingMiddlebox {
    private DowngradingMiddlebox() {
    }

    /** {@code record}, one plaintext handshake record holding a whole ClientHello, without TLS 1.3's offer. */
    public static byte[] stripTls13(byte[] record) {
        if (record.length < RecordHeader.LENGTH || RecordHeader.type(record, 0) != ContentType.HANDSHAKE.code()) {
            throw new IllegalArgumentException("not a handshake record");
        }
        HandshakeFrame frame = HandshakeFrame.parse(Opaque.of(record, RecordHeader.LENGTH, record.length - RecordHeader.LENGTH));
        ClientHello ch = ClientHello.decode(frame.bodyReader());
        ExtensionBlock kept = new ExtensionBlock(ExtensionContext.CLIENT_HELLO, ch.extensions().extensions().stream()
                .filter(e -> e.knownType().map(t -> t != ExtensionType.SUPPORTED_VERSIONS && t != ExtensionType.KEY_SHARE
                        && t != ExtensionType.PSK_KEY_EXCHANGE_MODES).orElse(true))
                .toList());
        ClientHello downgraded = new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), kept);
        byte[] body = downgraded.frame().wireBytes().bytes();
        byte[] out = Arrays.copyOf(record, RecordHeader.LENGTH + body.length);
        RecordHeader.write(out, 0, ContentType.HANDSHAKE.code(), RecordHeader.version(record, 0), body.length);
        System.arraycopy(body, 0, out, RecordHeader.LENGTH, body.length);
        return out;
    }

    /** For a reader of the decoded bytes: true if {@code record}'s ClientHello still offers TLS 1.3. */
    public static boolean offersTls13(byte[] record) {
        HandshakeFrame frame = HandshakeFrame.parse(Opaque.of(record, RecordHeader.LENGTH, record.length - RecordHeader.LENGTH));
        return ClientHello.decode(WireReader.of(frame.body())).extensions().contains(ExtensionType.SUPPORTED_VERSIONS);
    }
}
