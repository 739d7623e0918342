package dev.tlsworkbook.handshake.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.HashAlgorithm;
import dev.tlsworkbook.keyschedule.Transcript;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frames this codec produces are what chapter03's {@link Transcript} hashes (RFC 8446
 * §4.4.1): fed the received wire bytes, it reproduces the transcript hashes printed in RFC 8448.
 */
class TranscriptOverWireBytesTest {
    private static final String C_HS = "{server}  derive secret \"tls13 c hs traffic\":";

    @Test
    void clientAndServerHelloFramesHashToTheHandshakeSecretContext() {
        HandshakeFrame ch = Rfc8448MessagesTest.single(Rfc8448.value("3.", "{client}  send handshake record:", "payload"));
        HandshakeFrame sh = Rfc8448MessagesTest.single(Rfc8448.value("3.", "{server}  send handshake record:", "payload"));

        Transcript transcript = Transcript.of(HashAlgorithm.SHA256).add(ch.wireBytes()).add(sh.wireBytes());

        assertEquals(Rfc8448.value("3.", C_HS, "hash"), transcript.currentHash());
    }

    @Test
    void wholeServerFlightHashesToTheApplicationSecretContext() {
        Transcript transcript = Transcript.of(HashAlgorithm.SHA256)
                .add(Rfc8448MessagesTest.single(Rfc8448.value("3.", "{client}  send handshake record:", "payload")).wireBytes())
                .add(Rfc8448MessagesTest.single(Rfc8448.value("3.", "{server}  send handshake record:", "payload")).wireBytes());
        List<HandshakeFrame> flight = Rfc8448MessagesTest.deframe(
                Rfc8448.value("3.", "{server}  send handshake record:", "payload", 1));
        for (HandshakeFrame frame : flight) {
            transcript = transcript.add(frame.wireBytes());
        }

        assertEquals(Rfc8448.value("3.", "{server}  derive secret \"tls13 c ap traffic\":", "hash"), transcript.currentHash());
    }

    @Test
    void truncatedClientHelloHashesToTheTracesBinderHash() {
        Opaque sent = Rfc8448.value("4.", "{client}  send handshake record:", "payload");
        ClientHello hello = ClientHello.decode(Rfc8448MessagesTest.single(sent).bodyReader());

        Opaque binderHash = Transcript.of(HashAlgorithm.SHA256).hashWithTruncatedClientHello(hello.truncateForBinders(sent));

        assertEquals(Rfc8448.value("4.", "{client}  calculate PSK binder:", "binder hash"), binderHash);
    }

    @Test
    void messageHashFrameEqualsTheTranscriptsSyntheticMessage() {
        Opaque hash = Opaque.of(HashAlgorithm.SHA256.digest(new byte[] {1, 2, 3}));

        assertEquals(Transcript.messageHash(HashAlgorithm.SHA256, hash), new MessageHash(hash).frame().wireBytes());
    }

    @Test
    void retryTranscriptWithMessageHashMatchesTheTrace() {
        Opaque ch1 = Rfc8448.value("5.", "{client}  construct a ClientHello handshake message:", "ClientHello", 0);
        Opaque hrr = Rfc8448.value("5.", "{server}  construct a ServerHello handshake message:", "ServerHello", 0);
        Opaque ch2 = Rfc8448.value("5.", "{client}  construct a ClientHello handshake message:", "ClientHello", 1);
        Opaque sh = Rfc8448.value("5.", "{server}  construct a ServerHello handshake message:", "ServerHello", 1);
        Opaque ch1Hash = Transcript.of(HashAlgorithm.SHA256).add(ch1).currentHash();

        Transcript transcript = Transcript.of(HashAlgorithm.SHA256)
                .add(new MessageHash(ch1Hash).frame().wireBytes()).add(hrr).add(ch2).add(sh);

        assertEquals(Rfc8448.value("5.", C_HS, "hash"), transcript.currentHash());
    }
}
