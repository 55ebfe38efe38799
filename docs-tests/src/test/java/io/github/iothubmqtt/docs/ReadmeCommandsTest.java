package io.github.iothubmqtt.docs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's commands. The test command is what CI runs; the example command names a module that the {@code run}
 * profile runs (running it here would build the reactor inside the build: ThermostatApplicationTest runs the same
 * application); the emulator command starts the emulator, which prints what the README says.
 */
class ReadmeCommandsTest {

    private static final DocumentBlocks README = DocumentBlocks.of(DocumentBlocks.REPOSITORY.resolve("README.md"));
    private static final Path CI = DocumentBlocks.REPOSITORY.resolve(".ci/run");
    private static final Pattern RUN_AN_EXAMPLE = Pattern
            .compile("mvn -B -q -Prun -pl (examples/[\\w-]+) -am verify -DskipTests");
    private static final String BUILD_FIRST = "mvn -B -q package -DskipTests && ";

    @Test
    void theTestCommandIsWhatContinuousIntegrationRuns() {
        List<String> ci = DocumentBlocks.read(CI);

        assertThat(ci.get(ci.size() - 1)).as("the last line of " + CI)
                .isEqualTo(README.checkedBy(getClass(), "run-all-tests").strip());
    }

    @Test
    void theExampleCommandRunsAModuleWithAMainClass() {
        Matcher command = RUN_AN_EXAMPLE.matcher(README.checkedBy(getClass(), "run-the-example").strip());
        assertThat(command.matches()).as("the README's example command matches " + RUN_AN_EXAMPLE).isTrue();
        String modulePom = String.join("\n",
                DocumentBlocks.read(DocumentBlocks.REPOSITORY.resolve(command.group(1)).resolve("pom.xml")));
        String examplesPom = String.join("\n", DocumentBlocks.read(DocumentBlocks.REPOSITORY.resolve("examples/pom.xml")));

        assertThat(modulePom).contains("<exec.skip>false</exec.skip>", "<example.main-class>");
        assertThat(examplesPom).contains("<id>run</id>", "<goal>exec</goal>", "<phase>verify</phase>");
    }

    @Test
    void theEmulatorCommandStartsTheEmulator(@TempDir Path caDirectory) throws InterruptedException {
        String command = README.checkedBy(getClass(), "start-the-emulator").strip();
        assertThat(command).startsWith(BUILD_FIRST);
        // the build is what the reactor did before this test; the CA goes to a temporary folder, not the repository
        String startEmulator = command.substring(BUILD_FIRST.length()) + " --ca-out " + caDirectory.resolve("ca.pem");

        try (RunningProcess emulator = EmulatorJar.start(startEmulator, DocumentBlocks.REPOSITORY)) {
            emulator.awaitOutput(
                    """
                            connection-string: HostName=emulator.azure-devices.net;DeviceId=thermostat-1;SharedAccessKey=…;GatewayHostName=localhost
                            ca: …/ca.pem
                            """,
                    Duration.ofSeconds(30));
        }
    }
}
