package dev.tlsworkbook.engine.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process (openssl, curl, and in chapter 5 swaks and mail servers) for the interop tests: its standard output and error are read
 * by two threads into one transcript, a test waits for a pattern to appear with a deadline, and
 * {@link #close()} kills whatever is still running, so no test leaves a process behind.
 */
public final class ExternalProcess implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ExternalProcess(List<String> command, Process process) {
        this.command = List.copyOf(command);
        this.process = process;
        this.stdoutReader = pump(process.getInputStream(), "stdout");
        this.stderrReader = pump(process.getErrorStream(), "stderr");
    }

    /** Starts {@code command} in {@code directory}; fails the test clearly if the program is missing. */
    public static ExternalProcess start(Path directory, String... command) throws IOException {
        Tools.require(command[0]);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        return new ExternalProcess(List.of(command), builder.start());
    }

    /** Everything the process has printed so far, stdout and stderr interleaved as they arrived. */
    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /**
     * Waits until the output matches {@code regex} and returns the first match.
     *
     * @throws AssertionError with the whole output if it does not appear in time or the process exits first
     */
    public Matcher await(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                Matcher matcher = pattern.matcher(output);
                if (matcher.find()) {
                    return matcher;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no /" + regex + "/ after " + timeout + " from " + this
                            + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")")
                            + "; output:\n" + output);
                }
                if (!process.isAlive() && !stdoutReader.isAlive() && !stderrReader.isAlive()) {
                    throw new AssertionError("no /" + regex + "/: " + this + " exited " + process.exitValue()
                            + "; output:\n" + output);
                }
                output.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
            }
        }
    }

    /** Writes {@code text} to the process's standard input and flushes it. */
    public void send(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Closes the process's standard input (end of file). */
    public void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for the process to exit on its own and returns its exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(this + " still running after " + timeout + "; output:\n" + output());
        }
        stdoutReader.join(timeout.toMillis());
        stderrReader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Kills the process if it still runs and waits briefly for it and its reader threads. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            stdoutReader.join(5_000);
            stderrReader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }

    private Thread pump(InputStream stream, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (stream) {
                int n;
                while ((n = stream.read(buffer)) != -1) {
                    String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
                    synchronized (output) {
                        output.append(text);
                        output.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process was destroyed; what it printed so far is kept.
            } finally {
                synchronized (output) {
                    output.notifyAll();
                }
            }
        }, command.get(0) + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The listening port openssl s_server prints once it accepts ({@code ACCEPT 127.0.0.1:PORT}). */
    public static int acceptedPort(ExternalProcess server) throws InterruptedException {
        return Integer.parseInt(server.await("ACCEPT 127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(10)).group(1));
    }

    /** Arguments, built up conditionally. */
    public static List<String> args(String... first) {
        return new ArrayList<>(List.of(first));
    }
}
