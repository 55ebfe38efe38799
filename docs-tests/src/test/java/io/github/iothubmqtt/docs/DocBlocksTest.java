package io.github.iothubmqtt.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.iothubmqtt.docs.DocumentBlocks.Block;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code block of README.md, docs/ and the component's AsciiDoc page is kept true by something that runs: it is a
 * copy of a source file that is built and run, a command or output that a test of this module runs or compares, or it
 * is marked as not meant to run, with the reason (see {@link DocumentBlocks} for the markers). A block without a
 * marker fails the build, so a new block cannot rot unnoticed.
 */
class DocBlocksTest {

    /** Folders that hold what builds and tools made, not the project's own pages. */
    private static final Pattern BUILD_OUTPUT = Pattern.compile("(^|/)(target|node_modules|\\.[^/]+)/");
    private static final Path TESTS = Path.of("src/test/java/io/github/iothubmqtt/docs");
    private static final String UPDATE = "mvn -B -q -pl docs-tests -am verify -Ddocs.update=true -Dtest=DocBlocksTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false";

    @Test
    void everyCodeBlockSaysWhatKeepsItTrue() {
        List<String> unmarked = blocks()
                .filter(block -> block.kind() == null
                        || !List.of("include", "checked-by", "not-run").contains(block.kind()))
                .map(Block::location)
                .toList();

        assertThat(unmarked).as("code blocks without a marker right above them (<!-- include: path#tag -->,"
                + " <!-- checked-by: TestClass#id -->, <!-- not-run: reason -->; in AsciiDoc // include: … above"
                + " [source,…])").isEmpty();
        assertThat(blocks().count()).as("code blocks found").isGreaterThan(20);
    }

    @Test
    void includedBlocksAreCopiesOfTheirSources() throws IOException {
        boolean update = Boolean.getBoolean("docs.update");
        List<String> outdated = new ArrayList<>();
        for (Path document : documents()) {
            DocumentBlocks doc = DocumentBlocks.of(document);
            List<String> contents = doc.blocks().stream()
                    .map(block -> "include".equals(block.kind()) ? SourceRegions.read(block.argument()) : block.content())
                    .toList();
            List<String> outdatedHere = new ArrayList<>();
            for (int i = 0; i < contents.size(); i++) {
                Block block = doc.blocks().get(i);
                if (!contents.get(i).equals(block.content())) {
                    outdatedHere.add(block.location() + " (" + block.argument() + ")");
                }
            }
            if (update && !outdatedHere.isEmpty()) {
                Files.writeString(document, doc.withContents(contents));
            } else {
                outdated.addAll(outdatedHere);
            }
        }

        assertThat(outdated).as("blocks that differ from the source they include; rewrite them with " + UPDATE)
                .isEmpty();
    }

    @Test
    void blocksCheckedByATestAreReadByThatTest() {
        List<String> unread = blocks()
                .filter(block -> "checked-by".equals(block.kind()))
                .filter(block -> !readBy(block.argument()))
                .map(block -> block.location() + " (" + block.argument() + ")")
                .toList();

        assertThat(unread).as("blocks whose checked-by names a test of docs-tests that does not read them").isEmpty();
    }

    /** Whether {@code TestClass#id} names a test class of this module whose source reads the block id. */
    private static boolean readBy(String argument) {
        int hash = argument.indexOf('#');
        Path test = TESTS.resolve(argument.substring(0, Math.max(hash, 0)) + ".java");
        return hash > 0 && Files.isRegularFile(test)
                && String.join("\n", DocumentBlocks.read(test)).contains('"' + argument.substring(hash + 1) + '"');
    }

    private static Stream<Block> blocks() {
        return documents().stream().flatMap(document -> DocumentBlocks.of(document).blocks().stream());
    }

    /** Every README.md of the repository, every Markdown page under docs/ and the component's AsciiDoc pages. */
    static List<Path> documents() {
        List<Path> documents = new ArrayList<>(readmes());
        documents.addAll(files(DocumentBlocks.REPOSITORY.resolve("docs"), ".md"));
        documents.addAll(files(DocumentBlocks.REPOSITORY.resolve("camel-azure-iothub-mqtt/src/main/docs"), ".adoc"));
        return documents;
    }

    /** README.md of the repository and of each module, outside build output. */
    private static List<Path> readmes() {
        try (Stream<Path> files = Files.walk(DocumentBlocks.REPOSITORY)) {
            return files.filter(file -> file.getFileName().toString().equals("README.md"))
                    .filter(file -> !BUILD_OUTPUT.matcher(DocumentBlocks.REPOSITORY.relativize(file).toString()).find())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path directory, String suffix) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
