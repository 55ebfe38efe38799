package io.github.iothubmqtt.catalog;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportedPropertiesSinkKameletTest extends KameletTestSupport {

    private final Identity device = newDevice("reported-sink");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:report").to(kamelet("iothub-reported-properties-sink", device, ""));
            }
        };
    }

    @Test
    void theTwinHoldsThePatchAndTheRouteGetsTheNewVersion() {
        Exchange reported = template.send("direct:report",
                exchange -> exchange.getMessage().setBody(Map.of("currentTemperature", 21.5)));

        assertThat(reported.getException()).isNull();
        JsonNode twin = hub.service().awaitTwin(device,
                current -> current.path("reported").has("currentTemperature"), WAIT);
        assertThat(twin.path("reported").path("currentTemperature").asDouble()).isEqualTo(21.5);
        assertThat(reported.getMessage().getHeader("CamelIotHubMqttReportedVersion", Long.class))
                .isEqualTo(twin.path("reported").path("$version").asLong());
    }
}
