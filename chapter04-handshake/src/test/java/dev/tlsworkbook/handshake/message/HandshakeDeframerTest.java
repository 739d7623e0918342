package dev.tlsworkbook.handshake.message;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.bytes.Opaque;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 8446 §5.1: handshake messages fragmented across records, coalesced in one, and bounded. */
class HandshakeDeframerTest {
    /** The server's EncryptedExtensions, Certificate, CertificateVerify and Finished from RFC 8448 §3. */
    private static final Opaque FLIGHT = Rfc8448.value("3.", "{server}  send handshake record:", "payload", 1);

    @Test
    void splitsSeveralMessagesCarriedInOneRecord() {
        List<HandshakeFrame> frames = feed(new HandshakeDeframer(), List.of(FLIGHT));

        assertEquals(List.of(8, 11, 15, 20), frames.stream().map(HandshakeFrame::msgType).toList());
        assertEquals(FLIGHT, frames.stream().map(HandshakeFrame::wireBytes).reduce(Opaque.EMPTY, Opaque::concat));
    }

    @Test
    void reassemblesMessagesFedOneByteAtATime() {
        HandshakeDeframer deframer = new HandshakeDeframer();
        List<HandshakeFrame> frames = new ArrayList<>();
        for (int i = 0; i < FLIGHT.length(); i++) {
            deframer.add(FLIGHT.slice(i, 1));
            deframer.next().ifPresent(frames::add);
            boolean atBoundary = frames.stream().mapToInt(f -> f.wireBytes().length()).sum() == i + 1;
            assertEquals(!atBoundary, deframer.isMidMessage(), "after byte " + i);
        }

        assertEquals(feed(new HandshakeDeframer(), List.of(FLIGHT)), frames);
    }

    @Test
    void reassemblesMessagesFedInRandomChunks() {
        Random random = new Random(5_1L);
        List<HandshakeFrame> whole = feed(new HandshakeDeframer(), List.of(FLIGHT));
        for (int round = 0; round < 200; round++) {
            List<Opaque> chunks = new ArrayList<>();
            for (int at = 0; at < FLIGHT.length(); ) {
                int n = Math.min(1 + random.nextInt(80), FLIGHT.length() - at);
                chunks.add(FLIGHT.slice(at, n));
                at += n;
            }
            assertEquals(whole, feed(new HandshakeDeframer(), chunks), "round " + round);
        }
    }

    @Test
    void yieldsAMessageWithAnEmptyBody() {
        List<HandshakeFrame> frames = feed(new HandshakeDeframer(), List.of(Opaque.fromHex("05000000")));

        assertEquals(new EndOfEarlyData(), Tls13Message.decode(frames.get(0), 32));
    }

    @Test
    void rejectsAnOversizedMessageAsSoonAsItsHeaderArrives() {
        HandshakeDeframer deframer = new HandshakeDeframer();

        TlsException e = assertThrows(TlsException.class, () -> deframer.add(Opaque.fromHex("01 01 00 01")));
        assertEquals(Violation.HANDSHAKE_MESSAGE_TOO_LARGE, e.violation().orElseThrow());
        assertEquals(AlertDescription.DECODE_ERROR, e.alert());
    }

    @Test
    void acceptsAMessageOfExactlyTheLimit() {
        HandshakeDeframer deframer = new HandshakeDeframer(10, 20);
        Opaque body = Opaque.filled(10, 0);

        assertEquals(1, feed(deframer, List.of(Opaque.fromHex("18 00 00 0a").concat(body))).size());
        assertThrows(TlsException.class, () -> deframer.add(Opaque.fromHex("18 00 00 0b")));
    }

    @Test
    void givesCertificatesTheirOwnLargerLimit() {
        HandshakeDeframer deframer = new HandshakeDeframer();

        assertDoesNotThrow(() -> deframer.add(Opaque.fromHex("0b 03 00 00"))); // 196,608 bytes announced
        assertTrue(deframer.isMidMessage());
        TlsException e = assertThrows(TlsException.class,
                () -> new HandshakeDeframer().add(Opaque.fromHex("0b 04 00 01"))); // 256 KiB + 1
        assertEquals(Violation.HANDSHAKE_MESSAGE_TOO_LARGE, e.violation().orElseThrow());
    }

    @Test
    void rejectsAZeroLengthFragment() {
        TlsException e = assertThrows(TlsException.class, () -> new HandshakeDeframer().add(ByteBuffer.allocate(0)));

        assertEquals(Violation.ZERO_LENGTH_FRAGMENT, e.violation().orElseThrow());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void refusesAKeyChangeInsideAPartialMessage() {
        HandshakeDeframer deframer = new HandshakeDeframer();
        deframer.add(FLIGHT.slice(0, 10));

        TlsException e = assertThrows(TlsException.class, deframer::checkKeyChange);
        assertEquals(Violation.KEY_CHANGE_INSIDE_MESSAGE, e.violation().orElseThrow());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void refusesAKeyChangeWhileAWholeMessageFromTheOldKeysIsUnread() {
        HandshakeDeframer deframer = new HandshakeDeframer();
        deframer.add(Opaque.fromHex("05000000"));

        assertFalse(deframer.isMidMessage());
        assertThrows(TlsException.class, deframer::checkKeyChange);
        deframer.next();
        assertDoesNotThrow(deframer::checkKeyChange);
    }

    @Test
    void onlyTlsExceptionsEscapeFromRandomRecords() {
        Random random = new Random(0xdefa_0004L);
        for (int round = 0; round < 2_000; round++) {
            HandshakeDeframer deframer = new HandshakeDeframer(1024, 2048);
            try {
                for (int r = 0; r < 8; r++) {
                    byte[] record = new byte[1 + random.nextInt(64)];
                    random.nextBytes(record);
                    deframer.add(ByteBuffer.wrap(record));
                    for (var f = deframer.next(); f.isPresent(); f = deframer.next()) {
                        assertEquals(f.get().wireBytes().length(), HandshakeFrame.HEADER_LENGTH + f.get().body().length());
                    }
                }
            } catch (TlsException expected) {
                assertEquals(Violation.HANDSHAKE_MESSAGE_TOO_LARGE, expected.violation().orElseThrow());
            }
        }
    }

    private static List<HandshakeFrame> feed(HandshakeDeframer deframer, List<Opaque> records) {
        List<HandshakeFrame> frames = new ArrayList<>();
        for (Opaque record : records) {
            deframer.add(record);
            for (var f = deframer.next(); f.isPresent(); f = deframer.next()) {
                frames.add(f.get());
            }
        }
        assertFalse(deframer.hasBufferedData());
        return frames;
    }
}
