package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The protocol stays pure functions: both the component and the emulator build on it. */
class ProtocolPurityTest {

    private static final List<String> FORBIDDEN_IMPORTS = List.of("import java.net.", "import java.nio.channels.",
            "import java.nio.file.", "import java.util.concurrent.", "import java.io.File", "import java.time.Clock",
            "import org.eclipse.paho.", "import org.apache.camel.", "import io.vertx.", "import io.netty.");

    @Test
    void mainSourcesDoNoIoAndKnowNoTransportOrCamel() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                assertThat(FORBIDDEN_IMPORTS).as(source.toString()).noneMatch(text::contains);
                assertThat(text).as(source.toString()).doesNotContain("System.currentTimeMillis").doesNotContain("new Thread");
            }
        }
    }
}
