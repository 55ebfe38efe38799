package io.github.iothubmqtt.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.iothubmqtt.emulator.Enrollment;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DPS sections of docs/emulator.md (region {@code dps-emulator}) and docs/getting-started.md (region
 * {@code dps-endpoint}): an emulator with a DPS endpoint and an enrollment group, and a device that provisions
 * through it, registered by the group's key, then sends telemetry to the hub DPS assigned.
 */
class ProvisioningPageTest {

    private static final String GROUP_KEY = "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==";

    @Test
    void aDeviceProvisionsThroughTheEmulatorsDps() throws Exception {
        String groupKey = GROUP_KEY;
        Files.deleteIfExists(Path.of("target/thermostat-7.dps.json")); // an assignment of an earlier run's emulator
        // tag::dps-emulator[]
        IotHubEmulator hub = IotHubEmulator.builder()
                .mqttPort(0).webSocketPort(-1).httpPort(-1)
                .dpsPort(0) // DPS on a TLS port of its own (off by default)
                .idScope("0ne00000001") // default 0ne00000000
                .enrollment(Enrollment.groupSas("thermostats", groupKey, null))
                .start();
        // end::dps-emulator[]
        try (hub) {
            try (CamelContext camel = new DefaultCamelContext()) {
                camel.getRegistry().bind("hubTls", CamelDevice.trusting(hub.trustStore()));
                camel.start();
                int dpsPort = hub.dpsPort();
                int hubPort = hub.mqttPort();
                // tag::dps-endpoint[]
                String telemetry = "iothub-mqtt:telemetry?idScope=0ne00000001&registrationId=thermostat-7"
                        + "&enrollmentGroupKey=RAW(" + groupKey + ")" // the device key is derived from it
                        + "&assignmentFile=target/thermostat-7.dps.json" // a restart does not register again
                        + "&provisioningHost=localhost&provisioningPort=" + dpsPort // the emulator's DPS; default global.azure-devices-provisioning.net:8883
                        + "&gatewayHostName=localhost&port=" + hubPort // the assigned hub's name does not resolve
                        + "&sslContextParameters=#hubTls";
                // end::dps-endpoint[]
                try (ProducerTemplate producer = camel.createProducerTemplate()) {
                    producer.sendBody(telemetry, "{\"temperature\":21.5}");
                }
            }
            List<TelemetryMessage> received = hub.service().awaitTelemetry(Identity.device("thermostat-7"), 1,
                    Duration.ofSeconds(30));
            assertThat(received).extracting(TelemetryMessage::bodyAsString).containsExactly("{\"temperature\":21.5}");
            assertThat(hub.provisioning().assignments()).isEqualTo(1);
        }
    }
}
