package dev.tlsworkbook.engine.interop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the external programs the interop tests run. A missing one fails the test with a message
 * saying how to install it: these tests are part of the normal build and are never skipped.
 */
public final class Tools {
    private Tools() {
    }

    public static void require(String program) {
        if (find(program) == null) {
            throw new AssertionError("'" + program + "' is required by the interoperability tests but is not on"
                    + " the PATH; install it (Debian/Ubuntu: apt-get install " + program + ") and run the build again");
        }
    }

    public static Path find(String program) {
        if (program.contains(File.separator)) {
            return Files.isExecutable(Path.of(program)) ? Path.of(program) : null;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
