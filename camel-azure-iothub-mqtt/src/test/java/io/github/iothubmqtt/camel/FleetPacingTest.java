package io.github.iothubmqtt.camel;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.FaultProxy;
import io.github.iothubmqtt.camel.test.Rates;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet's connects, counted where the hub would throttle them: at a proxy in front of the emulator that notes when
 * it accepted each TCP connection. After the proxy drops every connection at once, the fleet comes back at the
 * configured pace; without a limit it comes back as one herd, which shows the count can tell the difference.
 */
class FleetPacingTest extends EmulatorTestSupport {

    private static final int IDENTITIES = 120;
    private static final int CONNECT_RATE = 40;
    /** Accept times trail the paced starts by a TCP handshake, which jitters on a loaded machine. */
    private static final int ACCEPT_JITTER = 3;
    private static final Duration FLEET_WAIT = Duration.ofSeconds(60);

    @Test
    void aFleetConnectsAndReconnectsWithinTheConnectRate() throws Exception {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", hub.mqttPort())) {
            startFleet(proxy, CONNECT_RATE);
            List<Long> firstConnects = proxy.acceptedNanos();
            assertThat(Rates.maxInAnySecond(firstConnects)).as("first connects in any second")
                    .isLessThanOrEqualTo(CONNECT_RATE + ACCEPT_JITTER);

            proxy.kill();
            awaitReconnected(2 * IDENTITIES, proxy);
            List<Long> reconnects = proxy.acceptedNanos().subList(IDENTITIES, proxy.acceptedNanos().size());
            int busiest = Rates.maxInAnySecond(reconnects);
            System.out.println("[fleet pacing] " + IDENTITIES + " identities at connectRate=" + CONNECT_RATE
                    + ": most connects in any second " + Rates.maxInAnySecond(firstConnects) + " at start, " + busiest
                    + " after all were dropped");
            assertThat(busiest).as("reconnects in any second after a drop of all")
                    .isLessThanOrEqualTo(CONNECT_RATE + ACCEPT_JITTER);
        }
    }

    @Test
    void withoutALimitTheFleetComesBackAsAHerd() throws Exception {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", hub.mqttPort())) {
            startFleet(proxy, 0);
            proxy.kill();
            awaitReconnected(2 * IDENTITIES, proxy);
            List<Long> reconnects = proxy.acceptedNanos().subList(IDENTITIES, proxy.acceptedNanos().size());
            // the limit the other test holds would have been broken
            assertThat(Rates.maxInAnySecond(reconnects)).isGreaterThan(CONNECT_RATE + ACCEPT_JITTER);
        }
    }

    private void startFleet(FaultProxy proxy, int connectRate) throws Exception {
        IotHubMqttComponent component = new IotHubMqttComponent(); // the options apply when it starts
        component.setConnectRate(connectRate);
        component.setConnectConcurrency(0);
        context.removeComponent("iothub-mqtt");
        context.addComponent("iothub-mqtt", component);
        List<Identity> fleet = IntStream.range(0, IDENTITIES).mapToObj(i -> newDevice("fleet")).toList();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < fleet.size(); i++) {
                    from("direct:fleet-" + i).to(uri("telemetry", fleet.get(i), proxy.port(),
                            "reconnectBackoffMin=10&reconnectBackoffMax=50"));
                }
            }
        });
        awaitReconnected(IDENTITIES, proxy);
    }

    /** Waits until the proxy accepted {@code accepts} connections and every session is connected. */
    private void awaitReconnected(int accepts, FaultProxy proxy) {
        IotHubMqttComponent component = context.getComponent("iothub-mqtt", IotHubMqttComponent.class);
        await().atMost(FLEET_WAIT).pollInterval(Duration.ofMillis(50)).until(() -> proxy.acceptedNanos().size() >= accepts
                && component.getSessionHealthChecks().keySet().stream().map(DeviceSession::status)
                        .filter(status -> status.connected()).count() == IDENTITIES);
    }
}
