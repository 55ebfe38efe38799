package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.emulator.EmulatorMain;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Identity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The emulator in a child JVM started from this classpath with {@link EmulatorMain}, so that this JVM's CPU time is
 * the client's alone, as when a user's route talks to a real hub.
 */
final class EmulatorProcess implements AutoCloseable {

    private static final long STOP_SECONDS = 20;
    /** Lines {@link EmulatorMain} prints once it listens. */
    private static final String MQTT = "mqtt: ";
    private static final String CONNECTION_STRING = "connection-string: ";
    private static final String CA = "ca: ";
    private final Process process;
    private final int mqttPort;
    private final Path caCertificate;
    private final Map<Identity, String> connectionStrings;

    private EmulatorProcess(Process process, int mqttPort, Path caCertificate, Map<Identity, String> connectionStrings) {
        this.process = process;
        this.mqttPort = mqttPort;
        this.caCertificate = caCertificate;
        this.connectionStrings = connectionStrings;
    }

    /** Starts the emulator with these devices registered and returns once it printed its endpoints. */
    static EmulatorProcess start(Path directory, List<String> deviceIds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                EmulatorMain.class.getName(), "--mqtt-port", "0", "--ws-port", "-1", "--http-port", "-1",
                "--ca-out", directory.toAbsolutePath().resolve("emulator-process-ca.pem").toString()));
        deviceIds.forEach(id -> command.addAll(List.of("--device", id)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            int mqttPort = -1;
            Map<Identity, String> connectionStrings = new HashMap<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(MQTT)) {
                    mqttPort = Integer.parseInt(line.substring(MQTT.length()).split("\\s+")[0]);
                } else if (line.startsWith(CONNECTION_STRING)) {
                    String connectionString = line.substring(CONNECTION_STRING.length());
                    connectionStrings.put(ConnectionString.parse(connectionString).identity(), connectionString);
                } else if (line.startsWith(CA)) { // the last line it prints
                    drain(out);
                    return new EmulatorProcess(process, mqttPort, Path.of(line.substring(CA.length())), connectionStrings);
                }
            }
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        throw new IllegalStateException(
                "the emulator process ended before printing its endpoints (exit " + process.waitFor() + ")");
    }

    /** Keeps reading what the child prints, so that it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException e) {
                // the child is gone
            }
        }, "emulator-process-output");
        drain.setDaemon(true);
        drain.start();
    }

    int mqttPort() {
        return mqttPort;
    }

    Path caCertificate() {
        return caCertificate;
    }

    String connectionString(Identity identity) {
        String connectionString = connectionStrings.get(identity);
        if (connectionString == null) {
            throw new IllegalArgumentException(identity + " is not registered in the emulator process");
        }
        return connectionString;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: its shutdown hook closes the emulator
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
