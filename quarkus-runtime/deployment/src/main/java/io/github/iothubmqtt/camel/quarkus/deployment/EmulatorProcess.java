package io.github.iothubmqtt.camel.quarkus.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.deployment.builditem.Startable;

/**
 * The IoT Hub emulator in a child JVM: it runs on Vert.x 5, which cannot share a class path with the Vert.x of
 * Quarkus. The emulator's runnable jar travels inside this extension; the emulator reports its ports and connection
 * strings in a ready file, since its standard output carries keys and is not kept.
 */
final class EmulatorProcess implements Startable {

    /** The emulator's runnable jar, copied next to this class by the build (see the deployment pom). */
    static final String EMULATOR_JAR = "iothub-emulator.jar";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> devices;
    private final List<String> x509Devices;
    private final int mqttPort;
    private final Duration startTimeout;

    private Path directory;
    private Process process;
    private Thread stopOnExit;
    private Properties report;

    /**
     * @param x509Devices those of the devices that authenticate with a certificate the emulator issues
     * @param mqttPort a fixed port, or 0 for any free one
     */
    EmulatorProcess(List<String> devices, List<String> x509Devices, int mqttPort, Duration startTimeout) {
        this.devices = List.copyOf(devices);
        this.x509Devices = List.copyOf(x509Devices);
        this.mqttPort = mqttPort;
        this.startTimeout = startTimeout;
    }

    @Override
    public void start() {
        try {
            // private to this user (0700): the ready file holds the devices' keys
            directory = Files.createTempDirectory("iothub-emulator-");
            Path jar = copyEmulatorJar(directory);
            process = new ProcessBuilder(command(jar, readyFile()))
                    .directory(directory.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(logFile().toFile())
                    .start();
            stopOnExit = new Thread(this::stopAndDelete, "iothub-emulator-dev-service-stop");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            report = awaitReadyFile(readyFile());
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start the IoT Hub emulator", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private List<String> command(Path jar, Path readyFile) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--mqtt-port", Integer.toString(mqttPort), "--ws-port", "-1", "--http-port", "0",
                "--ca-out", directory.resolve("ca.pem").toString(), "--ready-file", readyFile.toString()));
        for (String device : devices) {
            command.add(x509Devices.contains(device) ? "--x509-device" : "--device");
            command.add(device);
        }
        return command;
    }

    private static Path copyEmulatorJar(Path directory) throws IOException {
        try (InputStream jar = EmulatorProcess.class.getResourceAsStream(EMULATOR_JAR)) {
            if (jar == null) {
                throw new IllegalStateException("the extension's deployment jar lacks the emulator (" + EMULATOR_JAR + ")");
            }
            Path copy = directory.resolve(EMULATOR_JAR);
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
    }

    private Properties awaitReadyFile(Path readyFile) throws IOException {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!Files.exists(readyFile)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the IoT Hub emulator exited with code " + process.exitValue()
                        + " (its settings are quarkus.iothub-mqtt.devservices.*): " + Files.readString(logFile()).strip());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the IoT Hub emulator did not start within " + startTimeout
                        + "; its log: " + Files.readString(logFile()).strip());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the IoT Hub emulator started", e);
            }
        }
        Properties started = new Properties();
        try (Reader in = Files.newBufferedReader(readyFile)) {
            started.load(in);
        }
        return started;
    }

    /** The emulator's log (its standard error), for the developer. */
    Path logFile() {
        return directory.resolve("emulator.log");
    }

    /** The emulator's report: ports, CA path and connection strings (Java properties). */
    Path readyFile() {
        return directory.resolve("ready.properties");
    }

    String mqttPort() {
        return report.getProperty("mqtt-port");
    }

    /** The emulator's cloud side: its HTTP API (C2D messages, twins, methods, telemetry received). */
    String httpUrl() {
        return "http://localhost:" + report.getProperty("http-port");
    }

    /** The path of an X.509 device's certificate (PEM). */
    String x509Certificate(String deviceId) {
        return report.getProperty("x509-certificate." + deviceId);
    }

    /** The path of an X.509 device's private key (PEM). */
    String x509Key(String deviceId) {
        return report.getProperty("x509-key." + deviceId);
    }

    /** The path of the emulator's CA certificate (PEM). */
    String caCertificate() {
        return report.getProperty("ca");
    }

    @Override
    public String getConnectionInfo() {
        return "mqtts://localhost:" + mqttPort() + ", cloud side " + httpUrl();
    }

    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() {
        if (stopOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or has run, stopAndDelete itself
            }
        }
        stopAndDelete();
    }

    private synchronized void stopAndDelete() {
        stopProcess();
        deleteDirectory();
    }

    private void stopProcess() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void deleteDirectory() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary directory left behind is no reason to fail the application's stop
        }
    }
}
