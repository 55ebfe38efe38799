package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.iothubmqtt.protocol.ConnectionString;

/** The command line, run as its own process exactly as {@code java -jar} would run it. */
class EmulatorMainTest {

    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path directory;

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(false).start();
    }

    /** Reads stdout until the {@code ca:} line, which ends the start-up report. */
    private static List<String> startupReport(Process process) throws Exception {
        CompletableFuture<List<String>> report = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith("ca: ")) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return lines;
        });
        return report.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void printsConnectionStringsAndTheCaPath() throws Exception {
        Path ca = directory.resolve("ca.pem");
        Process process = launch("--device", "cli-device", "--device", "cli-device/cli-module", "--mqtt-port", "0",
                "--ws-port", "0", "--http-port", "0", "--ca-out", ca.toString());
        try {
            List<String> report = startupReport(process);
            List<String> connectionStrings = report.stream().filter(l -> l.startsWith("connection-string: "))
                    .map(l -> l.substring("connection-string: ".length())).toList();
            assertThat(connectionStrings).hasSize(2);
            ConnectionString device = ConnectionString.parse(connectionStrings.get(0));
            assertThat(device.deviceId()).isEqualTo("cli-device");
            assertThat(device.gatewayHostName()).isEqualTo("localhost");
            assertThat(device.sharedAccessKey()).isNotBlank();
            assertThat(ConnectionString.parse(connectionStrings.get(1)).moduleId()).isEqualTo("cli-module");
            assertThat(report).contains("ca: " + ca.toAbsolutePath());
            assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
        } finally {
            process.destroy();
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    void aPortInUseIsReportedWithTheOptionToChooseAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Process process = launch("--device", "d", "--mqtt-port", Integer.toString(taken.getLocalPort()),
                    "--ws-port", "0", "--http-port", "0", "--ca-out", directory.resolve("ca.pem").toString());
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exits").isTrue();
            String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(error).contains("port " + taken.getLocalPort()).contains("--mqtt-port N");
        }
    }

    @Test
    void helpDescribesTheOptions() throws Exception {
        Process process = launch("--help");
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        String help = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help).contains("--device ID", "--devices FILE", "--mqtt-port N", "--ws-port N", "--http-port N",
                "--ca-out FILE");
    }
}
