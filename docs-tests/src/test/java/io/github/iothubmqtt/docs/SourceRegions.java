package io.github.iothubmqtt.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a document shows of a source file: the whole file, or the region between the lines holding {@code tag::name[]}
 * and {@code end::name[]} (in whatever comment syntax the file uses), without its common indentation. Lines holding a
 * tag marker are never shown, as with AsciiDoc's include directive, nor lines ending with {@value #HIDDEN}.
 */
final class SourceRegions {

    private static final Pattern TAG_LINE = Pattern.compile(".*\\b(tag|end)::[\\w-]+\\[].*");
    /** Ends a line of a region that the document leaves out: what a test adds to check the shown code. */
    private static final String HIDDEN = "// hidden in the docs";

    private SourceRegions() {
    }

    /** {@code path} or {@code path#tag}, relative to the repository's root. */
    static String read(String reference) {
        int hash = reference.indexOf('#');
        Path file = DocumentBlocks.REPOSITORY.resolve(hash < 0 ? reference : reference.substring(0, hash));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no file " + file);
        }
        List<String> lines = DocumentBlocks.read(file);
        if (hash < 0) {
            return DocumentBlocks.join(withoutTagLines(lines));
        }
        String tag = reference.substring(hash + 1);
        int start = indexOfLineContaining(lines, "tag::" + tag + "[]", file);
        int end = indexOfLineContaining(lines, "end::" + tag + "[]", file);
        if (end < start) {
            throw new IllegalStateException(file + ": end::" + tag + "[] comes before tag::" + tag + "[]");
        }
        return DocumentBlocks.join(dedent(withoutTagLines(lines.subList(start + 1, end))));
    }

    private static int indexOfLineContaining(List<String> lines, String text, Path file) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new IllegalStateException(file + " has no " + text);
    }

    private static List<String> withoutTagLines(List<String> lines) {
        return lines.stream().filter(line -> !TAG_LINE.matcher(line).matches() && !line.endsWith(HIDDEN)).toList();
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList();
    }
}
