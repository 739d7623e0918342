package dev.tlsworkbook.keyschedule.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.keyschedule.trace.Rfc8448Trace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo's modes run, agree with the RFC, and exit with the documented codes. */
class KeyScheduleDemoTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(30)
    void toyExchangeDerivesTheSameKeysOnBothSidesAndEchoesUnderThem() throws Exception {
        assertEquals(0, KeyScheduleDemo.run(new String[] {"--seed", "1"}, out));
        assertTrue(output().contains("✓ SERVER_APPLICATION_TRAFFIC"), output());
        assertTrue(output().contains("got back \"hello under keys nobody sent\""), output());
        assertTrue(output().contains("first protected record on the wire"), output());
    }

    @Test
    void rfc8448ReplayMatchesEveryValue() throws Exception {
        assertEquals(0, KeyScheduleDemo.run(new String[] {"rfc8448"}, out));
        assertTrue(output().contains("all 30 values match RFC 8448 ✓"), output());
        assertTrue(Rfc8448Replay.section3(Rfc8448Trace.load()).stream().allMatch(Rfc8448Replay.Check::matches));
    }

    @Test
    void keylogModeReproducesOpenSslsExporterValue(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("k.log");
        try (var in = getClass().getClassLoader().getResourceAsStream("vectors/openssl-keylog-exporter.txt")) {
            Files.write(log, in.readAllBytes());
        }
        assertEquals(0, KeyScheduleDemo.run(new String[] {"keylog", log.toString(), "EXPERIMENTAL-workbook", "32"}, out));
        assertTrue(output().contains("= 58711B8DCBDE7139AF983A0ED8004CAE75AC628A2324683AD206D89787110F1C"), output());
    }

    @Test
    void helpAndBadArguments() throws Exception {
        assertEquals(0, KeyScheduleDemo.run(new String[] {"--help"}, out));
        assertTrue(output().startsWith("usage:"));
        assertEquals(2, KeyScheduleDemo.run(new String[] {"dance"}, out));
        assertEquals(2, KeyScheduleDemo.run(new String[] {"--seed"}, out));
        assertEquals(2, KeyScheduleDemo.run(new String[] {"rfc8448", "extra"}, out));
        assertEquals(2, KeyScheduleDemo.run(new String[] {"keylog", "f", "label"}, out));
    }
}
