package io.github.iothubmqtt.examples.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * Runs an example application as a newcomer does, against the embedded hub, and checks that the whole demo loop
 * happened: the hub received telemetry with its properties, the reported target temperature acknowledges the desired
 * one, both methods answered, the device consumed the C2D message; that the application stopped by itself; and that
 * nothing was logged at WARN or ERROR (for YAML routes, this includes Camel's warning about the compact notation).
 */
@DisabledIfEnvironmentVariable(named = HubConnection.CONNECTION_STRING_VARIABLE, matches = ".+")
public abstract class ThermostatDemoTestSupport {

    private static final long TIMEOUT_SECONDS = 90;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOG_FILE = Path.of(Objects.requireNonNull(System.getProperty("org.slf4j.simpleLogger.logFile"),
            "org.slf4j.simpleLogger.logFile: where slf4j-simple writes the log, set by examples/pom.xml for surefire"));

    /** The example's application, configured as its main method does. */
    protected abstract Main newApplication();

    @Test
    void playsTheWholeDemoAgainstTheEmbeddedHubThenStops() throws Exception {
        Main application = newApplication();
        CompletableFuture<CloudSide> cloudSide = new CompletableFuture<>();
        application.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport main) {
                cloudSide.complete(main.getCamelContext().getRegistry()
                        .lookupByNameAndType(HubConnection.CLOUD_SIDE, CloudSide.class));
            }
        });
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> runUntilStopped(application));

        DemoOutcome outcome = cloudSide.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).outcome().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        running.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertTelemetry(outcome);
        assertThat(outcome.reportedTargetTemperature().path("value").asDouble()).isEqualTo(CloudSide.TARGET_TEMPERATURE);
        assertThat(outcome.reportedTargetTemperature().path("ac").asInt()).isEqualTo(200);
        assertThat(outcome.reportedTargetTemperature().path("av").asLong()).isEqualTo(outcome.desiredVersion());
        assertThat(outcome.reportedTargetTemperature().path("ad").asText()).startsWith("heading for ");
        assertMaxMinReport(outcome);
        assertThat(outcome.reboot().status()).isEqualTo(202);
        assertThat(JSON.readTree(outcome.reboot().payloadJson()).path("status").asText()).isEqualTo("rebooting");
        assertLog();
    }

    private static void runUntilStopped(Main application) {
        try {
            application.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertTelemetry(DemoOutcome outcome) throws Exception {
        assertThat(JSON.readTree(outcome.firstTelemetry().body()).path("temperature").isNumber()).isTrue();
        assertThat(outcome.firstTelemetry().applicationProperties()).containsEntry("temperatureAlert", "false");
        assertThat(outcome.firstTelemetry().systemProperties()).containsEntry("$.ct", "application/json");
    }

    private static void assertMaxMinReport(DemoOutcome outcome) throws Exception {
        assertThat(outcome.maxMinReport().status()).isEqualTo(200);
        JsonNode report = JSON.readTree(outcome.maxMinReport().payloadJson());
        assertThat(report.path("maxTemp").asDouble()).isGreaterThanOrEqualTo(report.path("avgTemp").asDouble());
        assertThat(report.path("avgTemp").asDouble()).isGreaterThanOrEqualTo(report.path("minTemp").asDouble());
        assertThat(report.path("startTime").asText()).isNotEmpty();
        assertThat(report.path("endTime").asText()).isNotEmpty();
    }

    /** The device's side of the loop, as its routes logged it, and a clean log. */
    private static void assertLog() throws Exception {
        List<String> lines = Files.readAllLines(LOG_FILE);
        assertThat(lines).anyMatch(line -> line.contains("startup-properties - Reported the startup properties"))
                .anyMatch(line -> line.contains("telemetry - Sent {temperature="))
                .anyMatch(line -> line.contains("c2d - Message from the cloud: Hello from the cloud"))
                .anyMatch(line -> line.contains("desired-properties - Applied the desired targetTemperature"))
                .anyMatch(line -> line.contains("getMaxMinReport - Answered getMaxMinReport"))
                .anyMatch(line -> line.contains("reboot - Rebooting"));
        assertThat(lines).as("no warnings, errors or stack traces")
                .noneMatch(line -> line.matches("\\S+ (WARN|ERROR) .*") || line.startsWith("\tat "));
    }
}
