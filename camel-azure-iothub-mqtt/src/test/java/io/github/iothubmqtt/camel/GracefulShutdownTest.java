package io.github.iothubmqtt.camel;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Camel's graceful shutdown lets a route's exchange in flight complete, also when the route consumes from the same
 * identity it sends for: the consumer is suspended, not stopped, until the hub acknowledged the message. Stopping it
 * at once stopped the route's producer too, which closed the session and failed a message the hub then received.
 */
class GracefulShutdownTest extends EmulatorTestSupport {

    private static final Duration HUB_DELAY = Duration.ofMillis(1500);

    @Test
    void aRouteThatRelaysCloudToDeviceMessagesAsTelemetryCompletesItsMessageInFlight() throws Exception {
        Identity device = newDevice("relay");
        CountDownLatch relaying = new CountDownLatch(1);
        CountDownLatch acknowledged = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class)
                        .process(e -> failure.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
                from(uri("c2d", device, "")).routeId("relay").process(e -> relaying.countDown())
                        .to(uri("telemetry", device, "")).process(e -> acknowledged.countDown());
            }
        });
        await().atMost(WAIT).until(() -> hub.service().connectionCount(device) == 1);
        hub.service().faults().delayResponses(HUB_DELAY);
        try {
            hub.service().sendC2d(device, "relayed", Map.of());
            assertThat(relaying.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            await().atMost(WAIT)
                    .until(() -> context.getComponent("iothub-mqtt", IotHubMqttComponent.class).getSessionHealthChecks()
                            .keySet().stream()
                            .anyMatch(session -> session.status().inFlight() == 1));

            context.stop(); // while the telemetry waits for the delayed PUBACK
        } finally {
            hub.service().faults().clear();
        }

        assertThat(failure.get()).as("the exchange's failure").isNull();
        assertThat(acknowledged.getCount()).as("the exchange completed before the context stopped").isZero();
        assertThat(hub.service().awaitTelemetry(device, 1, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("relayed");
    }
}
