package io.github.iothubmqtt.test;

import java.time.Duration;
import java.util.Map;

import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's route test as the test kit promises it: no connection string, port or certificate in sight. */
// tag::camel-test[]
@IotHubTest(devices = "sensor-1")
class CamelTestSupportTest extends CamelTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reading").to("iothub-mqtt:telemetry");
                from("iothub-mqtt:c2d").to("mock:c2d");
            }
        };
    }

    @Test
    void theRoutesTalkToTheEmulatorAsTheFirstDevice(EmulatedHub hub) throws Exception {
        Identity sensor = hub.device("sensor-1");
        template.sendBody("direct:reading", "{\"temperature\":21.5}");
        assertThat(hub.service().awaitTelemetry(sensor, 1, Duration.ofSeconds(20)).get(0).bodyAsString())
                .isEqualTo("{\"temperature\":21.5}");

        MockEndpoint c2d = getMockEndpoint("mock:c2d");
        c2d.expectedBodiesReceived("open the valve");
        hub.service().sendC2d(sensor, "open the valve", Map.of());
        c2d.assertIsSatisfied(20_000);
    }
}
// end::camel-test[]
