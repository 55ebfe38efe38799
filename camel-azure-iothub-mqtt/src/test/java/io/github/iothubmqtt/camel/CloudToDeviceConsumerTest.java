package io.github.iothubmqtt.camel;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CloudToDeviceConsumerTest extends EmulatorTestSupport {

    private static final String HARD = "a b&c=d%e+f$g ü€";

    @Test
    void mapsEverySystemAndApplicationPropertyToHeaders() throws Exception {
        Identity device = newDevice("c2d-headers");
        context.addRoutes(route(uri("c2d", device, ""), "mock:c2d"));
        MockEndpoint mock = getMockEndpoint("mock:c2d");
        mock.expectedMessageCount(1);

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("$.mid", "mid " + HARD);
        properties.put("$.cid", "cid " + HARD);
        properties.put("$.uid", "uid " + HARD);
        properties.put("$.ct", "text/plain; charset=utf-8");
        properties.put("$.ce", "utf-8");
        properties.put("$.exp", "2099-01-01T00:00:00.000Z");
        properties.put("iothub-ack", "full");
        properties.put("key " + HARD, "value " + HARD);
        hub.service().sendC2d(device, ("body " + HARD).getBytes(StandardCharsets.UTF_8), properties);

        mock.assertIsSatisfied(WAIT.toMillis());
        var message = mock.getReceivedExchanges().get(0).getMessage();
        assertThat(message.getBody(String.class)).isEqualTo("body " + HARD);
        assertThat(message.getBody()).isInstanceOf(byte[].class);
        assertThat(message.getHeaders()).contains(
                Map.entry(IotHubMqttConstants.MESSAGE_ID, "mid " + HARD),
                Map.entry(IotHubMqttConstants.CORRELATION_ID, "cid " + HARD),
                Map.entry(IotHubMqttConstants.USER_ID, "uid " + HARD),
                Map.entry(IotHubMqttConstants.CONTENT_TYPE, "text/plain; charset=utf-8"),
                Map.entry(IotHubMqttConstants.CONTENT_ENCODING, "utf-8"),
                Map.entry(IotHubMqttConstants.EXPIRY_TIME, "2099-01-01T00:00:00.000Z"),
                Map.entry(IotHubMqttConstants.ACK, "full"),
                Map.entry("key " + HARD, "value " + HARD));
        assertThat(message.getHeader(IotHubMqttConstants.TO, String.class)).contains(device.deviceId());
        await().atMost(WAIT).until(() -> hub.service().pendingC2d(device) == 0);
    }

    @Test
    void redeliversAfterTheRouteFailedAndAcknowledgesAfterSuccess() throws Exception {
        Identity device = newDevice("c2d-redelivery");
        AtomicInteger attempts = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("c2d", device, "")).process(exchange -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("first delivery fails on purpose");
                    }
                }).to("mock:redelivered");
            }
        });
        MockEndpoint mock = getMockEndpoint("mock:redelivered");
        mock.expectedBodiesReceived("retry me");

        hub.service().sendC2d(device, "retry me", Map.of());

        mock.assertIsSatisfied(WAIT.toMillis());
        assertThat(attempts).hasValue(2);
        await().atMost(WAIT).until(() -> hub.service().pendingC2d(device) == 0);
    }

    private static RouteBuilder route(String from, String to) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(to);
            }
        };
    }
}
