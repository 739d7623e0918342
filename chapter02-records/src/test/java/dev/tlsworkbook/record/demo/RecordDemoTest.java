package dev.tlsworkbook.record.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordDemoTest {

    @ParameterizedTest
    @ValueSource(strings = {"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    void theDemoEchoesOverRecordsAndShowsBadRecordMacForATamperedRecord(String suite) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> RecordDemo.run(new String[] {"--suite", suite}, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code);
        assertTrue(out.contains("FIXED DEMO KEY"), out);
        assertTrue(out.contains("client got back \"hello, records\""), out);
        assertTrue(out.contains("record APPLICATION_DATA(23) 0x0303 len=32"), out);
        assertTrue(out.contains("the server answered with Alert{level=FATAL(2), description=bad_record_mac(20)}"), out);
        assertTrue(out.contains("and then closed the connection: read() = -1"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--suite NOPE", "--suite", "server --port x", "client host", "bogus"})
    void badArgumentsExitWithTwo(String args) throws Exception {
        assertEquals(2, RecordDemo.run(args.split(" "), new PrintStream(new ByteArrayOutputStream())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help"})
    void helpPrintsUsage(String arg) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(0, RecordDemo.run(new String[] {arg}, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("usage: RecordDemo"));
    }
}
