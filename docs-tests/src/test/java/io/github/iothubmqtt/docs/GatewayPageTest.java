package io.github.iothubmqtt.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.iothubmqtt.camel.IotHubMqttConstants;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * docs/gateways.md (regions {@code fleet-bean} and {@code fleet-routes}): a gateway's field devices, each its own
 * identity, through one telemetry endpoint and one C2D endpoint.
 */
class GatewayPageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aGatewaySendsAndReceivesForEachOfItsDevices() throws Exception {
        try (IotHubEmulator hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(-1).httpPort(-1)
                .device("pump-1").device("pump-2").start();
                CamelContext camel = new DefaultCamelContext()) {
            List<String> connectionStringsFromYourVault = List.of(hub.connectionString(Identity.device("pump-1")),
                    hub.connectionString(Identity.device("pump-2")));
            List<String> commands = new CopyOnWriteArrayList<>();
            camel.getRegistry().bind("hubTls", CamelDevice.trusting(hub.trustStore()));
            String hubOptions = "&port=" + hub.mqttPort() + "&sslContextParameters=#hubTls";
            // tag::fleet-bean[]
            // one connection string per field device, each an identity of its own; no key goes into a URI
            camel.getRegistry().bind("pumps", connectionStringsFromYourVault);
            // end::fleet-bean[]
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // tag::fleet-routes[]
                    from("direct:field-readings") // from Modbus, OPC UA, a local broker...
                            .setHeader(IotHubMqttConstants.IDENTITY, simple("${body[device]}"))
                            .setBody(simple("${body[reading]}"))
                            .to("iothub-mqtt:telemetry?fleet=#pumps" + hubOptions);

                    from("iothub-mqtt:c2d?fleet=#pumps" + hubOptions) // every pump's cloud-to-device messages
                            .log("command for ${header.CamelIotHubMqttIdentity}: ${body}")
                            .to("direct:to-the-pump");
                    // end::fleet-routes[]
                    from("direct:to-the-pump").process(exchange -> commands.add(
                            exchange.getMessage().getHeader(IotHubMqttConstants.IDENTITY) + ": "
                                    + exchange.getMessage().getBody(String.class)));
                }
            });
            camel.start();
            try (ProducerTemplate producer = camel.createProducerTemplate()) {
                producer.sendBody("direct:field-readings", Map.of("device", "pump-2", "reading", "{\"flow\":3.5}"));
            }
            hub.service().sendC2d(Identity.device("pump-1"), "stop", Map.of());

            assertThat(hub.service().awaitTelemetry(Identity.device("pump-2"), 1, WAIT))
                    .extracting(TelemetryMessage::bodyAsString).containsExactly("{\"flow\":3.5}");
            assertThat(hub.service().telemetry(Identity.device("pump-1"))).isEmpty();
            await().atMost(WAIT).untilAsserted(() -> assertThat(commands).containsExactly("pump-1: stop"));
        }
    }
}
