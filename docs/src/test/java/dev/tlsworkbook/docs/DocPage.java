package dev.tlsworkbook.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Markdown page of the docs, cut into its fenced blocks, each with the HTML comment that marks
 * it (if any). The marks are the contract the doc check enforces (docs/README.md, "Sample outputs
 * are checked"):
 *
 * <pre>
 * &lt;!-- output: COMMAND --&gt;             the next block is what COMMAND prints (stdout and stderr)
 * &lt;!-- output (exit N): COMMAND --&gt;    … and COMMAND exits with status N
 * &lt;!-- server: COMMAND --&gt;             (just before an output mark) runs while the output command runs
 * &lt;!-- illustrative: REASON --&gt;         the next block is not re-run, for the reason given
 * </pre>
 *
 * A block whose fence has an info string ({@code ```sh}, {@code ```java}, {@code ```mermaid}) is
 * code or commands; a bare {@code ```} block is output and must carry one of the marks.
 *
 * @since chapter04
 */
record DocPage(Path file, List<String> lines, List<Block> blocks, List<String> problems) {
    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*(\\S*).*$");
    private static final Pattern MARK = Pattern.compile("^\\s*<!--\\s*(output|server|illustrative)"
            + "(?:\\s*\\(exit (\\d+)\\))?:\\s*(.*?)\\s*-->\\s*$");

    enum Kind { CODE, OUTPUT, ILLUSTRATIVE, UNMARKED }

    /**
     * A fenced block: lines {@code [startLine, endLine]} of the page (1-based, the fences
     * themselves), its content with the fence's indentation removed.
     */
    record Block(Path file, int startLine, int endLine, String indent, String info, Kind kind, String command,
                 int exitStatus, Optional<String> server, List<String> content) {
        String where() {
            return file.getFileName() + ":" + startLine;
        }
    }

    static DocPage read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            String fence = open.group(2);
            String info = open.group(3);
            int close = -1;
            for (int j = i + 1; j < lines.size(); j++) {
                String t = lines.get(j).strip();
                if (t.startsWith(fence) && t.chars().allMatch(c -> c == fence.charAt(0))) {
                    close = j;
                    break;
                }
            }
            if (close < 0) {
                problems.add(file.getFileName() + ":" + (i + 1) + ": a fence that never closes");
                break;
            }
            List<String> content = new ArrayList<>();
            for (int j = i + 1; j < close; j++) {
                String l = lines.get(j);
                content.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
            }
            Optional<Matcher> mark = markBefore(lines, i);
            Kind kind;
            String command = "";
            int exit = 0;
            Optional<String> server = Optional.empty();
            if (mark.isEmpty()) {
                kind = info.isEmpty() ? Kind.UNMARKED : Kind.CODE;
            } else {
                Matcher m = mark.get();
                kind = switch (m.group(1)) {
                    case "output" -> Kind.OUTPUT;
                    case "illustrative" -> Kind.ILLUSTRATIVE;
                    default -> Kind.UNMARKED;
                };
                command = m.group(3);
                exit = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                if (kind == Kind.OUTPUT) {
                    int markLine = previousNonBlank(lines, i);
                    Optional<Matcher> before = markAt(lines, previousNonBlank(lines, markLine));
                    if (before.isPresent() && before.get().group(1).equals("server")) {
                        server = Optional.of(before.get().group(3));
                    }
                }
                if (!info.isEmpty()) {
                    problems.add(file.getFileName() + ":" + (i + 1) + ": a marked block must be a bare ``` block, not ```" + info);
                }
            }
            blocks.add(new Block(file, i + 1, close + 1, indent, info, kind, command, exit, server, List.copyOf(content)));
            i = close;
        }
        return new DocPage(file, lines, List.copyOf(blocks), List.copyOf(problems));
    }

    private static Optional<Matcher> markBefore(List<String> lines, int fenceIndex) {
        return markAt(lines, previousNonBlank(lines, fenceIndex));
    }

    private static Optional<Matcher> markAt(List<String> lines, int index) {
        if (index < 0) {
            return Optional.empty();
        }
        Matcher m = MARK.matcher(lines.get(index));
        return m.matches() ? Optional.of(m) : Optional.empty();
    }

    private static int previousNonBlank(List<String> lines, int index) {
        for (int k = index - 1; k >= 0; k--) {
            if (!lines.get(k).isBlank()) {
                return k;
            }
        }
        return -1;
    }

    /** The page with {@code block}'s content replaced by {@code newContent} (indented like the fence). */
    List<String> withContent(Block block, List<String> newContent) {
        List<String> out = new ArrayList<>(lines.subList(0, block.startLine()));
        for (String l : newContent) {
            out.add(l.isEmpty() ? "" : block.indent() + l);
        }
        out.addAll(lines.subList(block.endLine() - 1, lines.size()));
        return out;
    }
}
