package dev.tlsworkbook.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Re-runs every command whose output the docs show and compares it with the page
 * (docs/README.md, "Sample outputs are checked"). Commands run from the repository root under
 * {@code bash}, with an {@code mvn} on the PATH that runs the chapter's demo in one JVM
 * ({@link MvnShim}), so the whole check takes seconds, not a Maven start per block.
 *
 * <p>{@code mvn -pl docs test -Ddocs.update=true} (after building the chapters) writes the
 * actual output into every block that no longer matches and has no elisions, for a person to
 * review with {@code git diff}.
 *
 * @since chapter04
 */
class DocOutputTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final long TIMEOUT_SECONDS = 60;
    private static final boolean UPDATE = Boolean.getBoolean("docs.update");
    private static Path shimDir;

    @BeforeAll
    static void installMvnShim() throws IOException {
        shimDir = Files.createTempDirectory("doc-check-");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path mvn = shimDir.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\nexec '" + java + "' -cp '" + classPath + "' " + MvnShim.class.getName()
                + " \"$@\"\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void removeShim() throws IOException {
        try (Stream<Path> files = Files.walk(shimDir)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static List<DocPage> pages() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<DocPage> pages = new ArrayList<>();
        for (Path f : files) {
            pages.add(DocPage.read(f));
        }
        return pages;
    }

    @Test
    void everyOutputBlockIsMarkedAndEveryFenceCloses() throws IOException {
        List<String> problems = new ArrayList<>();
        for (DocPage page : pages()) {
            problems.addAll(page.problems());
            for (DocPage.Block b : page.blocks()) {
                if (b.kind() == DocPage.Kind.UNMARKED) {
                    problems.add(b.where() + ": a bare ``` block needs <!-- output: COMMAND --> or"
                            + " <!-- illustrative: REASON --> before it (commands go in ```sh blocks)");
                }
                if (b.kind() == DocPage.Kind.ILLUSTRATIVE && b.command().isBlank()) {
                    problems.add(b.where() + ": an illustrative block says why it is not checked");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @TestFactory
    Stream<DynamicTest> everySampleOutputIsWhatItsCommandPrints() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (DocPage page : pages()) {
            for (DocPage.Block b : page.blocks()) {
                if (b.kind() == DocPage.Kind.OUTPUT) {
                    // which block of this page with this command: an update above it may move its line
                    int ordinal = (int) page.blocks().stream().filter(o -> o.command().equals(b.command())
                            && o.startLine() < b.startLine()).count();
                    tests.add(DynamicTest.dynamicTest(b.where() + " " + b.command(), () -> check(b, ordinal)));
                }
            }
        }
        assertTrue(!tests.isEmpty(), "no checked sample outputs found under " + ROOT.resolve("docs"));
        return tests.stream();
    }

    private static void check(DocPage.Block block, int ordinal) throws Exception {
        Process server = block.server().isPresent() ? startServer(block.server().get()) : null;
        Run run;
        try {
            run = run(block.command());
        } finally {
            if (server != null) {
                stop(server);
            }
        }
        List<String> page = SampleOutput.normalise(block.content());
        List<String> actual = SampleOutput.normalise(run.lines());
        boolean same = SampleOutput.matches(page, actual);
        if (!same && UPDATE && !SampleOutput.hasElision(block.content())) {
            DocPage fresh = DocPage.read(block.file());
            DocPage.Block now = fresh.blocks().stream().filter(b -> b.command().equals(block.command()))
                    .skip(ordinal).findFirst().orElseThrow();
            List<String> content = new ArrayList<>(run.lines());
            while (!content.isEmpty() && content.get(content.size() - 1).isBlank()) {
                content.remove(content.size() - 1);
            }
            Files.write(block.file(), fresh.withContent(now, content), StandardCharsets.UTF_8);
            same = true;
        }
        if (!same) {
            fail(block.where() + ": the page does not show what `" + block.command() + "` prints.\n--- page (normalised)\n"
                    + String.join("\n", page) + "\n--- actual (normalised)\n" + String.join("\n", actual) + "\n---");
        }
        assertEquals(block.exitStatus(), run.status(), block.where() + ": exit status of `" + block.command() + "`");
    }

    record Run(List<String> lines, int status) {
    }

    private static ProcessBuilder bash(String command) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).directory(ROOT.toFile())
                .redirectErrorStream(true);
        pb.environment().put("PATH", shimDir + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().remove("SSLKEYLOGFILE");
        return pb;
    }

    static Run run(String command) throws Exception {
        Process p = bash(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("`" + command + "` did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Run(new String(out, StandardCharsets.UTF_8).lines().toList(), p.exitValue());
    }

    /** Starts a server command and waits for its first line (it says where it listens). */
    private static Process startServer(String command) throws Exception {
        Process p = bash(command).start();
        InputStream in = p.getInputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        if (c == -1) {
            stop(p);
            fail("server `" + command + "` ended before it printed a line");
        }
        Thread drain = new Thread(() -> {
            try {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the server was stopped
            }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
