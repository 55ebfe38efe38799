package io.github.iothubmqtt.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code blocks of one Markdown or AsciiDoc document, each with the marker written on the line right above it (in
 * AsciiDoc, above its {@code [source,…]} line), which says what keeps the block true:
 * <ul>
 * <li>{@code include: path[#tag]}: the block is a copy of a file of the repository, or of its region between
 * {@code tag::tag[]} and {@code end::tag[]}, that is built and run ({@link DocBlocksTest} compares them);</li>
 * <li>{@code checked-by: TestClass#id}: the test named reads the block by its id and runs it, or compares it with
 * what it ran;</li>
 * <li>{@code not-run: reason}: the block is not meant to run (an output or wire sample, a placeholder version).</li>
 * </ul>
 * In Markdown the marker is an HTML comment ({@code <!-- include: … -->}), in AsciiDoc a line comment
 * ({@code // include: …}).
 */
final class DocumentBlocks {

    static final Path REPOSITORY = Path.of("..");

    private static final Pattern MARKDOWN_FENCE = Pattern.compile("^\\s*```.*$");
    private static final Pattern MARKDOWN_MARKER = Pattern.compile("^<!-- ([a-z-]+): (.+?) -->$");
    private static final Pattern ASCIIDOC_MARKER = Pattern.compile("^// ([a-z-]+): (.+)$");
    private static final String ASCIIDOC_DELIMITER = "----";

    private final Path document;
    private final List<String> lines;
    private final List<Block> blocks;

    /** A block: its content lines are {@code lines[firstLine, endLine)}; kind and argument come from its marker. */
    record Block(Path document, int firstLine, int endLine, String kind, String argument, String content) {

        /** Where the block is, for messages: the file and the 1-based line of its first content line. */
        String location() {
            return REPOSITORY.relativize(document).normalize() + ":" + (firstLine + 1);
        }
    }

    private DocumentBlocks(Path document, List<String> lines, List<Block> blocks) {
        this.document = document;
        this.lines = lines;
        this.blocks = blocks;
    }

    static DocumentBlocks of(Path document) {
        List<String> lines = read(document);
        boolean asciidoc = document.toString().endsWith(".adoc");
        List<Block> blocks = new ArrayList<>();
        int line = 0;
        while (line < lines.size()) {
            if (!opens(lines.get(line), asciidoc)) {
                line++;
                continue;
            }
            int first = line + 1;
            int end = first;
            while (end < lines.size() && !closes(lines.get(end), asciidoc)) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalStateException(document + ":" + (line + 1) + ": a code block that is never closed");
            }
            int markerLine = asciidoc && line > 0 && lines.get(line - 1).startsWith("[") ? line - 2 : line - 1;
            Matcher marker = (asciidoc ? ASCIIDOC_MARKER : MARKDOWN_MARKER)
                    .matcher(markerLine >= 0 ? lines.get(markerLine) : "");
            boolean marked = marker.matches();
            blocks.add(new Block(document, first, end, marked ? marker.group(1) : null, marked ? marker.group(2) : null,
                    join(lines.subList(first, end))));
            line = end + 1;
        }
        return new DocumentBlocks(document, lines, List.copyOf(blocks));
    }

    List<Block> blocks() {
        return blocks;
    }

    /** The content of the block marked {@code checked-by: test#id}; fails when there is none. */
    String checkedBy(Class<?> test, String id) {
        String argument = test.getSimpleName() + "#" + id;
        return blocks.stream()
                .filter(block -> "checked-by".equals(block.kind()) && argument.equals(block.argument()))
                .map(Block::content)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(document + " has no block marked checked-by: " + argument));
    }

    /** The document with the content of the given blocks replaced, in the order of {@link #blocks()}. */
    String withContents(List<String> contents) {
        List<String> result = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            result.addAll(lines.subList(next, block.firstLine()));
            result.addAll(contents.get(i).lines().toList());
            next = block.endLine();
        }
        result.addAll(lines.subList(next, lines.size()));
        return join(result);
    }

    private static boolean opens(String line, boolean asciidoc) {
        return asciidoc ? line.equals(ASCIIDOC_DELIMITER) : MARKDOWN_FENCE.matcher(line).matches();
    }

    private static boolean closes(String line, boolean asciidoc) {
        return asciidoc ? line.equals(ASCIIDOC_DELIMITER) : line.strip().equals("```");
    }

    static String join(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
