package io.github.iothubmqtt.camel.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iothubmqtt.emulator.CertificateAuthority;
import io.github.iothubmqtt.emulator.EmulatorMain;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The emulator in a child JVM ({@link EmulatorMain} on this test class path), so that a test can kill it with
 * SIGKILL and start it again on the same port, with the same server certificate and device key.
 * <p>
 * What the hub received is read from the child's output: the emulator logs each device PUBLISH at DEBUG before it
 * acknowledges it, {@link CapturedLogs} prints that line in the child, and a line already in the pipe survives a
 * kill -9. So every message the hub acknowledged is counted, whenever the child dies.
 */
public final class ChildEmulator implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String LOGGER = "io.github.iothubmqtt.emulator.DeviceConnection";
    private static final Pattern PUBLISH = Pattern.compile(": PUBLISH '?devices/([^/ ]+)/messages/events/([^' ]*)'? QoS 1 ");
    private static final Pattern MQTT_PORT = Pattern.compile("^mqtt: (\\d+) ");

    private final Path directory;
    private final String deviceId;
    private final LongConsumer received;
    private final CertificateAuthority authority = CertificateAuthority.create("Child Emulator CA");
    private int port;
    private String connectionString;
    private static final long TAIL_PERIOD_MILLIS = 10;

    private Process process;
    private int launches;

    private ChildEmulator(Path directory, String deviceId, LongConsumer received) {
        this.directory = directory;
        this.deviceId = deviceId;
        this.received = received;
    }

    /**
     * Starts a child hub with one device and calls {@code received} with the {@value DeliveryLedger#SEQ_HEADER}
     * property of each telemetry message it gets from that device, across restarts.
     */
    public static ChildEmulator start(Path directory, String deviceId, LongConsumer received) throws Exception {
        ChildEmulator child = new ChildEmulator(directory, deviceId, received);
        CertificateAuthority.Issued server = child.authority.issueServerCertificate(List.of("localhost"),
                List.of("127.0.0.1"));
        Files.writeString(directory.resolve("chain.pem"), pem("CERTIFICATE", server.certificate().getEncoded())
                + pem("CERTIFICATE", child.authority.certificate().getEncoded()));
        Files.writeString(directory.resolve("key.pem"), pem("PRIVATE KEY", server.privateKey().getEncoded()));
        Files.writeString(directory.resolve("devices.json"), "{\"devices\":[{\"deviceId\":\"" + deviceId
                + "\",\"authentication\":{\"symmetricKey\":{\"primaryKey\":\"" + newKey() + "\",\"secondaryKey\":\""
                + newKey() + "\"}}}]}");
        child.launch(0);
        return child;
    }

    public int port() {
        return port;
    }

    /** An endpoint URI for the child's device, trusting it through the given sslContextParameters bean. */
    public String uri(String kind, String tlsBean, String options) {
        return "iothub-mqtt:" + kind + "?connectionString=RAW(" + connectionString + ")&port=" + port
                + "&sslContextParameters=#" + tlsBean + (options.isEmpty() ? "" : "&" + options);
    }

    /** Trust in the child's server certificate, which stays the same across restarts. */
    public SSLContextParameters sslContextParameters() {
        return Trust.trusting(authority.trustStore());
    }

    /** SIGKILL: the hub dies with whatever it had not acknowledged yet. */
    public void crash() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child emulator did not die");
        }
    }

    /** A fresh hub process on the same port: no session, no stored message survives, as after a real crash. */
    public void restart() throws Exception {
        launch(port);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            crash();
        }
    }

    private void launch(int mqttPort) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-D" + CapturedLogs.PRINT_DEBUG_PROPERTY + "=" + LOGGER,
                "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName(),
                "--devices", directory.resolve("devices.json").toString(),
                "--cert", directory.resolve("chain.pem").toString(), "--key", directory.resolve("key.pem").toString(),
                "--mqtt-port", Integer.toString(mqttPort), "--ws-port", "-1", "--http-port", "-1"));
        // To a file, not a pipe: what the child wrote before a kill -9 is in the file for sure, whereas a pipe's last
        // bytes race with the JVM's draining of a dead process's stream.
        Path output = directory.resolve("emulator-" + (++launches) + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Process launched = process;
        CompletableFuture<List<String>> report = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(launched, output, report), "child-emulator-output");
        reader.setDaemon(true);
        reader.start();
        List<String> lines = report.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        for (String line : lines) {
            Matcher mqtt = MQTT_PORT.matcher(line);
            if (mqtt.find()) {
                port = Integer.parseInt(mqtt.group(1));
            } else if (line.startsWith("connection-string: ")) {
                connectionString = line.substring("connection-string: ".length());
            }
        }
    }

    /** The start-up report up to its {@code ca:} line, then every PUBLISH line until the process ends. */
    private void read(Process child, Path output, CompletableFuture<List<String>> report) {
        List<String> startup = new ArrayList<>();
        try (BufferedReader out = Files.newBufferedReader(output, StandardCharsets.UTF_8)) {
            StringBuilder partial = new StringBuilder();
            boolean ended = false;
            while (!ended) {
                ended = !child.isAlive(); // read once more after the end: the file keeps all the child wrote
                int next;
                while ((next = out.read()) >= 0) {
                    if (next != '\n') {
                        partial.append((char) next);
                        continue;
                    }
                    String line = partial.toString();
                    partial.setLength(0);
                    if (!report.isDone()) {
                        startup.add(line);
                        if (line.startsWith("ca: ")) {
                            report.complete(startup);
                        }
                    }
                    Matcher publish = PUBLISH.matcher(line);
                    long seq = publish.find() && publish.group(1).equals(deviceId) ? seq(publish.group(2)) : -1;
                    if (seq >= 0) {
                        received.accept(seq);
                    }
                }
                Thread.sleep(TAIL_PERIOD_MILLIS);
            }
        } catch (IOException e) {
            report.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report.completeExceptionally(new IllegalStateException("the child emulator ended before it started: "
                + startup));
    }

    /** The {@code seq} property of a telemetry topic's property bag, or -1 for a message the ledger did not stamp. */
    private static long seq(String propertyBag) {
        for (String property : propertyBag.split("&")) {
            if (property.startsWith(DeliveryLedger.SEQ_HEADER + "=")) {
                return Long.parseLong(property.substring(DeliveryLedger.SEQ_HEADER.length() + 1));
            }
        }
        return -1;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
