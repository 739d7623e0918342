package dev.tlsworkbook.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, briefly, in this JVM, so a change that breaks one (an exception in
 * set-up, a record that no longer opens) fails the build. It measures nothing worth reading.
 */
class BenchmarkSmokeTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyBenchmarkRunsAndTheReportRendersIt(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("smoke.csv");
        Options options = new OptionsBuilder()
                .include("dev\\.tlsworkbook\\.bench\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(60))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.CSV)
                .result(csv.toString())
                .output(dir.resolve("smoke.log").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();

        // 3 AEADs × 3 sizes × (3 record layer + 3 TLS 1.2 record layer + 3 raw + 2 SSLEngine) + 6 handshakes
        // (the workbook's with x25519, X25519MLKEM768 and RSA-2048, the JDK's with P-256 and RSA-2048, Bouncy
        // Castle's JSSE) + 17 primitives × 2 implementations
        assertEquals(3 * 3 * (3 + 3 + 3 + 2) + 6 + 34, results.size());
        for (RunResult result : results) {
            assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().getBenchmark());
        }
        String report = new BenchReport(Files.readAllLines(csv)).render();
        assertTrue(report.contains("| AES_128_GCM | 16384 |"), report);
        assertTrue(report.contains("| jdkSslEngine |"), report);
        assertTrue(report.contains("| workbookEngine |"), report);
        assertTrue(report.contains("| workbookEngineX25519MlKem768 (X25519MLKEM768) |"), report);
        assertTrue(report.contains("| bcJsseEngine |"), report);
        assertTrue(report.contains("| workbookEngineRsa2048 |"), report);
        assertTrue(report.contains("| jdkSslEngineRsa2048 |"), report);
        assertTrue(report.contains("| ECDSA_P256_VERIFY |"), report);
        assertTrue(report.contains("| left for parsing, state, records, allocation |"), report);
    }
}
