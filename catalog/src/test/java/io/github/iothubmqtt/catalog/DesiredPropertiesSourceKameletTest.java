package io.github.iothubmqtt.catalog;

import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredPropertiesSourceKameletTest extends KameletTestSupport {

    private final Identity device = newDevice("desired-source");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(kamelet("iothub-desired-properties-source", device, "")).routeId("desired")
                        .convertBodyTo(String.class)
                        .to("mock:desired");
            }
        };
    }

    @Test
    void theRouteGetsTheTwinOnConnectThenEachDesiredUpdate() throws Exception {
        MockEndpoint desired = getMockEndpoint("mock:desired");
        desired.setResultWaitTime(WAIT.toMillis());
        desired.expectedMessageCount(1);
        desired.expectedHeaderReceived("CamelIotHubMqttResync", true);
        desired.assertIsSatisfied();

        desired.reset();
        desired.expectedMessageCount(1);
        long version = hub.service().updateDesired(device, "{\"targetTemperature\":22.5}");

        desired.assertIsSatisfied();
        Message update = desired.getExchanges().get(0).getMessage();
        assertThat(update.getBody(String.class)).contains("\"targetTemperature\":22.5");
        assertThat(update.getHeader("CamelIotHubMqttDesiredVersion", Long.class)).isEqualTo(version);
        assertThat(update.getHeader("CamelIotHubMqttResync", Boolean.class)).isFalse();
    }
}
