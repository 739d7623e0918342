package dev.tlsworkbook.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Proves every "build it" exercise (exercises/Exercises.java, docs/exercises.md): its named test
 * passes with the workbook's code and fails once {@code exercises/start} has blanked the method.
 * The blanked file is compiled with {@code javax.tools} into a directory that comes first on a
 * class loader of its own; the chapters' test classes run against it through the JUnit launcher,
 * so the working tree is never touched.
 *
 * @since chapter04
 */
class ExercisesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> MODULES = List.of("chapter01-echo", "chapter02-records",
            "chapter03-keyschedule", "chapter04-handshake", "chapter05-tls12-compat");
    private static Class<?> exercises;

    @BeforeAll
    static void compileTheExerciseScript(@TempDir Path dir) throws Exception {
        compile(List.of(ROOT.resolve("exercises/Exercises.java")), dir, System.getProperty("java.class.path"));
        exercises = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ExercisesTest.class.getClassLoader())
                .loadClass("Exercises");
    }

    @TestFactory
    Stream<DynamicTest> eachExercisesTestPassesWithTheReferenceAndFailsBlanked(@TempDir Path work) throws Exception {
        List<?> all = (List<?>) exercises.getDeclaredField("ALL").get(null);
        List<DynamicTest> tests = new ArrayList<>();
        for (Object e : all) {
            String name = accessor(e, "name");
            tests.add(DynamicTest.dynamicTest(name, () -> prove(e, work.resolve(name))));
        }
        assertTrue(tests.size() >= 7, "at least the exercises docs/exercises.md lists");
        return tests.stream();
    }

    private static void prove(Object exercise, Path dir) throws Exception {
        String module = accessor(exercise, "module");
        String file = accessor(exercise, "file");
        String test = accessor(exercise, "test");
        String signature = accessor(exercise, "signature");
        Path source = ROOT.resolve(module).resolve("src/main/java").resolve(file);

        TestExecutionSummary reference = runTests(test, List.of());
        assertEquals(0, reference.getTotalFailureCount(), () -> test + " fails with the reference code: " + failures(reference));
        assertTrue(reference.getTestsSucceededCount() > 0, test + " ran no test");

        Method blank = exercises.getDeclaredMethod("blank", String.class, String.class);
        blank.setAccessible(true);
        String blanked = (String) blank.invoke(null, Files.readString(source, StandardCharsets.UTF_8), signature);
        assertTrue(blanked.contains("throw new UnsupportedOperationException(\"exercise\");"));
        Path src = dir.resolve("src").resolve(file);
        Files.createDirectories(src.getParent());
        Files.writeString(src, blanked, StandardCharsets.UTF_8);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        compile(List.of(src), classes, classPath());
        TestExecutionSummary withBlank = runTests(test, List.of(classes));
        assertTrue(withBlank.getTotalFailureCount() > 0, test + " still passes with " + signature + " blanked");
    }

    private static String accessor(Object record, String name) throws Exception {
        Method m = record.getClass().getDeclaredMethod(name);
        m.setAccessible(true);
        return (String) m.invoke(record);
    }

    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String m : MODULES) {
            entries.add(ROOT.resolve(m).resolve("target/classes").toString());
        }
        entries.add(System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, entries);
    }

    private static void compile(List<Path> sources, Path out, String classPath) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        List<String> options = List.of("-d", out.toString(), "-cp", classPath, "--release", "17", "-nowarn");
        boolean ok = javac.getTask(messages, null, null, options, null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjectsFromPaths(sources))
                .call();
        assertTrue(ok, () -> "does not compile: " + messages);
    }

    /** Runs "Class" or "Class#method" (comma-separated) from the chapters' tests, {@code first} ahead of their classes. */
    private static TestExecutionSummary runTests(String tests, List<Path> first) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path p : first) {
            urls.add(p.toUri().toURL());
        }
        for (String m : MODULES) {
            urls.add(ROOT.resolve(m).resolve("target/classes").toUri().toURL());
            urls.add(ROOT.resolve(m).resolve("target/test-classes").toUri().toURL());
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (ChildFirst loader = new ChildFirst(urls.toArray(URL[]::new), ExercisesTest.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            List<DiscoverySelector> selectors = new ArrayList<>();
            for (String t : tests.split(",")) {
                String[] parts = t.split("#");
                Class<?> testClass = loader.loadClass(qualified(parts[0]));
                selectors.add(parts.length == 1 ? DiscoverySelectors.selectClass(testClass)
                        : DiscoverySelectors.selectMethod(testClass, parts[1]));
            }
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), listener);
            return listener.getSummary();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** The fully qualified name of a test class named by its simple name, found under the chapters' test classes. */
    private static String qualified(String simpleName) throws IOException {
        for (String m : MODULES) {
            Path testClasses = ROOT.resolve(m).resolve("target/test-classes");
            if (!Files.isDirectory(testClasses)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(testClasses)) {
                List<Path> hits = walk.filter(p -> p.getFileName().toString().equals(simpleName + ".class")).toList();
                if (!hits.isEmpty()) {
                    String rel = testClasses.relativize(hits.get(0)).toString();
                    return rel.substring(0, rel.length() - ".class".length()).replace(File.separatorChar, '.');
                }
            }
        }
        throw new IllegalStateException("no compiled test class " + simpleName + " (build the chapters' tests first)");
    }

    private static String failures(TestExecutionSummary summary) {
        StringBuilder b = new StringBuilder();
        summary.getFailures().forEach(f -> b.append(f.getTestIdentifier().getDisplayName()).append(": ")
                .append(f.getException()).append('\n'));
        return b.toString();
    }

    /** Loads the workbook's own classes from its URLs first, everything else (JUnit, libraries) from the parent. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.tlsworkbook.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        c = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
