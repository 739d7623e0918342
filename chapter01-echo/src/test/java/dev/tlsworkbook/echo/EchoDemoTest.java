package dev.tlsworkbook.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.io.EchoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EchoDemoTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private static final ByteArrayInputStream NO_INPUT = new ByteArrayInputStream(new byte[0]);

    @Test
    void theWalkthroughShowsEachLessonAndLeavesNoServerThreads() throws Exception {
        assertEquals(0, EchoDemo.run(new String[0], out, NO_INPUT));
        String text = output();
        assertTrue(text.contains("< TCP carries bytes, not messages"), text);
        assertTrue(text.contains("102,400 bytes back in"), text);
        assertTrue(text.contains("identical: true"), text);
        assertTrue(text.contains("< 14 bytes in"), text);
        assertTrue(text.contains("  0000  00 05 68 65 6c 6c 6f 00  00 00 08 66 72 61 6d 69  |..hello....frami|"), text);
        assertTrue(text.contains("echoed frames \"hello\" \"\" \"framing!\""), text);
        assertTrue(text.contains("-> LENGTH_OUT_OF_RANGE"), text);
        assertTrue(text.contains("-> TRUNCATED"), text);
        assertTrue(text.contains("-> TRAILING_DATA"), text);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().matches("echo-\\d+-.*")),
                "server threads left running");
    }

    @Test
    void clientModeEchoesTheLinesOfStandardInput() throws Exception {
        try (EchoServer server = EchoServer.startOnLoopback(0, 1, EchoServer.ECHO)) {
            ByteArrayInputStream stdin = new ByteArrayInputStream(
                    "first line\nsecond line\n".getBytes(StandardCharsets.UTF_8));
            int code = EchoDemo.run(new String[] {"client", "127.0.0.1", String.valueOf(server.port())},
                    out, stdin);
            assertEquals(0, code);
            assertEquals("first line\nsecond line\n", output().replace("\r\n", "\n"));
        }
    }

    @Test
    void helpPrintsUsage() throws Exception {
        assertEquals(0, EchoDemo.run(new String[] {"--help"}, out, NO_INPUT));
        assertTrue(output().startsWith("usage: EchoDemo"));
    }

    @Test
    void badArgumentsExitWithTwo() throws Exception {
        assertEquals(2, EchoDemo.run(new String[] {"bogus"}, out, NO_INPUT));
        assertEquals(2, EchoDemo.run(new String[] {"client", "localhost"}, out, NO_INPUT));
        assertEquals(2, EchoDemo.run(new String[] {"client", "localhost", "99999"}, out, NO_INPUT));
        assertEquals(2, EchoDemo.run(new String[] {"server", "--port"}, out, NO_INPUT));
        assertEquals(2, EchoDemo.run(new String[] {"server", "--nope"}, out, NO_INPUT));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
