package io.github.iothubmqtt.catalog;

import java.util.List;

import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetrySinkKameletTest extends KameletTestSupport {

    private final Identity device = newDevice("telemetry-sink");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:readings").to(kamelet("iothub-telemetry-sink", device, ""));
            }
        };
    }

    @Test
    void theHubReceivesTheBodyAndHeadersAsTelemetry() {
        template.sendBodyAndHeader("direct:readings", "{\"temperature\":21.5}", "sensor", "livingroom");

        List<TelemetryMessage> received = hub.service().awaitTelemetry(device, 1, WAIT);
        assertThat(received).singleElement().satisfies(message -> {
            assertThat(message.bodyAsString()).isEqualTo("{\"temperature\":21.5}");
            assertThat(message.applicationProperties()).containsEntry("sensor", "livingroom");
        });
    }
}
