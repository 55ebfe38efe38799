package io.github.iothubmqtt.camel;

import java.util.Map;

import io.github.iothubmqtt.camel.session.DisconnectReason;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.protocol.Identity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContextAware;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a Micrometer registry in the Camel registry, each identity gets its meters: connected, connects, disconnects by
 * reason, PUBACK times, throttled twin answers, C2D messages and method calls; the dev console lists the same session.
 */
class SessionMetricsTest extends EmulatorTestSupport {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected void bindToRegistry(Registry registry) {
        super.bindToRegistry(registry);
        // tag::bind-meter-registry[]
        registry.bind("meters", meters); // any MeterRegistry: Prometheus, OTLP, ...; Spring Boot and Quarkus bind theirs
        // end::bind-meter-registry[]
    }

    @Test
    void eachIdentityHasItsMetersAndTheDevConsoleListsIt() throws Exception {
        Identity device = newDevice("metered");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("c2d", device, "")).to("mock:c2d");
                from(uri("methods", device, "")).setBody(constant("{\"done\":true}"));
            }
        });
        for (int i = 0; i < 3; i++) {
            template.sendBody(uri("telemetry", device, ""), "reading " + i);
        }
        hub.service().sendC2d(device, "hello", Map.of());
        assertThat(hub.service().invokeMethod(device, "reboot", "{}", WAIT, WAIT).get().status()).isEqualTo(200);
        hub.service().faults().throttleTwin(1);
        template.requestBody(uri("twin", device, "operation=getTwin&retryDelay=50"), (Object) null);
        getMockEndpoint("mock:c2d").expectedMessageCount(1);
        getMockEndpoint("mock:c2d").assertIsSatisfied();

        Tags tags = Tags.of("hub", hub.hubHostName(), "identity", device.clientId());
        assertThat(meters.get("iothub.mqtt.connected").tags(tags).gauge().value()).isEqualTo(1);
        assertThat(meters.get("iothub.mqtt.connects").tags(tags).functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("iothub.mqtt.puback").tags(tags).timer().count()).isGreaterThanOrEqualTo(3);
        assertThat(meters.get("iothub.mqtt.throttled").tags(tags).functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("iothub.mqtt.c2d.received").tags(tags).functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("iothub.mqtt.method.calls").tags(tags).functionCounter().count()).isEqualTo(1);

        hub.service().kick(device);
        await().atMost(WAIT).until(() -> meters.get("iothub.mqtt.connects").tags(tags).functionCounter().count() == 2);
        assertThat(meters.get("iothub.mqtt.disconnects").tags(tags).functionCounters())
                .as("one disconnect, counted under its reason")
                .hasSize(DisconnectReason.values().length - 2) // a counter for each reason but NONE and SAS_RENEWAL
                .extracting(counter -> counter.count()).containsOnly(0.0, 1.0).containsOnlyOnce(1.0);

        // found as Camel finds dev consoles: by the name in the generated META-INF/services file
        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("iothub-mqtt");
        ((CamelContextAware) console).setCamelContext(context);
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        assertThat(json.toJson()).contains("\"identity\":\"" + device.clientId() + "\"").contains("\"methodCalls\":1")
                .contains("\"cloudToDeviceMessages\":1").contains("\"state\":\"CONNECTED\"");
        assertThat((String) console.call(DevConsole.MediaType.TEXT)).contains(device.clientId() + ": CONNECTED");
    }
}
