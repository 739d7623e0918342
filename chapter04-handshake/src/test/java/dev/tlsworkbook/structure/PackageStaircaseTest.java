package dev.tlsworkbook.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * GUIDE §6: imports inside chapter 4 form a staircase. A package may import only packages on a
 * lower step (or its own), so the state contract never depends on the states, the states never on
 * the engine, and the configuration never on the engine.
 */
class PackageStaircaseTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package (dev\\.tlsworkbook[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.tlsworkbook(?:\\.[a-z]\\w*)+)\\.[A-Z]",
            Pattern.MULTILINE);

    /** Lower steps first; packages of earlier chapters are below every one of these. */
    private static final List<String> STEPS = List.of(
            "session",
            "handshake.extension",
            "handshake.message",
            "handshake.auth",
            "handshake.state",
            "handshake.resumption",
            "config",
            "handshake.clientauth",
            "handshake.connected",
            "handshake.client handshake.server",
            "engine",
            "engine.nio",
            "engine.demo");

    @Test
    void everyImportGoesDownTheStaircase() {
        Map<String, Integer> step = new java.util.HashMap<>();
        for (int i = 0; i < STEPS.size(); i++) {
            for (String p : STEPS.get(i).split(" ")) {
                step.put("dev.tlsworkbook." + p, i);
            }
        }
        List<String> upward = new ArrayList<>();
        TreeSet<String> unplaced = new TreeSet<>();
        for (Path file : javaFiles()) {
            String source = read(file);
            Matcher pm = PACKAGE.matcher(source);
            if (!pm.find()) {
                continue;
            }
            String from = pm.group(1);
            Integer fromStep = step.get(from);
            if (fromStep == null) {
                unplaced.add(from);
                continue;
            }
            Matcher im = IMPORT.matcher(source);
            while (im.find()) {
                Integer toStep = step.get(im.group(1));
                boolean sameStepOtherPackage = toStep != null && toStep.equals(fromStep) && !im.group(1).equals(from);
                if (toStep != null && (toStep > fromStep || sameStepOtherPackage)) {
                    upward.add(SOURCES.relativize(file) + " imports " + im.group(1));
                }
            }
        }
        assertEquals(List.of(), List.copyOf(unplaced), "every chapter 4 package has a step");
        assertEquals(List.of(), upward, "imports that go up or sideways");
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
