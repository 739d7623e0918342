package dev.tlsworkbook.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.DecodeException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FrameDecoderTest {
    static final List<Opaque> MESSAGES = List.of(Opaque.fromHex("68656c6c6f"), Opaque.EMPTY,
            Opaque.filled(300, 0x5a), Opaque.fromHex("01"));
    static final byte[] STREAM = FrameEncoder.encode(MESSAGES);

    @Test
    void encodesEachFrameAsAUint16LengthThenThePayload() {
        assertEquals(Opaque.fromHex("0005 68656c6c6f"), Opaque.of(FrameEncoder.encode(MESSAGES.get(0))));
        assertEquals(2 + 5 + 2 + 2 + 300 + 2 + 1, STREAM.length);
        assertEquals(Opaque.fromHex("0005 68656c6c6f 0000 012c"), Opaque.of(STREAM).slice(0, 11));
    }

    @Test
    void decodesAStreamFedOneByteAtATime() {
        FrameDecoder decoder = new FrameDecoder(1024);
        List<Opaque> frames = new ArrayList<>();
        for (byte b : STREAM) {
            frames.addAll(decoder.feed(new byte[] {b}));
        }
        assertEquals(MESSAGES, frames);
        assertEquals(0, decoder.buffered());
        assertDoesNotThrow(decoder::end);
    }

    @Test
    void decodesAStreamFedInRandomChunks() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            FrameDecoder decoder = new FrameDecoder(1024);
            List<Opaque> frames = new ArrayList<>();
            for (int at = 0; at < STREAM.length; ) {
                int n = Math.min(STREAM.length - at, random.nextInt(40));
                frames.addAll(decoder.feed(STREAM, at, n));
                at += n;
            }
            assertEquals(MESSAGES, frames, "round " + round);
            decoder.end();
        }
    }

    @Test
    void returnsEveryFrameOfAChunkThatHoldsSeveral() {
        FrameDecoder decoder = new FrameDecoder(1024);
        assertEquals(MESSAGES, decoder.feed(STREAM));
        assertEquals(0, decoder.buffered());
    }

    @Test
    void keepsTheStartOfTheNextFrameForTheNextRead() {
        FrameDecoder decoder = new FrameDecoder(1024);
        assertEquals(List.of(Opaque.fromHex("aa")), decoder.feed(Opaque.fromHex("0001aa 0002bb").bytes()));
        assertEquals(3, decoder.buffered());
        assertEquals(List.of(Opaque.fromHex("bbcc")), decoder.feed(Opaque.fromHex("cc").bytes()));
    }

    @Test
    void rejectsAnOverlongLengthAsSoonAsItsPrefixArrives() {
        FrameDecoder decoder = new FrameDecoder(100);
        assertEquals(List.of(), decoder.feed(new byte[] {0}));
        DecodeException e = assertThrows(DecodeException.class, () -> decoder.feed(new byte[] {101}));
        assertEquals(Reason.LENGTH_OUT_OF_RANGE, e.reason());
        // The stream has lost its framing: nothing more is accepted.
        assertThrows(IllegalStateException.class, () -> decoder.feed(new byte[] {0}));
        assertThrows(IllegalStateException.class, decoder::end);
    }

    @Test
    void acceptsALengthEqualToTheMaximum() {
        FrameDecoder decoder = new FrameDecoder(3);
        assertEquals(List.of(Opaque.fromHex("010203")), decoder.feed(Opaque.fromHex("0003010203").bytes()));
        assertEquals(List.of(Opaque.EMPTY), new FrameDecoder(0).feed(new byte[] {0, 0}));
    }

    @Test
    void rejectsAStreamThatEndsInsideAFrameAsTruncated() {
        for (int n = 1; n < STREAM.length; n++) {
            FrameDecoder decoder = new FrameDecoder(1024);
            decoder.feed(STREAM, 0, n);
            boolean betweenFrames = decoder.buffered() == 0;
            if (betweenFrames) {
                assertDoesNotThrow(decoder::end);
            } else {
                DecodeException e = assertThrows(DecodeException.class, decoder::end, "cut at " + n);
                assertEquals(Reason.TRUNCATED, e.reason());
            }
        }
    }

    @Test
    void namesWhereTheStreamWasCut() {
        FrameDecoder inPrefix = new FrameDecoder(10);
        inPrefix.feed(new byte[] {0});
        assertTrue(assertThrows(DecodeException.class, inPrefix::end).getMessage()
                .contains("length prefix"));
        FrameDecoder inBody = new FrameDecoder(10);
        inBody.feed(Opaque.fromHex("0005 6865").bytes());
        assertTrue(assertThrows(DecodeException.class, inBody::end).getMessage()
                .contains("2 of 5 payload bytes"));
    }

    @Test
    void decodeExactlyRejectsTrailingTruncatedAndOverlongInput() {
        assertEquals(Opaque.fromHex("41"), FrameDecoder.decodeExactly(Opaque.fromHex("000141"), 10));
        assertEquals(Reason.TRAILING_DATA, assertThrows(DecodeException.class,
                () -> FrameDecoder.decodeExactly(Opaque.fromHex("00014142"), 10)).reason());
        assertEquals(Reason.TRUNCATED, assertThrows(DecodeException.class,
                () -> FrameDecoder.decodeExactly(Opaque.fromHex("0002 41"), 10)).reason());
        assertEquals(Reason.LENGTH_OUT_OF_RANGE, assertThrows(DecodeException.class,
                () -> FrameDecoder.decodeExactly(Opaque.fromHex("000b" + "00".repeat(11)), 10)).reason());
    }

    @Test
    void refusesMaximaAUint16CannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(65_536));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(-1));
        assertThrows(IllegalStateException.class, () -> FrameEncoder.encode(Opaque.filled(65_536, 1)));
    }

    @Test
    void randomStreamsOnlyEverFailWithDecodeException() {
        Random random = new Random(99);
        for (int i = 0; i < 2_000; i++) {
            byte[] junk = new byte[random.nextInt(80)];
            random.nextBytes(junk);
            FrameDecoder decoder = new FrameDecoder(32);
            try {
                for (int at = 0; at < junk.length; ) {
                    int n = Math.min(junk.length - at, 1 + random.nextInt(8));
                    decoder.feed(junk, at, n);
                    at += n;
                }
                decoder.end();
            } catch (DecodeException expected) {
                // the only way a peer's bytes may be refused
            }
        }
        byte[] copy = STREAM.clone();
        new FrameDecoder(1024).feed(copy);
        assertArrayEquals(STREAM, copy, "the decoder must not change its input");
    }
}
