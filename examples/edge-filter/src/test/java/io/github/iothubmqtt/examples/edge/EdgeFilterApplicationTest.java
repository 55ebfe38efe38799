package io.github.iothubmqtt.examples.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * Runs the example as a newcomer does, against the embedded emulator in edge mode: only readings above the threshold
 * reach the cloud, from the filter module's output {@code alerts}; the application stops by itself; the log shows
 * both decisions and no warning or error.
 */
@DisabledIfEnvironmentVariable(named = EdgeHubConnection.SENSOR_VARIABLE, matches = ".+")
class EdgeFilterApplicationTest {

    private static final long TIMEOUT_SECONDS = 90;
    private static final double THRESHOLD = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOG_FILE = Path.of(Objects.requireNonNull(System.getProperty("org.slf4j.simpleLogger.logFile"),
            "org.slf4j.simpleLogger.logFile: where slf4j-simple writes the log, set by examples/pom.xml for surefire"));

    @Test
    void forwardsOnlyTheReadingsAboveTheThresholdUpstreamThenStops() throws Exception {
        Main application = EdgeFilterApplication.newMain();
        CompletableFuture<UpstreamAlerts> cloud = new CompletableFuture<>();
        application.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport main) {
                cloud.complete(main.getCamelContext().getRegistry()
                        .lookupByNameAndType(EdgeHubConnection.UPSTREAM_ALERTS, UpstreamAlerts.class));
            }
        });
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                application.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        List<TelemetryMessage> alerts = cloud.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).alerts()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        running.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(alerts).hasSize(UpstreamAlerts.EXPECTED);
        for (TelemetryMessage alert : alerts) {
            assertThat(JSON.readTree(alert.body()).path("temperature").asDouble()).isGreaterThan(THRESHOLD);
            assertThat(alert.systemProperties()).containsEntry("$.on", "alerts")
                    .containsEntry("iothub-connection-module-id", "filter");
        }
        List<String> lines = Files.readAllLines(LOG_FILE);
        assertThat(lines).anyMatch(line -> line.contains("filter - Forwarded 31.2 °C upstream"))
                .anyMatch(line -> line.contains("filter - Kept 21.5 °C on the edge"));
        assertThat(lines).as("no warnings, errors or stack traces")
                .noneMatch(line -> line.matches("\\S+ (WARN|ERROR) .*") || line.startsWith("\tat "));
    }
}
