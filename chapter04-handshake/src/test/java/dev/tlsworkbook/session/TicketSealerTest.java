package dev.tlsworkbook.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The version-neutral sealer under rotating keys, and the bounded single-use store. */
class TicketSealerTest {
    private static final Instant T0 = Instant.parse("2026-01-15T12:00:00Z");
    private static final SealedState STATE = new SealedState(SealedState.Purpose.TICKET, 0x0304, Opaque.fromHex("0102030405"));

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void opensWhatItSealedAndCarriesTheKeyNameInClear() {
        TicketSealer sealer = new TicketSealer(TicketKeys.rotating(new SecureRandom(), Clock.fixed(T0, ZoneOffset.UTC),
                TicketKeys.DEFAULT_ROTATION), new SecureRandom());
        Opaque blob = sealer.seal(STATE);
        assertEquals(Optional.of(STATE.state()), sealer.open(blob, SealedState.Purpose.TICKET, 0x0304));
        assertEquals(sealer.keys().current().name(), blob.slice(0, TicketKeys.NAME_LENGTH));
        // Two seals of the same state differ (fresh nonce), so tickets cannot be linked by their bytes.
        assertFalse(blob.equals(sealer.seal(STATE)));
    }

    @Test
    void refusesAnotherPurposeOrVersion() {
        TicketSealer sealer = new TicketSealer(TicketKeys.rotating(new SecureRandom(), Clock.systemUTC(), Duration.ofHours(1)), new SecureRandom());
        Opaque blob = sealer.seal(STATE);
        assertEquals(Optional.empty(), sealer.open(blob, SealedState.Purpose.COOKIE, 0x0304));
        // A TLS 1.3 ticket is never resumed as TLS 1.2.
        assertEquals(Optional.empty(), sealer.open(blob, SealedState.Purpose.TICKET, 0x0303));
    }

    @Test
    void refusesEveryAlteredByte() {
        TicketSealer sealer = new TicketSealer(TicketKeys.rotating(new SecureRandom(), Clock.systemUTC(), Duration.ofHours(1)), new SecureRandom());
        byte[] blob = sealer.seal(STATE).bytes();
        for (int i = 0; i < blob.length; i++) {
            byte[] altered = blob.clone();
            altered[i] ^= 0x01;
            assertEquals(Optional.empty(), sealer.open(Opaque.of(altered), SealedState.Purpose.TICKET, 0x0304), "byte " + i);
        }
        for (int n = 0; n < blob.length; n++) {
            assertEquals(Optional.empty(), sealer.open(Opaque.of(blob, 0, n), SealedState.Purpose.TICKET, 0x0304), "prefix " + n);
        }
    }

    @Test
    void acceptsTheCurrentAndPreviousKeyOnly() {
        MovableClock clock = new MovableClock();
        TicketSealer sealer = new TicketSealer(TicketKeys.rotating(new SecureRandom(), clock, Duration.ofHours(12)), new SecureRandom());
        Opaque old = sealer.seal(STATE);
        clock.advance(Duration.ofHours(13));
        Opaque newer = sealer.seal(STATE);
        assertTrue(sealer.open(old, SealedState.Purpose.TICKET, 0x0304).isPresent(), "previous key still opens");
        assertTrue(sealer.open(newer, SealedState.Purpose.TICKET, 0x0304).isPresent());
        clock.advance(Duration.ofHours(12));
        sealer.seal(STATE);
        assertEquals(Optional.empty(), sealer.open(old, SealedState.Purpose.TICKET, 0x0304), "two rotations later it is gone");
        assertTrue(sealer.open(newer, SealedState.Purpose.TICKET, 0x0304).isPresent());
    }

    @Test
    void anotherKeySetOpensNothing() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        Opaque blob = new TicketSealer(TicketKeys.rotating(new SecureRandom(), clock, Duration.ofHours(12)), new SecureRandom()).seal(STATE);
        TicketSealer restarted = new TicketSealer(TicketKeys.rotating(new SecureRandom(), clock, Duration.ofHours(12)), new SecureRandom());
        assertEquals(Optional.empty(), restarted.open(blob, SealedState.Purpose.TICKET, 0x0304));
    }

    @Test
    void antiReplayAcceptsEachIdOnceAndForgetsItAfterExpiry() {
        MovableClock clock = new MovableClock();
        AntiReplay store = new AntiReplay(clock, 2);
        Opaque a = Opaque.fromHex("aa");
        assertTrue(store.firstUse(a, T0.plusSeconds(60)));
        assertFalse(store.firstUse(a, T0.plusSeconds(60)), "replay");
        assertTrue(store.firstUse(Opaque.fromHex("bb"), T0.plusSeconds(60)));
        // Full: refuses rather than forgets (a refusal only costs the client its 0-RTT).
        assertFalse(store.firstUse(Opaque.fromHex("cc"), T0.plusSeconds(60)));
        clock.advance(Duration.ofSeconds(61));
        assertTrue(store.firstUse(Opaque.fromHex("cc"), T0.plusSeconds(200)));
        assertEquals(1, store.size());
    }
}
