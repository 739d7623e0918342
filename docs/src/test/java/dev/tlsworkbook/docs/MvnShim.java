package dev.tlsworkbook.docs;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for {@code mvn} when {@link DocOutputTest} re-runs a command from the docs: it
 * understands exactly the form the docs use, {@code mvn -q -pl MODULE exec:java
 * [-Dexec.args="…"]}, and runs the module's demo class (its {@code exec.mainClass} property) in
 * this JVM with the test class path, instead of starting Maven. Logging is set up as Maven's
 * {@code -q} leaves it: only errors, printed as {@code [ERROR] message}.
 *
 * <p>Anything else (another goal, a missing {@code -q}) exits with status 64 and says why, so a
 * doc command that the check cannot reproduce fails loudly instead of being skipped.
 *
 * @since chapter04
 */
public final class MvnShim {
    private static final Pattern MAIN_CLASS = Pattern.compile("<exec\\.mainClass>([^<]+)</exec\\.mainClass>");

    private MvnShim() {
    }

    public static void main(String[] args) throws Throwable {
        String module = null;
        String execArgs = "";
        boolean quiet = false;
        boolean execJava = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-q")) {
                quiet = true;
            } else if (a.equals("-B") || a.equals("-o")) {
                continue;
            } else if (a.equals("-pl") && i + 1 < args.length) {
                module = args[++i];
            } else if (a.equals("exec:java")) {
                execJava = true;
            } else if (a.startsWith("-Dexec.args=")) {
                execArgs = a.substring("-Dexec.args=".length());
            } else {
                refuse("unsupported argument " + a);
            }
        }
        if (!quiet || !execJava || module == null) {
            refuse("the docs' commands have the form mvn -q -pl MODULE exec:java [-Dexec.args=\"…\"]");
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        Method main = Class.forName(mainClass(module)).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) split(execArgs));
        } catch (InvocationTargetException e) {
            System.out.println("[ERROR] " + e.getCause());
            System.exit(1);
        }
    }

    /** The module's demo, from the {@code exec.mainClass} property of its pom.xml. */
    static String mainClass(String module) throws IOException {
        Path pom = Path.of(module, "pom.xml");
        if (!Files.exists(pom)) {
            refuse("no module " + module + " (no " + pom.toAbsolutePath() + ")");
        }
        Matcher m = MAIN_CLASS.matcher(Files.readString(pom, StandardCharsets.UTF_8));
        if (!m.find()) {
            refuse(pom + " names no exec.mainClass");
        }
        return m.group(1).trim();
    }

    /** Splits {@code -Dexec.args} as the exec plugin does: on blanks, keeping quoted parts together. */
    static String[] split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean inToken = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            out.add(current.toString());
        }
        return out.toArray(String[]::new);
    }

    private static void refuse(String why) {
        System.err.println("mvn (as the doc check runs it): " + why);
        System.exit(64);
    }
}
