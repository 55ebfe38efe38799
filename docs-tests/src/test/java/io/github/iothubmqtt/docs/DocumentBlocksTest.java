package io.github.iothubmqtt.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.iothubmqtt.docs.DocumentBlocks.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** What the docs tests rely on: blocks and their markers are found, expected output matches as documented. */
class DocumentBlocksTest {

    @TempDir
    Path folder;

    @Test
    void markdownBlocksCarryTheMarkerRightAboveThemOnly() throws IOException {
        Path page = write("page.md", """
                <!-- include: examples/a.java#tag -->
                ```java
                a();
                ```
                <!-- not-run: a sample -->

                ```
                output
                ```
                """);

        List<Block> blocks = DocumentBlocks.of(page).blocks();

        assertThat(blocks).extracting(Block::kind, Block::argument, Block::content).containsExactly(
                tuple("include", "examples/a.java#tag", "a();\n"),
                tuple(null, null, "output\n"));
    }

    @Test
    void asciidocBlocksCarryTheMarkerAboveTheirSourceLine() throws IOException {
        Path page = write("page.adoc", """
                // not-run: the syntax
                [source,java]
                ----
                iothub-mqtt:kind
                ----
                """);

        assertThat(DocumentBlocks.of(page).blocks()).extracting(Block::kind).containsExactly("not-run");
    }

    @Test
    void aBlockThatIsNeverClosedFails() throws IOException {
        Path page = write("page.md", "```sh\nmvn verify\n");

        assertThatThrownBy(() -> DocumentBlocks.of(page)).hasMessageContaining("never closed");
    }

    @Test
    void contentsAreReplacedBlockByBlock() throws IOException {
        Path page = write("page.md", "text\n```\nold\n```\nmore\n```\nkept\n```\n");

        assertThat(DocumentBlocks.of(page).withContents(List.of("new\nlines\n", "kept\n")))
                .isEqualTo("text\n```\nnew\nlines\n```\nmore\n```\nkept\n```\n");
    }

    @Test
    void aRegionIsShownDedentedWithoutTagsAndHiddenLines() {
        String region = SourceRegions
                .read("docs-tests/src/test/java/io/github/iothubmqtt/docs/EmulatorJavaApiTest.java#java-api");

        assertThat(region).startsWith("try (IotHubEmulator hub").endsWith("\n}\n")
                .doesNotContain("hidden in the docs", "tag::", "end::", "deviceApplication");
    }

    @Test
    void expectedOutputMatchesLinesInOrderWithWildcards() {
        ExpectedOutput expected = new ExpectedOutput("started in …\nmessage …: fan on\n");

        assertThat(expected.isIn(List.of("x", "started in 3ms", "y", "message 42: fan on"))).isTrue();
        assertThat(expected.isIn(List.of("message 42: fan on", "started in 3ms"))).isFalse();
        assertThat(expected.eachIn(List.of("message 42: fan on", "started in 3ms"))).isTrue();
        assertThat(expected.eachIn(List.of("started in 3ms", "message 42: fan off"))).isFalse();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }
}
