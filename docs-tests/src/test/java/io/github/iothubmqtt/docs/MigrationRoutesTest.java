package io.github.iothubmqtt.docs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The routes of docs/migration.md ({@link MigrationRoutes}) against the in-process emulator: the telemetry reaches the
 * hub with the content type, encoding and application property the page promises; the status route logs the device
 * offline when the hub refuses it.
 */
class MigrationRoutesTest {

    private static final Identity DEVICE = Identity.device("thermostat-1");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private IotHubEmulator hub;
    private CamelContext camel;
    private final List<String> logged = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startTheHubAndCamel() throws Exception {
        hub = IotHubEmulator.builder().bindHost("127.0.0.1").mqttPort(0).webSocketPort(IotHubEmulator.OFF)
                .httpPort(IotHubEmulator.OFF).device(DEVICE.deviceId()).start();
        camel = CamelDevice.create(new MigrationRoutes(), hub.connectionString(DEVICE), hub.mqttPort(), hub.trustStore());
        camel.getCamelContextExtension().addLogListener((exchange, logger, message) -> {
            logged.add(message);
            return message;
        });
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        hub.close();
    }

    @Test
    void telemetryArrivesWithItsPropertiesAndTheStatusRouteSeesAnOfflineDevice() throws Exception {
        hub.service().faults().refuseConnects(true);
        camel.start();

        await().atMost(TIMEOUT).until(() -> logged.stream().anyMatch(line -> line.startsWith("device offline: ")));
        hub.service().faults().refuseConnects(false);
        TelemetryMessage message = hub.service().awaitTelemetry(DEVICE, 1, TIMEOUT).get(0);
        assertThat(message.systemProperties()).containsAllEntriesOf(
                Map.of("$.ct", "application/json", "$.ce", "utf-8"));
        assertThat(message.applicationProperties()).containsEntry("unit", "celsius");
    }
}
