package dev.tlsworkbook.engine.demo;

/**
 * What one chapter's illustrated connection is: the version it shows, the command that writes it,
 * how the client's and the server's configurations differ from chapter 4's defaults, and the
 * labels of its records. Chapter 4 draws TLS 1.3 ({@link #TLS13}); chapter 5 draws TLS 1.2 with
 * its own hooks and {@link RecordLabels}, through {@link Illustrate#write}.
 *
 * @param version what the page shows, e.g. {@code "TLS 1.3"}
 * @param command the command that writes the page, as the page tells its reader
 * @param client changes to the client's configuration
 * @param server changes to the server's configuration
 * @param labels the chapter's record labels, asked before chapter 4's {@link Tls13RecordLabels}
 * @param directory where {@code illustrate} writes the page without {@code --out}
 * @since chapter04
 */
public record Illustration(String version, String command, DemoHook client, DemoHook server, RecordLabels labels,
                           String directory) {
    /** Chapter 4's page: our TLS 1.3 client and server with their defaults. */
    public static final Illustration TLS13 = new Illustration("TLS 1.3",
            "mvn -q -pl chapter04-handshake exec:java -Dexec.args=\"illustrate --out docs/illustrated\"",
            DemoHook.NONE, DemoHook.NONE, Tls13RecordLabels.INSTANCE, "docs/illustrated");
}
