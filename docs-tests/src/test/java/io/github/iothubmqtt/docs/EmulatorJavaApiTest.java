package io.github.iothubmqtt.docs;

import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.DeviceRoutes;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.emulator.ServiceApi;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java API section of docs/emulator.md, which shows the region {@code java-api} of this test. A device connects
 * in this JVM where the page's code has the connection string, port and trust (the routes of the getting-started
 * device, which answer {@code reboot} and send telemetry), so that the method call and the telemetry wait succeed; it
 * stops while the hub is still up, so that no telemetry is left waiting for it.
 */
class EmulatorJavaApiTest {

    private CamelContext camel;

    @Test
    void theJavaApiOfThePageWorks() throws Exception {
        // tag::java-api[]
        try (IotHubEmulator hub = IotHubEmulator.builder()
                .mqttPort(0).webSocketPort(0).httpPort(-1) // 0 = any free port, -1 = off
                .c2dLockTimeout(Duration.ofSeconds(2)) // hub default: 1 minute
                .device("thermostat-1")
                .start()) { // returns once every listener is bound
            Identity device = Identity.device("thermostat-1");
            String connectionString = hub.connectionString(device);
            int port = hub.mqttPort();
            KeyStore trust = hub.trustStore(); // or hub.clientSslContext(), hub.caCertificatePath()
            camel = CamelDevice.create(new DeviceRoutes(), connectionString, port, trust); // hidden in the docs
            camel.start(); // hidden in the docs

            ServiceApi cloud = hub.service();
            cloud.sendC2d(device, "fan on", Map.of("$.cid", "42", "color", "red"));
            MethodResult answer = cloud.invokeMethod(device, "reboot", "{}", Duration.ofSeconds(30), Duration.ofSeconds(10))
                    .get();
            long version = cloud.updateDesired(device, "{\"targetTemperature\":22}");
            List<TelemetryMessage> received = cloud.awaitTelemetry(device, 1, Duration.ofSeconds(5));
            cloud.faults().refuseConnects(true).delayResponses(Duration.ofMillis(200)).throttleTwin(3);
            assertThat(answer).isEqualTo(new MethodResult(202, "{\"rebooting\": true}")); // hidden in the docs
            assertThat(version).isEqualTo(2); // hidden in the docs
            assertThat(received).isNotEmpty(); // hidden in the docs
            camel.close(); // hidden in the docs
        }
        // end::java-api[]
    }

    @AfterEach
    void stopTheDevice() throws Exception {
        if (camel != null) {
            camel.close();
        }
    }
}
