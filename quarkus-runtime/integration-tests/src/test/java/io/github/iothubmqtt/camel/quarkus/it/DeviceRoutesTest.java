package io.github.iothubmqtt.camel.quarkus.it;

import static io.github.iothubmqtt.camel.quarkus.it.EmulatorResource.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.emulator.ServiceApi;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Plays the cloud against the application's device routes, through the emulator only. */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class DeviceRoutesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    ServiceApi hub;

    @Test
    void yamlRouteSendsTelemetryAtStartup() {
        TelemetryMessage telemetry = awaitTelemetryFrom("yaml-route");

        assertThat(telemetry.bodyAsString()).isEqualTo("{\"temperature\":21.5}");
    }

    @Test
    void javaRouteEchoesCloudToDeviceMessagesAsTelemetry() {
        hub.sendC2d(DEVICE, "set-point 22", Map.of("request", "c2d-1"));

        TelemetryMessage echo = awaitTelemetryFrom("java-route");

        assertThat(echo.bodyAsString()).isEqualTo("echo: set-point 22");
        assertThat(echo.applicationProperties()).containsEntry("request", "c2d-1");
    }

    private TelemetryMessage awaitTelemetryFrom(String source) {
        return await().atMost(TIMEOUT).until(() -> find(source), Optional::isPresent).orElseThrow();
    }

    private Optional<TelemetryMessage> find(String source) {
        return hub.telemetry(DEVICE).stream()
                .filter(message -> source.equals(message.applicationProperties().get("source")))
                .findFirst();
    }
}
