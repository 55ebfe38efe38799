package io.github.iothubmqtt.camel.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session layer knows no Camel: the component maps exchanges onto it, never the other way round, so it can be
 * reused and tested on its own. Neither does it reach up into the component's package.
 */
class SessionPurityTest {

    private static final Path SESSION = Path.of("src/main/java/io/github/iothubmqtt/camel/session");
    private static final List<String> FORBIDDEN = List.of("import org.apache.camel.", "import io.github.iothubmqtt.camel.*",
            "org.apache.camel.");

    @Test
    void sessionSourcesUseNoCamelType() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SESSION)) {
            sources = files.filter(path -> path.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(10);
        for (Path source : sources) {
            String text = Files.readString(source);
            assertThat(FORBIDDEN).as(source.toString()).noneMatch(text::contains);
            for (String line : text.lines().filter(line -> line.startsWith("import io.github.iothubmqtt.camel.")).toList()) {
                assertThat(line).as(source + ": the session layer imports only itself")
                        .startsWith("import io.github.iothubmqtt.camel.session");
            }
        }
    }
}
