package dev.tlsworkbook.handshake.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.fuzz.DecoderTable;
import dev.tlsworkbook.fuzz.TlsInvariant;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Fuzz targets for the handshake message decoders (docs/fuzzing.md). Corpus and crashers:
 * {@code src/test/resources/dev/tlsworkbook/handshake/message/MessageDecoderFuzzTestInputs/}.
 */
public class MessageDecoderFuzzTest {

    /** Every TLS 1.3 message body decoder, plus the generic frame dispatch. Append new decoders at the end. */
    public static final DecoderTable MESSAGES = new DecoderTable()
            .add("ClientHello", MessageDecoderFuzzTest::clientHello)
            .add("ServerHello/HelloRetryRequest", in -> ServerHelloMessage.decode(in)::encode)
            .add("EncryptedExtensions", in -> EncryptedExtensions.decode(in)::encode)
            .add("Certificate", in -> Certificate.decode(in)::encode)
            .add("CertificateRequest", in -> CertificateRequest.decode(in)::encode)
            .add("CertificateVerify", in -> CertificateVerify.decode(in)::encode)
            .add("Finished/SHA-256", in -> Finished.decode(in, 32)::encode)
            .add("Finished/SHA-384", in -> Finished.decode(in, 48)::encode)
            .add("NewSessionTicket", in -> NewSessionTicket.decode(in)::encode)
            .add("KeyUpdate", in -> KeyUpdate.decode(in)::encode)
            .add("EndOfEarlyData", in -> EndOfEarlyData.decode(in)::encode)
            .add("MessageHash", in -> MessageHash.decode(in)::encode)
            .add("Handshake frame", MessageDecoderFuzzTest::frame);

    @FuzzTest
    void handshakeMessages(byte[] input) {
        MESSAGES.run(input);
    }

    /**
     * The handshake deframer fed in fuzzer-chosen chunks: the first byte is the chunk size, the
     * rest the stream; every complete frame is decoded as a TLS 1.3 message.
     */
    @FuzzTest
    void handshakeDeframer(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = 1 + (input[0] & 0xff);
        HandshakeDeframer deframer = new HandshakeDeframer();
        TlsInvariant.decodes(() -> {
            for (int pos = 1; pos < input.length; pos += chunk) {
                deframer.add(Opaque.of(input, pos, Math.min(chunk, input.length - pos)));
                for (var frame = deframer.next(); frame.isPresent(); frame = deframer.next()) {
                    Tls13Message.decode(frame.get(), 32);
                }
            }
        });
    }

    private static Consumer<WireWriter> clientHello(WireReader in) {
        int size = in.remaining();
        byte[] body = reencode(ClientHello.decode(in), size);
        return out -> out.bytes(body);
    }

    /** A whole {@code Handshake} struct, dispatched on its type as a trace or a state does. */
    private static Consumer<WireWriter> frame(WireReader in) {
        HandshakeFrame frame = HandshakeFrame.parse(in.fixed(in.remaining()));
        Tls13Message message = Tls13Message.decode(frame, 32);
        byte[] body = reencode(message, frame.body().length());
        return out -> out.u8(frame.msgType()).u24(body.length).bytes(body);
    }

    /**
     * The body of {@code message} encoded again, for comparison with the {@code size} bytes it was
     * decoded from. RFC 5246 §7.4.1.2: a ClientHello may end after its compression methods; that
     * absent extensions field decodes as an empty block, which encodes with a zero length field.
     * The one encoding difference allowed: two bytes of zero length for nothing.
     */
    private static byte[] reencode(HandshakeMessage message, int size) {
        WireWriter encoded = new WireWriter(size + 2);
        message.encode(encoded);
        byte[] bytes = encoded.toByteArray();
        boolean absent = message instanceof ClientHello hello && hello.extensions().extensions().isEmpty()
                && bytes.length == size + 2;
        return absent ? Arrays.copyOf(bytes, size) : bytes;
    }
}
