package io.github.iothubmqtt.docs;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a documented command that starts the emulator's jar. The test appends options that give it free ports, which
 * win over the command's own, so that it runs on a build machine where 8883, 8443 or 8080 may be taken.
 */
final class EmulatorJar {

    static final Path JAR = DocumentBlocks.REPOSITORY.resolve("emulator/target/iothub-emulator.jar");
    private static final String FREE_PORTS = " --mqtt-port 0 --ws-port 0 --http-port 0";
    private static final Pattern PORTS = Pattern.compile("mqtt: (\\d+)  websocket: (\\d+)  http: (\\d+)");

    private EmulatorJar() {
    }

    static RunningProcess start(String command, Path directory) {
        assertThat(JAR).as("the emulator's jar; mvn -B -pl docs-tests -am verify builds it").isRegularFile();
        return RunningProcess.shell("the emulator", "exec " + command.strip() + FREE_PORTS, directory);
    }

    /**
     * What the emulator printed, with the free ports it got replaced by those the documented command asks for
     * ({@code --mqtt-port}, {@code --ws-port}, {@code --http-port}, else the emulator's defaults 8883, 443 and 8080).
     */
    static List<String> asIfOnDocumentedPorts(List<String> printed, String command) {
        String documented = "mqtt: " + option(command, "--mqtt-port", "8883") + "  websocket: "
                + option(command, "--ws-port", "443") + "  http: " + option(command, "--http-port", "8080");
        return printed.stream().map(line -> PORTS.matcher(line).matches() ? documented : line).toList();
    }

    private static String option(String command, String name, String byDefault) {
        Matcher value = Pattern.compile(name + " (\\S+)").matcher(command);
        return value.find() ? value.group(1) : byDefault;
    }

    /** The ports line the emulator printed: groups 1, 2 and 3 are the MQTT, WebSocket and HTTP ports. */
    static Matcher ports(List<String> printed) {
        return printed.stream().map(PORTS::matcher).filter(Matcher::matches).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + PORTS + " in " + printed));
    }
}
