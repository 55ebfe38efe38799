package io.github.iothubmqtt.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

class DesiredPropertiesConsumerTest extends EmulatorTestSupport {

    @Test
    void startsWithTheCurrentDocumentThenDeliversEachPatchOnce() throws Exception {
        Identity device = newDevice("desired");
        hub.service().updateDesired(device, "{\"targetTemperature\":20}");
        MockEndpoint desired = consume(device, "mock:desired");
        desired.expectedMessageCount(3);

        awaitDelivered(desired, 1);
        hub.service().updateDesired(device, "{\"targetTemperature\":21}");
        awaitDelivered(desired, 2);
        hub.service().updateDesired(device, "{\"fan\":{\"speed\":2}}");

        desired.assertIsSatisfied(WAIT.toMillis());
        List<Exchange> exchanges = desired.getExchanges();
        assertThat(exchanges).extracting(e -> e.getMessage().getHeader(IotHubMqttConstants.RESYNC))
                .containsExactly(true, false, false);
        assertThat(exchanges).extracting(e -> e.getMessage().getHeader(IotHubMqttConstants.DESIRED_VERSION))
                .containsExactly(2L, 3L, 4L);
        assertThat(body(exchanges.get(0))).containsEntry("targetTemperature", 20);
        assertThat(body(exchanges.get(1))).containsEntry("targetTemperature", 21);
        assertThat(body(exchanges.get(2))).containsEntry("fan", Map.of("speed", 2));
    }

    @Test
    void aChangeMadeWhileDisconnectedArrivesOnceAfterReconnectAsAResync() throws Exception {
        Identity device = newDevice("desired-offline");
        MockEndpoint desired = consume(device, "mock:offline");
        awaitDelivered(desired, 1);

        hub.service().faults().refuseConnects(true);
        try {
            hub.service().kick(device);
            hub.service().updateDesired(device, "{\"targetTemperature\":18}");
            hub.service().updateDesired(device, "{\"targetTemperature\":19}");
        } finally {
            hub.service().faults().refuseConnects(false);
        }

        awaitDelivered(desired, 2);
        Thread.sleep(500); // a duplicate would arrive within this time
        assertThat(desired.getExchanges()).hasSize(2);
        Exchange resync = desired.getExchanges().get(1);
        assertThat(resync.getMessage().getHeader(IotHubMqttConstants.RESYNC)).isEqualTo(true);
        assertThat(resync.getMessage().getHeader(IotHubMqttConstants.DESIRED_VERSION)).isEqualTo(3L);
        assertThat(body(resync)).containsEntry("targetTemperature", 19);
    }

    private MockEndpoint consume(Identity device, String mock) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("twin", device, "reconnectBackoffMin=50&reconnectBackoffMax=200")).to(mock);
            }
        });
        return getMockEndpoint(mock);
    }

    private static void awaitDelivered(MockEndpoint mock, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT.toSeconds());
        while (mock.getReceivedCounter() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(mock.getReceivedCounter()).as("exchanges received").isGreaterThanOrEqualTo(count);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Exchange exchange) {
        return exchange.getMessage().getBody(Map.class);
    }
}
