package io.github.iothubmqtt.camel.quarkus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.iothubmqtt.camel.quarkus.test.EmulatorCloud;
import io.github.iothubmqtt.camel.quarkus.test.EmulatorCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Plays the cloud, through the Dev Service's emulator only, against the devices the application's Java and YAML
 * routes make. The application is configured by the Dev Service alone, as a user's would be.
 */
// tag::test[]
@QuarkusTest
@QuarkusTestResource(EmulatorCloudResource.class)
class DeviceRoutesTest {

    static final List<String> DEVICES = List.of("java-device", "yaml-device");

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    EmulatorCloud cloud;

    @ParameterizedTest
    @FieldSource("DEVICES")
    void echoesCloudToDeviceMessagesAsTelemetry(String device) {
        cloud.sendC2d(device, "set-point 22", Map.of("request", "r-1"));

        EmulatorCloud.Telemetry echo = cloud.awaitTelemetry(device, 1, TIMEOUT).get(0);

        assertThat(echo.body()).isEqualTo("echo: set-point 22");
        assertThat(echo.applicationProperties()).containsEntry("request", "r-1");
    }

    @ParameterizedTest
    @FieldSource("DEVICES")
    void reportsTheDesiredTargetTemperature(String device) {
        cloud.updateDesired(device, "{\"targetTemperature\":23}");

        cloud.awaitTwin(device, twin -> twin.at("/properties/reported/targetTemperature").asInt() == 23, TIMEOUT);
    }

    @ParameterizedTest
    @FieldSource("DEVICES")
    void answersTheGetMaxMinReportMethod(String device) throws Exception {
        EmulatorCloud.MethodAnswer answer = cloud.invokeMethod(device, "getMaxMinReport",
                "{\"since\":\"2026-11-28T00:00:00Z\"}", TIMEOUT, TIMEOUT);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(json(answer.payloadJson())).isEqualTo(json("{\"since\":\"2026-11-28T00:00:00Z\",\"maxTemp\":23.5}"));
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
// end::test[]
