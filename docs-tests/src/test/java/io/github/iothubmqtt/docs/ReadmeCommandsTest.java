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
    private static final DocumentBlocks EXAMPLES_README = DocumentBlocks
            .of(DocumentBlocks.REPOSITORY.resolve("examples/README.md"));
    private static final DocumentBlocks EMULATOR_README = DocumentBlocks
            .of(DocumentBlocks.REPOSITORY.resolve("emulator/README.md"));
    private static final DocumentBlocks QUARKUS_README = DocumentBlocks
            .of(DocumentBlocks.REPOSITORY.resolve("quarkus-runtime/README.md"));
    private static final String BUILD_THE_EMULATOR = "mvn -B -q -pl emulator -am package -DskipTests";
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
        assertRunsAnExample(README.checkedBy(getClass(), "run-the-example").strip());
    }

    @Test
    void eachCommandOfTheExamplesPageRunsAModuleWithAMainClass() {
        List<String> commands = EXAMPLES_README.checkedBy(getClass(), "run-each-example").strip().lines().toList();

        assertThat(commands).hasSizeGreaterThan(1);
        commands.forEach(ReadmeCommandsTest::assertRunsAnExample);
    }

    @Test
    void theQuarkusDependencyIsTheExtensionsRuntimeArtifact() {
        String dependency = QUARKUS_README.checkedBy(getClass(), "quarkus-dependency");
        String runtimePom = String.join("\n",
                DocumentBlocks.read(DocumentBlocks.REPOSITORY.resolve("quarkus-runtime/runtime/pom.xml")));
        String rootPom = String.join("\n", DocumentBlocks.read(DocumentBlocks.REPOSITORY.resolve("pom.xml")));

        assertThat(element(dependency, "groupId")).isEqualTo(element(rootPom, "groupId"));
        assertThat(element(dependency, "artifactId"))
                .isEqualTo(element(runtimePom.substring(runtimePom.indexOf("</parent>")), "artifactId"));
        assertThat(element(dependency, "version")).isEqualTo(element(rootPom, "version"));
    }

    /** The text of the first {@code <name>} element in {@code xml}. */
    private static String element(String xml, String name) {
        Matcher element = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        assertThat(element.find()).as("<" + name + "> in\n" + xml).isTrue();
        return element.group(1).strip();
    }

    private static void assertRunsAnExample(String line) {
        Matcher command = RUN_AN_EXAMPLE.matcher(line);
        assertThat(command.matches()).as(line + " matches " + RUN_AN_EXAMPLE).isTrue();
        String modulePom = String.join("\n",
                DocumentBlocks.read(DocumentBlocks.REPOSITORY.resolve(command.group(1)).resolve("pom.xml")));
        String examplesPom = String.join("\n", DocumentBlocks.read(DocumentBlocks.REPOSITORY.resolve("examples/pom.xml")));

        assertThat(modulePom).as(command.group(1)).contains("<exec.skip>false</exec.skip>", "<example.main-class>");
        assertThat(examplesPom).contains("<id>run</id>", "<goal>exec</goal>", "<phase>verify</phase>");
    }

    @Test
    void theEmulatorCommandStartsTheEmulator(@TempDir Path caDirectory) throws InterruptedException {
        String command = README.checkedBy(getClass(), "start-the-emulator").strip();
        assertThat(command).startsWith(BUILD_FIRST);
        // the build is what the reactor did before this test; the CA goes to a temporary folder, not the repository
        String startEmulator = command.substring(BUILD_FIRST.length()) + " --ca-out " + caDirectory.resolve("ca.pem");

        assertPrintsItsConnectionStrings(startEmulator);
    }

    @Test
    void theEmulatorPageBuildsAndStartsTheEmulator(@TempDir Path caDirectory) throws InterruptedException {
        List<String> lines = EMULATOR_README.checkedBy(getClass(), "start-this-emulator").strip().lines().toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).as("what the reactor did before this test").isEqualTo(BUILD_THE_EMULATOR);
        assertPrintsItsConnectionStrings(lines.get(1) + " --ca-out " + caDirectory.resolve("ca.pem"));
    }

    private static void assertPrintsItsConnectionStrings(String startEmulator) throws InterruptedException {
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
