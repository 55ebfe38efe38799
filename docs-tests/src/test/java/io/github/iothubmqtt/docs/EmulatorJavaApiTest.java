package io.github.iothubmqtt.docs;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.emulator.ServiceApi;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java API section of docs/emulator.md, which shows the region {@code java-api} of this test. A device connects
 * where the page's code has the connection string, port and trust (the getting-started device, which answers
 * {@code reboot} and sends telemetry), and the test waits until it is connected, so that the method call and the
 * telemetry wait succeed.
 */
class EmulatorJavaApiTest {

    /** A JVM of its own, started on a busy machine: longer than the 10 s the page's method call waits for the device. */
    private static final Duration DEVICE_START = Duration.ofSeconds(30);

    @TempDir
    Path folder;
    private RunningProcess deviceApplication;

    @Test
    void theJavaApiOfThePageWorks() throws Exception {
        // tag::java-api[]
        try (IotHubEmulator hub = IotHubEmulator.builder()
                .mqttPort(0).webSocketPort(0).httpPort(-1)        // 0 = any free port, -1 = off
                .c2dLockTimeout(Duration.ofSeconds(2))            // hub default: 1 minute
                .device("thermostat-1")
                .start()) {                                       // returns once every listener is bound
            Identity device = Identity.device("thermostat-1");
            String connectionString = hub.connectionString(device);
            int port = hub.mqttPort();
            KeyStore trust = hub.trustStore();                    // or hub.clientSslContext(), hub.caCertificatePath()
            deviceApplication = DeviceApplication.start(connectionString, port, trust, folder); // hidden in the docs
            deviceApplication.awaitOutput("… - Session thermostat-1 connected to …", DEVICE_START); // hidden in the docs

            ServiceApi cloud = hub.service();
            cloud.sendC2d(device, "fan on", Map.of("$.cid", "42", "color", "red"));
            MethodResult answer = cloud.invokeMethod(device, "reboot", "{}", Duration.ofSeconds(30), Duration.ofSeconds(10)).get();
            long version = cloud.updateDesired(device, "{\"targetTemperature\":22}");
            List<TelemetryMessage> received = cloud.awaitTelemetry(device, 1, Duration.ofSeconds(5));
            cloud.faults().refuseConnects(true).delayResponses(Duration.ofMillis(200)).throttleTwin(3);
            assertThat(answer).isEqualTo(new MethodResult(202, "{\"rebooting\": true}")); // hidden in the docs
            assertThat(version).isEqualTo(2); // hidden in the docs
            assertThat(received).isNotEmpty(); // hidden in the docs
        }
        // end::java-api[]
    }

    @AfterEach
    void stopTheDevice() throws InterruptedException {
        if (deviceApplication != null) {
            deviceApplication.close();
        }
    }
}
