package dev.tlsworkbook.handshake.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.DecodeException;
import dev.tlsworkbook.wire.DecodeException.Reason;
import dev.tlsworkbook.wire.WireWriter;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GUIDE §9.2 for every TLS 1.3 message: round trip, prefixes, trailing byte, random bytes. */
class CodecPropertiesTest {
    private static final int HASH_LENGTH = 32;

    static Stream<Tls13Message> messages() {
        return Samples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void roundTripsThroughItsFrame(Tls13Message message) {
        HandshakeFrame frame = message.frame();
        Tls13Message decoded = Tls13Message.decode(HandshakeFrame.parse(frame.wireBytes()), HASH_LENGTH);

        assertEquals(message, decoded);
        assertEquals(frame.wireBytes(), decoded.frame().wireBytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void rejectsEveryStrictPrefixAsTruncated(Tls13Message message) {
        Opaque body = message.frame().body();
        for (int length = 0; length < body.length(); length++) {
            Opaque prefix = body.slice(0, length);
            if (message instanceof ClientHello hello && length == body.length() - extensionsVectorLength(hello)) {
                // RFC 5246 §7.4.1.2: a ClientHello may end before its extensions (a TLS 1.2 shape)
                ClientHello bare = (ClientHello) decode(message.type(), prefix);
                assertTrue(bare.extensions().extensions().isEmpty());
                continue;
            }
            DecodeException e = assertThrows(DecodeException.class, () -> decode(message.type(), prefix),
                    "prefix of " + length + " bytes");
            assertEquals(Reason.TRUNCATED, e.reason(), "prefix of " + length + " bytes: " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void rejectsOneExtraByteAsTrailingData(Tls13Message message) {
        Opaque longer = message.frame().body().concat(Opaque.fromHex("00"));

        DecodeException e = assertThrows(DecodeException.class, () -> decode(message.type(), longer));
        assertEquals(Reason.TRAILING_DATA, e.reason());
    }

    @Test
    void rejectsCertificateWhoseCertDataLengthOverrunsTheList() {
        byte[] body = Samples.certificate().frame().body().bytes();
        // context: 02 0a 0b; list length (3 bytes); first cert_data length at offset 6
        body[8] = (byte) 0x40;

        DecodeException e = assertThrows(DecodeException.class, () -> decode(HandshakeType.CERTIFICATE, Opaque.of(body)));
        assertEquals(Reason.TRUNCATED, e.reason());
    }

    @Test
    void rejectsClientHelloWhoseCipherSuitesLengthIsOdd() {
        byte[] body = Samples.clientHello().frame().body().bytes();
        int suitesLengthOffset = 2 + 32 + 1 + 32;
        body[suitesLengthOffset + 1] = 3; // low byte of the cipher_suites length

        DecodeException e = assertThrows(DecodeException.class, () -> decode(HandshakeType.CLIENT_HELLO, Opaque.of(body)));
        assertEquals(Reason.LENGTH_OUT_OF_RANGE, e.reason());
    }

    @Test
    void rejectsClientHelloWhoseSessionIdIsLongerThan32Bytes() {
        byte[] body = Samples.clientHello().frame().body().bytes();
        body[34] = 33;

        DecodeException e = assertThrows(DecodeException.class, () -> decode(HandshakeType.CLIENT_HELLO, Opaque.of(body)));
        assertEquals(Reason.LENGTH_OUT_OF_RANGE, e.reason());
    }

    @Test
    void rejectsServerHelloWithoutExtensions() {
        Opaque body = Samples.serverHello().frame().body();
        Opaque bare = body.slice(0, 2 + 32 + 1 + 32 + 2 + 1).concat(Opaque.fromHex("0000"));

        DecodeException e = assertThrows(DecodeException.class, () -> decode(HandshakeType.SERVER_HELLO, bare));
        assertEquals(Reason.LENGTH_OUT_OF_RANGE, e.reason());
    }

    @Test
    void onlyDecodeOrTlsExceptionsEscapeFromRandomAndMutatedBodies() {
        Random random = new Random(0x5eed_0004L);
        List<Tls13Message> samples = Samples.all();
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            Tls13Message sample = samples.get(random.nextInt(samples.size()));
            byte[] body = mutate(sample.frame().body().bytes(), random);
            try {
                decode(sample.type(), Opaque.of(body));
                decoded++;
            } catch (DecodeException | TlsException expected) {
                rejected++;
            } catch (RuntimeException e) {
                fail("iteration " + i + ": " + sample.type() + " body " + Opaque.of(body).hex() + " threw " + e, e);
            }
        }
        assertTrue(decoded > 100 && rejected > 100, decoded + " decoded, " + rejected + " rejected");
    }

    private static byte[] mutate(byte[] body, Random random) {
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] copy = body.clone();
                for (int n = 1 + random.nextInt(3); n > 0 && copy.length > 0; n--) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                return copy;
            }
            case 1 -> {
                byte[] copy = body.clone();
                if (copy.length > 0) {
                    int at = random.nextInt(copy.length);
                    copy[at] = (byte) (copy[at] + (random.nextBoolean() ? 1 : -1));
                }
                return copy;
            }
            case 2 -> {
                byte[] noise = new byte[random.nextInt(300)];
                random.nextBytes(noise);
                return noise;
            }
            default -> {
                byte[] copy = body.clone();
                if (copy.length > 0) {
                    int from = random.nextInt(copy.length);
                    int to = from + random.nextInt(copy.length - from + 1);
                    byte[] cut = new byte[copy.length - (to - from)];
                    System.arraycopy(copy, 0, cut, 0, from);
                    System.arraycopy(copy, to, cut, from, copy.length - to);
                    return cut;
                }
                return copy;
            }
        }
    }

    private static int extensionsVectorLength(ClientHello hello) {
        WireWriter out = new WireWriter();
        out.prefixed16(hello.extensions()::encode);
        return out.size();
    }

    static Tls13Message decode(HandshakeType type, Opaque body) {
        return Tls13Message.decode(HandshakeFrame.of(type.code(), body), HASH_LENGTH);
    }
}
