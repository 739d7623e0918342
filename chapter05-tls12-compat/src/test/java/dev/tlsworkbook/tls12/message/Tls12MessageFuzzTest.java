package dev.tlsworkbook.tls12.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tlsworkbook.fuzz.DecoderTable;
import dev.tlsworkbook.wire.WireReader;
import dev.tlsworkbook.wire.WireWriter;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Fuzz target for the TLS 1.2 handshake message decoders of chapter 5 (docs/fuzzing.md), in the
 * same {@link DecoderTable} shape as chapter 4's {@code MessageDecoderFuzzTest}: the first byte
 * picks a decoder, a clean decode must re-encode to its input. Corpus and crashers:
 * {@code src/test/resources/dev/tlsworkbook/tls12/message/Tls12MessageFuzzTestInputs/}.
 *
 * @since chapter05
 */
public class Tls12MessageFuzzTest {

    /** Every TLS 1.2 message body decoder (RFC 5246 §7.4, RFC 8422 §5, RFC 5077 §3.3). Append new decoders at the end. */
    public static final DecoderTable MESSAGES = new DecoderTable()
            .add("HelloRequest", in -> HelloRequest.decode(in)::encode)
            .add("ServerHello/1.2", Tls12MessageFuzzTest::serverHello)
            .add("Certificate/1.2", in -> Tls12Certificate.decode(in)::encode)
            .add("ServerKeyExchange", in -> ServerKeyExchange.decode(in)::encode)
            .add("CertificateRequest/1.2", in -> Tls12CertificateRequest.decode(in)::encode)
            .add("ServerHelloDone", in -> ServerHelloDone.decode(in)::encode)
            .add("ClientKeyExchange", in -> ClientKeyExchange.decode(in)::encode)
            .add("Finished/1.2", in -> Tls12Finished.decode(in)::encode)
            .add("NewSessionTicket/1.2", in -> Tls12NewSessionTicket.decode(in)::encode);

    @FuzzTest
    void tls12Messages(byte[] input) {
        MESSAGES.run(input);
    }

    /**
     * The ServerHello encoded again for comparison with the bytes it was decoded from. RFC 5246
     * §7.4.1.3: a ServerHello may end after its compression method; that absent extensions field
     * decodes as an empty list, which encodes with a zero length field. The one encoding difference
     * allowed, as for chapter 4's ClientHello: two bytes of zero length for nothing. The
     * transcript hashes the received bytes, never a re-encoding, so nothing depends on it.
     */
    private static Consumer<WireWriter> serverHello(WireReader in) {
        int size = in.remaining();
        Tls12ServerHello hello = Tls12ServerHello.decode(in);
        WireWriter encoded = new WireWriter(size + 2);
        hello.encode(encoded);
        byte[] bytes = encoded.toByteArray();
        byte[] body = hello.extensions().isEmpty() && bytes.length == size + 2 ? Arrays.copyOf(bytes, size) : bytes;
        return out -> out.bytes(body);
    }
}
