package dev.tlsworkbook.engine.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code HandshakeDemo} in its own JVM, on this test run's class path, as a user would. */
final class DemoProcess {
    private DemoProcess() {
    }

    static ExternalProcess start(Path directory, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.tlsworkbook.engine.demo.HandshakeDemo"));
        command.addAll(List.of(args));
        return ExternalProcess.start(directory, command.toArray(String[]::new));
    }
}
