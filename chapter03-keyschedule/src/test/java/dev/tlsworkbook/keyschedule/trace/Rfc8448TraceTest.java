package dev.tlsworkbook.keyschedule.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlsworkbook.bytes.Opaque;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Reading RFC 8448 from its text, page breaks and all. */
class Rfc8448TraceTest {

    @Test
    void pageBreakInsideAHexDumpIsSkipped() {
        List<String> text = RfcText.withoutPagination(List.of(
                "3.  Simple 1-RTT Handshake",
                "   {server}  derive secret \"tls13 c hs traffic\":",
                "",
                "      PRK (20 octets):  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f",
                "",
                "",
                "Thomson                       Informational                     [Page 5]",
                "\f",
                "RFC 8448                     TLS 1.3 Traces                 January 2019",
                "",
                "",
                "         10 11 12 13",
                "",
                "      hash (0 octets):  (empty)"));
        Rfc8448Trace trace = Rfc8448Trace.parse(text);
        var step = trace.step(3, "{server}  derive secret \"tls13 c hs traffic\":");
        assertEquals(Opaque.fromHex("000102030405060708090a0b0c0d0e0f10111213"), step.value("PRK"));
        assertEquals(Opaque.EMPTY, step.value("hash"));
    }

    @Test
    void aDumpShorterThanItsOctetCountIsAnError() {
        List<String> text = List.of("3.  X", "   {client}  send:", "      payload (4 octets):  01 02 03", "   {server}  next:");
        assertThrows(IllegalArgumentException.class, () -> Rfc8448Trace.parse(text));
    }

    @Test
    void wholeRfcParsesWithEveryValueOfItsStatedLength() {
        Rfc8448Trace rfc = Rfc8448Trace.load();
        for (int section = 3; section <= 7; section++) {
            assertTrue(rfc.steps(section).size() > 20, "§" + section);
        }
        // a value that the RFC splits across a page break (§3, page 10/11)
        assertEquals(32, rfc.step(3, "{server} derive secret \"tls13 s ap traffic\"").value("expanded").length());
        assertEquals(657, rfc.step(3, "{server} send handshake record", 1).value("payload").length());
        assertEquals("§3 {client}  extract secret \"handshake\" (same as server handshake secret)",
                rfc.step(3, "{client} extract secret \"handshake\" (same as server handshake secret)").toString());
    }

    @Test
    void unknownStepsAndValuesAreReportedByName() {
        Rfc8448Trace rfc = Rfc8448Trace.load();
        assertThrows(NoSuchElementException.class, () -> rfc.step(3, "{server} dance"));
        var e = assertThrows(NoSuchElementException.class, () -> rfc.step(3, "{server} extract secret \"early\"").value("PRK"));
        assertTrue(e.getMessage().contains("secret"), e.getMessage());
    }
}
