package io.github.iothubmqtt.docs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device of docs/getting-started.md (examples/getting-started, a dependency of this module), run as its
 * exec-maven-plugin runs it: its main class, in a JVM of its own, on this module's classpath. Tests that need a
 * device to talk to use it too.
 */
final class DeviceApplication {

    private static final Path PROJECT_POM = DocumentBlocks.REPOSITORY.resolve("examples/getting-started/pom.xml");
    /** The last argument of the exec-maven-plugin's java command: the main class. */
    private static final Pattern MAIN_CLASS = Pattern.compile("<argument>([\\w.]+)</argument>\\s*</arguments>");
    /** The file and password the project's EmulatorTrust reads, in its working directory. */
    private static final String TRUST_STORE = "emulator-trust.p12";
    private static final String TRUST_STORE_PASSWORD = "changeit";

    private DeviceApplication() {
    }

    /** The shell command that runs the device, told the emulator's MQTT port; it reads its connection string from the environment. */
    static String javaCommand(int mqttPort) {
        Matcher mainClass = MAIN_CLASS.matcher(String.join("\n", DocumentBlocks.read(PROJECT_POM)));
        assertThat(mainClass.find()).as("the main class the exec-maven-plugin runs, in " + PROJECT_POM).isTrue();
        return "exec java -cp '" + System.getProperty("java.class.path") + "'"
                + " -Dcamel.component.iothub-mqtt.port=" + mqttPort + " " + mainClass.group(1);
    }

    /** Starts the device in the directory, trusting the given CAs, as the given device. */
    static RunningProcess start(String connectionString, int mqttPort, KeyStore trust, Path directory)
            throws IOException, GeneralSecurityException {
        try (OutputStream file = Files.newOutputStream(directory.resolve(TRUST_STORE))) {
            trust.store(file, TRUST_STORE_PASSWORD.toCharArray());
        }
        ProcessBuilder device = new ProcessBuilder("bash", "-c", javaCommand(mqttPort)).directory(directory.toFile());
        device.environment().put("IOTHUB_DEVICE_CONNECTION_STRING", connectionString);
        return RunningProcess.start("the device", device);
    }
}
