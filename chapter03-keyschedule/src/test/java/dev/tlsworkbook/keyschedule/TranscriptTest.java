package dev.tlsworkbook.keyschedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tlsworkbook.bytes.Opaque;
import dev.tlsworkbook.crypto.HashAlgorithm;
import org.junit.jupiter.api.Test;

/** The running transcript hash (RFC 8446 §4.4.1). */
class TranscriptTest {
    private static final Opaque CLIENT_HELLO = Opaque.fromHex("01000003aabbcc");
    private static final Opaque SERVER_HELLO = Opaque.fromHex("0200000101");

    @Test
    void emptyTranscriptHashesNothing() {
        assertEquals(Opaque.of(HashAlgorithm.SHA384.digest(new byte[0])), Transcript.of(HashAlgorithm.SHA384).currentHash());
    }

    @Test
    void hashIsOverTheConcatenatedMessages() {
        Transcript t = Transcript.of(HashAlgorithm.SHA256).add(CLIENT_HELLO).add(SERVER_HELLO);
        assertEquals(Opaque.of(HashAlgorithm.SHA256.digest(CLIENT_HELLO.concat(SERVER_HELLO).bytes())), t.currentHash());
        assertEquals(2, t.messageCount());
    }

    @Test
    void addingLeavesEarlierSnapshotsUnchanged() {
        Transcript first = Transcript.of(HashAlgorithm.SHA256).add(CLIENT_HELLO);
        Opaque before = first.currentHash();
        Transcript second = first.add(SERVER_HELLO);
        assertEquals(before, first.currentHash());
        assertEquals(before, first.currentHash(), "asking twice does not consume the digest");
        assertNotEquals(before, second.currentHash());
    }

    @Test
    void aRetainingTranscriptKeepsTheMessagesInOrderAndEachSnapshotItsOwn() {
        Transcript first = Transcript.retainingMessages(HashAlgorithm.SHA384).add(CLIENT_HELLO);
        Transcript second = first.add(SERVER_HELLO);
        Transcript branch = first.add(CLIENT_HELLO);
        assertEquals(CLIENT_HELLO, first.messages());
        assertEquals(CLIENT_HELLO.concat(SERVER_HELLO), second.messages());
        assertEquals(CLIENT_HELLO.concat(CLIENT_HELLO), branch.messages());
        assertEquals(Opaque.of(HashAlgorithm.SHA384.digest(second.messages().bytes())), second.currentHash());
        assertEquals(Opaque.EMPTY, Transcript.retainingMessages(HashAlgorithm.SHA256).messages());
    }

    @Test
    void aHashOnlyTranscriptHasNoMessagesToGive() {
        Transcript t = Transcript.of(HashAlgorithm.SHA256).add(CLIENT_HELLO);
        org.junit.jupiter.api.Assertions.assertFalse(t.retainsMessages());
        assertThrows(IllegalStateException.class, t::messages);
    }

    @Test
    void rejectsBytesThatAreNotOneWholeHandshakeMessage() {
        Transcript t = Transcript.of(HashAlgorithm.SHA256);
        assertThrows(IllegalArgumentException.class, () -> t.add(Opaque.fromHex("010000")));
        assertThrows(IllegalArgumentException.class, () -> t.add(Opaque.fromHex("01000004aabbcc")));
        assertThrows(IllegalArgumentException.class, () -> t.add(CLIENT_HELLO.concat(SERVER_HELLO)));
    }

    @Test
    void messageHashReplacesOnlyAFirstClientHello() {
        assertThrows(IllegalStateException.class, () -> Transcript.of(HashAlgorithm.SHA256).replaceClientHelloWithMessageHash());
        assertThrows(IllegalStateException.class,
                () -> Transcript.of(HashAlgorithm.SHA256).add(CLIENT_HELLO).add(SERVER_HELLO).replaceClientHelloWithMessageHash());
        Transcript replaced = Transcript.of(HashAlgorithm.SHA384).add(CLIENT_HELLO).replaceClientHelloWithMessageHash();
        Opaque synthetic = Opaque.fromHex("fe000030").concat(Opaque.of(HashAlgorithm.SHA384.digest(CLIENT_HELLO.bytes())));
        assertEquals(Opaque.of(HashAlgorithm.SHA384.digest(synthetic.bytes())), replaced.currentHash());
    }

    @Test
    void truncatedClientHelloIsHashedAsItIsWithoutChangingTheTranscript() {
        Opaque full = Opaque.fromHex("010000060102030405aa");
        Opaque truncated = full.slice(0, 7);
        Transcript t = Transcript.of(HashAlgorithm.SHA256);
        assertEquals(Opaque.of(HashAlgorithm.SHA256.digest(truncated.bytes())), t.hashWithTruncatedClientHello(truncated));
        assertEquals(0, t.messageCount());
        assertThrows(IllegalArgumentException.class, () -> t.hashWithTruncatedClientHello(full), "not truncated");
        assertThrows(IllegalArgumentException.class, () -> t.hashWithTruncatedClientHello(Opaque.fromHex("0200000601")));
    }
}
