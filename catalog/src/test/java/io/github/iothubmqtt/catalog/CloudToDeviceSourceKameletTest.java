package io.github.iothubmqtt.catalog;

import java.util.Map;

import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

class CloudToDeviceSourceKameletTest extends KameletTestSupport {

    private final Identity device = newDevice("c2d-source");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(kamelet("iothub-c2d-source", device, "")).routeId("c2d")
                        .convertBodyTo(String.class)
                        .to("mock:commands");
            }
        };
    }

    @Test
    void aMessageSentThroughTheServiceApiReachesTheRoute() throws Exception {
        MockEndpoint commands = getMockEndpoint("mock:commands");
        commands.expectedBodiesReceived("{\"command\":\"blink\"}");
        commands.expectedHeaderReceived("CamelIotHubMqttMessageId", "order-17");
        commands.expectedHeaderReceived("priority", "high");

        hub.service().sendC2d(device, "{\"command\":\"blink\"}", Map.of("$.mid", "order-17", "priority", "high"));

        commands.setResultWaitTime(WAIT.toMillis());
        commands.assertIsSatisfied();
    }
}
