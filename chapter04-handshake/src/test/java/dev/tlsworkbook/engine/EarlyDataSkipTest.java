package dev.tlsworkbook.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.alert.AlertDescription;
import dev.tlsworkbook.alert.TlsException;
import dev.tlsworkbook.alert.Violation;
import dev.tlsworkbook.handshake.extension.EarlyData;
import dev.tlsworkbook.handshake.extension.Extension;
import dev.tlsworkbook.handshake.message.ClientHello;
import dev.tlsworkbook.record.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RFC 8446 §4.2.10: a server that does not accept 0-RTT "skip[s] past early data" — records it
 * cannot deprotect — "up to the configured max_early_data_size", and fails past it. Our server
 * never accepts early data; {@code TlsConfig.maxEarlyDataSkip} is that limit.
 */
class EarlyDataSkipTest {
    private static final int LIMIT = 4096;
    private static final int RECORD = 1000;

    @Test
    void completesTheHandshakeAfterSkippingEarlyDataUpToTheLimit() {
        ScriptedClient client = ScriptedClient.hello(Peers.server(70).maxEarlyDataSkip(LIMIT), EarlyDataSkipTest::offerEarlyData);
        // Four records of 1000 bytes: 4000 bytes, within the 4096-byte limit.
        for (int i = 0; i < LIMIT / RECORD; i++) {
            client.send(fakeEarlyData(i));
        }
        client.finish();
        assertTrue(client.server().isHandshakeComplete());
        client.sendApplicationData("first record after the handshake");
        assertEquals("first record after the handshake", new String(Peers.readAll(client.server()), StandardCharsets.UTF_8));
    }

    @Test
    void failsWithBadRecordMacOnceTheSkippedBytesPassTheLimit() {
        ScriptedClient client = ScriptedClient.hello(Peers.server(71).maxEarlyDataSkip(LIMIT), EarlyDataSkipTest::offerEarlyData);
        for (int i = 0; i < LIMIT / RECORD; i++) {
            client.send(fakeEarlyData(i));
        }
        // The fifth record would make 5000 skipped bytes.
        TlsException e = assertThrows(TlsException.class, () -> client.send(fakeEarlyData(99)));
        assertEquals(Optional.of(Violation.BAD_RECORD_MAC), e.violation(), e.getMessage());
        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
    }

    @Test
    void skipsNothingWhenTheClientOfferedNoEarlyData() {
        ScriptedClient client = ScriptedClient.hello(Peers.server(72).maxEarlyDataSkip(LIMIT), ch -> ch);
        TlsException e = assertThrows(TlsException.class, () -> client.send(fakeEarlyData(0)));
        assertEquals(Optional.of(Violation.BAD_RECORD_MAC), e.violation(), e.getMessage());
    }

    static ClientHello offerEarlyData(ClientHello ch) {
        List<Extension> extensions = new ArrayList<>(ch.extensions().extensions());
        extensions.add(new EarlyData());
        return BadPeerTest.withExtensions(ch, extensions);
    }

    /** What 0-RTT looks like to a server without the PSK: random bytes in an application_data record. */
    static byte[] fakeEarlyData(int seed) {
        byte[] body = new byte[RECORD];
        new Random(seed).nextBytes(body);
        return Tamper.plaintextRecord(ContentType.APPLICATION_DATA, body);
    }
}
