package io.github.iothubmqtt.docs;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;

import com.example.DeviceRoutes;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/emulator.md, as a user follows it: the command line starts the emulator, which prints what the page shows on
 * the ports the page's command asks for (the test runs it on free ports and writes the page's back); the keytool
 * command makes a trust store of the CA certificate it wrote; with a device that trusts it (the routes of the
 * getting-started device, in this JVM, which answer {@code reboot}), every curl command of the HTTP API section
 * succeeds.
 */
class EmulatorPageTest {

    private static final DocumentBlocks PAGE = DocumentBlocks.of(DocumentBlocks.REPOSITORY.resolve("docs/emulator.md"));
    private static final String BUILD = "mvn -B -q -pl emulator -am package -DskipTests";
    /** curl answers an HTTP error with a failed exit status instead of printing the error body and exiting with 0. */
    private static final String CURL_FAILS_ON_HTTP_ERRORS = "curl() { command curl --fail-with-body \"$@\"; }\n";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void theEmulatorRunsAsThePageSays(@TempDir Path folder) throws Exception {
        List<String> commands = PAGE.checkedBy(getClass(), "start-the-emulator").lines().toList();
        assertThat(commands.get(0)).as("the build, which the reactor did before this test").isEqualTo(BUILD);
        String startEmulator = commands.get(1) + " --ca-out " + folder.resolve("iothub-emulator-ca.pem");

        try (RunningProcess emulator = EmulatorJar.start(startEmulator, DocumentBlocks.REPOSITORY)) {
            List<String> printed = emulator.awaitOutput("connection-string: …\nca: …", TIMEOUT);
            List<String> onThePagesPorts = EmulatorJar.asIfOnDocumentedPorts(printed, commands.get(1));
            assertThat(new ExpectedOutput(PAGE.checkedBy(getClass(), "emulator-output")).isIn(onThePagesPorts))
                    .as("the emulator printed %s", onThePagesPorts).isTrue();

            RunningProcess.runShell(PAGE.checkedBy(getClass(), "trust-the-emulator"), folder, TIMEOUT);
            KeyStore trust = KeyStore.getInstance(folder.resolve("emulator-trust.p12").toFile(), "changeit".toCharArray());
            assertThat(trust.containsAlias("iothub-emulator")).as("the trust store holds the CA").isTrue();

            Matcher ports = EmulatorJar.ports(printed);
            String thermostat = printed.stream().filter(line -> line.contains("DeviceId=thermostat-1;Shared"))
                    .map(line -> line.substring("connection-string: ".length())).findFirst().orElseThrow();
            try (CamelContext device = CamelDevice.create(new DeviceRoutes(), thermostat, Integer.parseInt(ports.group(1)),
                    trust)) {
                device.start();
                String httpApi = PAGE.checkedBy(getClass(), "http-api").replace("localhost:8080",
                        "localhost:" + ports.group(3));
                RunningProcess.runShell(CURL_FAILS_ON_HTTP_ERRORS + httpApi, folder, TIMEOUT);
            }
        }
    }

    /** The edge mode command starts the emulator with the page's routes file (on free ports). */
    @Test
    void theEdgeModeCommandStartsAnEdgeHub(@TempDir Path folder) throws Exception {
        String command = PAGE.checkedBy(getClass(), "edge-mode").strip() + " --ca-out "
                + folder.resolve("iothub-emulator-ca.pem");
        try (RunningProcess emulator = EmulatorJar.start(command, DocumentBlocks.REPOSITORY)) {
            List<String> printed = emulator.awaitOutput("connection-string: …\nca: …", TIMEOUT);
            assertThat(printed).anyMatch(line -> line.contains("DeviceId=edge-1;ModuleId=sensor;"))
                    .anyMatch(line -> line.contains("DeviceId=edge-1;ModuleId=filter;"));
        }
    }
}
