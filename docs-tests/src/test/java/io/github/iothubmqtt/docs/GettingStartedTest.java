package io.github.iothubmqtt.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Follows docs/getting-started.md from an empty folder: starts the emulator with the page's command (it writes the CA
 * certificate the project trusts), runs the project the page shows (examples/getting-started, whose files the
 * page includes) with the page's environment, talks to the device with the page's curl commands and checks that
 * everything prints what the page says it prints.
 * <p>
 * Two things differ from a user's run, both so that the test can run on a busy build machine: the emulator gets free
 * ports ({@link EmulatorJar}), so the device is told the MQTT port and the curl commands the HTTP port; and instead
 * of {@code mvn -q compile exec:exec}, which needs the component in the local Maven repository, the test runs the
 * java command that the project's exec-maven-plugin runs, on the classpath Maven gave this module (the project is one
 * of its dependencies).
 */
class GettingStartedTest {

    private static final Path PAGE = DocumentBlocks.REPOSITORY.resolve("docs/getting-started.md");
    private static final Path PROJECT_POM = DocumentBlocks.REPOSITORY.resolve("examples/getting-started/pom.xml");
    /** The last argument of the exec-maven-plugin's java command: the main class. */
    private static final Pattern MAIN_CLASS = Pattern.compile("<argument>([\\w.]+)</argument>\\s*</arguments>");
    private static final String RUN_WITH_MAVEN = "mvn -q compile exec:exec";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CONNECTION_STRING = Pattern.compile("connection-string: (.+)");

    @Test
    void theDeviceOfThePageRunsAsWrittenAgainstTheEmulator(@TempDir Path workspace) throws Exception {
        DocumentBlocks page = DocumentBlocks.of(PAGE);
        // the page's layout: the clone of this repository next to the project folder
        Path clone = Files.createSymbolicLink(workspace.resolve("camel-azure-iothub-mqtt"),
                DocumentBlocks.REPOSITORY.toAbsolutePath().normalize());
        Path project = Files.createDirectory(workspace.resolve("device"));
        try {
            followThePage(page, project);
        } finally {
            Files.delete(clone);
        }
    }

    private void followThePage(DocumentBlocks page, Path project) throws InterruptedException {
        try (RunningProcess emulator = EmulatorJar.start(page.checkedBy(getClass(), "start-the-emulator"), project)) {
            List<String> printed = emulator.awaitOutput(page.checkedBy(getClass(), "emulator-output"), TIMEOUT);
            Matcher ports = EmulatorJar.ports(printed);
            String connectionString = find(CONNECTION_STRING, printed).group(1);

            String run = runCommand(page.checkedBy(getClass(), "run"), connectionString, Integer.parseInt(ports.group(1)));
            try (RunningProcess device = RunningProcess.shell("the device", run, project)) {
                device.awaitOutput(page.checkedBy(getClass(), "device-output"), TIMEOUT);

                String talk = page.checkedBy(getClass(), "talk-to-the-device")
                        .replace("localhost:8080", "localhost:" + ports.group(3));
                List<String> answers = RunningProcess.runShell(talk, project, TIMEOUT);
                assertThat(new ExpectedOutput(page.checkedBy(getClass(), "talk-output")).isIn(answers))
                        .as("the curl commands printed %s", answers).isTrue();
                device.awaitOutputInAnyOrder(page.checkedBy(getClass(), "device-output-after-talking"), TIMEOUT);
            }
        }
    }

    /**
     * The page's run block, with the connection string the emulator printed in its export line and, instead of
     * Maven, the java command of the project's exec-maven-plugin on this module's classpath, told the emulator's MQTT
     * port.
     */
    private static String runCommand(String runBlock, String connectionString, int mqttPort) {
        List<String> lines = runBlock.lines().toList();
        assertThat(lines.get(lines.size() - 1)).as("the page's run command").isEqualTo(RUN_WITH_MAVEN);
        String export = lines.get(0).replaceFirst("='.*'$", "='" + connectionString + "'");
        assertThat(export).as("the page's export line").startsWith("export IOTHUB_DEVICE_CONNECTION_STRING='");
        Matcher mainClass = MAIN_CLASS.matcher(String.join("\n", DocumentBlocks.read(PROJECT_POM)));
        assertThat(mainClass.find()).as("the main class the exec-maven-plugin runs, in " + PROJECT_POM).isTrue();
        return export + "\nexec java -cp '" + System.getProperty("java.class.path") + "'"
                + " -Dcamel.component.iothub-mqtt.port=" + mqttPort + " " + mainClass.group(1);
    }

    private static Matcher find(Pattern pattern, List<String> lines) {
        return lines.stream().map(pattern::matcher).filter(Matcher::matches).findFirst()
                .orElseThrow(() -> new AssertionError("no line matching " + pattern + " in " + lines));
    }
}
