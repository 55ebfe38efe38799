package io.github.iothubmqtt.camel.quarkus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.emulator.ServiceApi;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Plays the cloud, through the emulator only, against the devices the application's Java and YAML routes make. */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class DeviceRoutesTest {

    static final List<Identity> DEVICES = List.of(EmulatorResource.JAVA_DEVICE, EmulatorResource.YAML_DEVICE);

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    ServiceApi hub;

    @ParameterizedTest
    @FieldSource("DEVICES")
    void echoesCloudToDeviceMessagesAsTelemetry(Identity device) {
        hub.sendC2d(device, "set-point 22", Map.of("request", "r-1"));

        TelemetryMessage echo = hub.awaitTelemetry(device, 1, TIMEOUT).get(0);

        assertThat(echo.bodyAsString()).isEqualTo("echo: set-point 22");
        assertThat(echo.applicationProperties()).containsEntry("request", "r-1");
    }

    @ParameterizedTest
    @FieldSource("DEVICES")
    void reportsTheDesiredTargetTemperature(Identity device) {
        hub.updateDesired(device, "{\"targetTemperature\":23}");

        hub.awaitTwin(device, twin -> twin.at("/reported/targetTemperature").asInt() == 23, TIMEOUT);
    }

    @ParameterizedTest
    @FieldSource("DEVICES")
    void answersTheGetMaxMinReportMethod(Identity device) throws Exception {
        MethodResult result = hub.invokeMethod(device, "getMaxMinReport", "{\"since\":\"2026-11-28T00:00:00Z\"}",
                TIMEOUT, TIMEOUT).get();

        assertThat(result.status()).isEqualTo(200);
        assertThat(json(result.payloadJson())).isEqualTo(json("{\"since\":\"2026-11-28T00:00:00Z\",\"maxTemp\":23.5}"));
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
