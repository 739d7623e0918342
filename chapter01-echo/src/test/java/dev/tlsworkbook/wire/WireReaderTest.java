package dev.tlsworkbook.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.wire.DecodeException.Reason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WireReaderTest {

    /**
     * A structure using every reader method, written in the RFC 8446 §3 presentation language:
     * <pre>
     * struct {
     *     uint8 kind; uint16 version; uint24 body_length; uint32 counter; uint64 time;
     *     opaque random[4];
     *     opaque session_id&lt;0..32&gt;;
     *     uint16 suites&lt;2..2^16-2&gt;;
     *     opaque ticket&lt;1..2^16-1&gt;;
     *     opaque certificate&lt;0..2^24-1&gt;;
     * } Sample;
     * </pre>
     */
    record Sample(int kind, int version, int bodyLength, long counter, long time, Opaque random,
            Opaque sessionId, List<Integer> suites, Opaque ticket, Opaque certificate) {

        static Sample decode(WireReader in) {
            int kind = in.u8();
            int version = in.u16();
            int bodyLength = in.u24();
            long counter = in.u32();
            long time = in.u64();
            Opaque random = in.fixed(4);
            Opaque sessionId = in.opaque8(0, 32);
            WireReader suiteList = in.sub16(2, 0xfffe);
            List<Integer> suites = new ArrayList<>();
            while (suiteList.hasRemaining()) {
                suites.add(suiteList.u16());
            }
            Opaque ticket = in.opaque16(1, 0xffff);
            Opaque certificate = in.opaque24(0, 0xffffff);
            in.expectEnd();
            return new Sample(kind, version, bodyLength, counter, time, random, sessionId, suites,
                    ticket, certificate);
        }

        byte[] encode() {
            WireWriter out = new WireWriter();
            out.u8(kind).u16(version).u24(bodyLength).u32(counter).u64(time).bytes(random)
                    .opaque8(sessionId)
                    .prefixed16(list -> suites.forEach(list::u16))
                    .opaque16(ticket).opaque24(certificate);
            return out.toByteArray();
        }
    }

    static final Sample SAMPLE = new Sample(0xfe, 0x0303, 0xabcdef, 0xfffffffeL, 0x0102030405060708L,
            Opaque.fromHex("cafebabe"), Opaque.fromHex("0a0b"), List.of(0x1301, 0x1302),
            Opaque.fromHex("77"), Opaque.fromHex("c0ffee"));

    static final String SAMPLE_HEX = "fe 0303 abcdef fffffffe 0102030405060708 cafebabe 02 0a0b"
            + " 0004 1301 1302 0001 77 000003 c0ffee";

    @Test
    void decodesEachTypeBigEndianAsTheRfcStructSays() {
        assertEquals(SAMPLE, Sample.decode(WireReader.of(Opaque.fromHex(SAMPLE_HEX))));
    }

    @Test
    void roundTripsThroughTheWriterByteForByte() {
        byte[] encoded = SAMPLE.encode();
        assertEquals(Opaque.fromHex(SAMPLE_HEX), Opaque.of(encoded));
        assertEquals(SAMPLE, Sample.decode(WireReader.of(encoded)));
    }

    @Test
    void roundTripsExtremeIntegerValues() {
        byte[] bytes = new WireWriter().u8(0).u8(255).u16(0xffff).u24(0xffffff).u32(0xffffffffL)
                .u64(-1L).toByteArray();
        WireReader in = WireReader.of(bytes);
        assertEquals(0, in.u8());
        assertEquals(255, in.u8());
        assertEquals(0xffff, in.u16());
        assertEquals(0xffffff, in.u24());
        assertEquals(0xffffffffL, in.u32());
        assertEquals(-1L, in.u64());
        in.expectEnd();
    }

    @Test
    void rejectsEveryStrictPrefixAsTruncated() {
        byte[] full = Opaque.fromHex(SAMPLE_HEX).bytes();
        for (int n = 0; n < full.length; n++) {
            WireReader in = WireReader.of(Arrays.copyOf(full, n));
            DecodeException e = assertThrows(DecodeException.class, () -> Sample.decode(in),
                    "prefix of " + n + " bytes");
            assertEquals(Reason.TRUNCATED, e.reason(), "prefix of " + n + " bytes: " + e.getMessage());
        }
    }

    @Test
    void rejectsOneExtraByteAsTrailingData() {
        byte[] longer = Opaque.fromHex(SAMPLE_HEX + "00").bytes();
        DecodeException e = assertThrows(DecodeException.class,
                () -> Sample.decode(WireReader.of(longer)));
        assertEquals(Reason.TRAILING_DATA, e.reason());
    }

    @Test
    void rejectsVectorLengthsOutsideTheirBounds() {
        // session_id<0..32> with 33 bytes (all present), an empty suites<2..2^16-2>, an odd one.
        assertOutOfRange("21" + "00".repeat(33), in -> in.opaque8(0, 32));
        assertOutOfRange("0000", in -> in.sub16(2, 0xfffe));
        assertOutOfRange("0000", in -> in.opaque16(1, 0xffff));
        assertOutOfRange("000005 0102030405", in -> in.sub24(0, 4));
        assertOutOfRange("01 aa", in -> in.sub8(2, 3));
        assertOutOfRange("000001 aa", in -> in.opaque24(2, 3));
    }

    @Test
    void lengthBoundsAreCheckedBeforeTheBytesAreLookedFor() {
        // A huge claimed length fails for its size, not for the missing bytes behind it.
        assertOutOfRange("ffff", in -> in.opaque16(0, 1024));
    }

    @Test
    void anInnerLengthCannotReachPastItsEnclosingVector() {
        // The outer vector holds 4 bytes; the inner one claims 10. Bytes follow the outer vector,
        // but the child reader must not see them.
        WireReader in = WireReader.of(Opaque.fromHex("0004 0a414243 44454647 48494a4b"));
        WireReader outer = in.sub16(0, 0xffff);
        DecodeException e = assertThrows(DecodeException.class, () -> outer.opaque8(0, 255));
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(8, in.remaining());
    }

    @Test
    void subReadersSkipAndRestMoveThroughTheBuffer() {
        WireReader in = WireReader.of(Opaque.fromHex("01020304 0506"));
        WireReader first = in.sub(2);
        assertEquals(0x0102, first.u16());
        first.expectEnd();
        in.skip(1);
        assertEquals(3, in.position());
        assertEquals(Opaque.fromHex("040506"), in.rest());
        assertFalse(in.hasRemaining());
        assertThrows(DecodeException.class, () -> in.skip(1));
    }

    @Test
    void readsFromAnArraySliceAndAByteBufferWithoutMovingIt() {
        byte[] bytes = {9, 9, 1, 2, 9};
        assertEquals(0x0102, WireReader.of(bytes, 2, 2).u16());
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(2);
        assertEquals(0x0102, WireReader.of(buffer).u16());
        assertEquals(2, buffer.position());
    }

    @Test
    void aNegativeCountIsOurBugNotThePeers() {
        WireReader in = WireReader.of(new byte[4]);
        assertThrows(IllegalArgumentException.class, () -> in.skip(-1));
        assertThrows(IllegalArgumentException.class, () -> in.fixed(-1));
        assertThrows(IllegalArgumentException.class, () -> in.sub(-1));
        assertEquals(0, in.position());
    }

    @Test
    void randomBytesOnlyEverFailWithDecodeException() {
        Random random = new Random(20240601L);
        byte[] valid = Opaque.fromHex(SAMPLE_HEX).bytes();
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(64)];
                random.nextBytes(input);
            } else {
                // Mutations of a valid encoding reach deeper into the structure.
                input = valid.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
                input = Arrays.copyOf(input, Math.max(0, input.length - random.nextInt(3)));
            }
            try {
                Sample.decode(WireReader.of(input));
                decoded++;
            } catch (DecodeException expected) {
                // the only way decoding may fail
            } catch (RuntimeException other) {
                fail("input " + Opaque.of(input).hex() + " threw " + other);
            }
        }
        // Mutations that leave the lengths alone decode; make sure the loop reached that far.
        assertFalse(decoded == 0, "no input decoded: the loop never got past the first fields");
    }

    private static void assertOutOfRange(String hex, java.util.function.Consumer<WireReader> read) {
        WireReader in = WireReader.of(Opaque.fromHex(hex));
        DecodeException e = assertThrows(DecodeException.class, () -> read.accept(in), hex);
        assertEquals(Reason.LENGTH_OUT_OF_RANGE, e.reason(), hex + ": " + e.getMessage());
    }
}
