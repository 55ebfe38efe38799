package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.test.EndpointFailures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A gateway's identities served by one endpoint ({@code fleet}): one connection per identity, the identity of each
 * exchange in the {@link IotHubMqttConstants#IDENTITY} header, and no key in any URI.
 */
class FleetEndpointTest extends EmulatorTestSupport {

    private static final int FLEET_SIZE = 3;

    /** Registers fresh devices and binds their connection strings as the bean {@code name}. */
    private List<Identity> fleet(String name) {
        List<Identity> devices = new ArrayList<>();
        List<String> connectionStrings = new ArrayList<>();
        for (int i = 0; i < FLEET_SIZE; i++) {
            Identity device = newDevice(name);
            devices.add(device);
            connectionStrings.add(hub.connectionString(device));
        }
        context.getRegistry().bind(name, connectionStrings);
        return devices;
    }

    private static String fleetUri(String kind, String fleet, String options) {
        return "iothub-mqtt:" + kind + "?fleet=#" + fleet + "&port=" + hub.mqttPort() + "&sslContextParameters=#hubTls"
                + (options.isEmpty() ? "" : "&" + options);
    }

    @Test
    void aRelayOfCloudToDeviceMessagesAnswersEachAsTheIdentityThatReceivedIt() throws Exception {
        List<Identity> devices = fleet("relay");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(fleetUri("c2d", "relay", "")).setBody(simple("echo ${body}")).to(fleetUri("telemetry", "relay", ""));
            }
        });
        for (Identity device : devices) {
            await().atMost(WAIT).until(() -> hub.service().connectionCount(device) == 1);
        }

        for (Identity device : devices) {
            hub.service().sendC2d(device, "to " + device.deviceId(), Map.of());
        }

        for (Identity device : devices) {
            assertThat(hub.service().awaitTelemetry(device, 1, WAIT)).extracting(TelemetryMessage::bodyAsString)
                    .containsExactly("echo to " + device.deviceId());
            assertThat(hub.service().connectionCount(device)).as("connections of %s", device).isEqualTo(1);
        }
        assertThat(context.getEndpoints()).allSatisfy(endpoint -> assertThat(endpoint.getEndpointUri())
                .doesNotContain("SharedAccessKey").doesNotContain(hub.connectionString(devices.get(0))));
    }

    @Test
    void aProducerNeedsTheIdentityOfEachExchange() throws Exception {
        List<Identity> devices = fleet("named");
        String telemetry = fleetUri("telemetry", "named", "");

        Exchange unnamed = template.send(telemetry, exchange -> exchange.getMessage().setBody("who?"));
        Exchange stranger = template.send(telemetry, exchange -> {
            exchange.getMessage().setBody("stranger");
            exchange.getMessage().setHeader(IotHubMqttConstants.IDENTITY, "not-in-the-fleet");
        });
        Exchange named = template.send(telemetry, exchange -> {
            exchange.getMessage().setBody("second");
            exchange.getMessage().setHeader(IotHubMqttConstants.IDENTITY, devices.get(1).clientId());
        });

        assertThat(unnamed.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set the header " + IotHubMqttConstants.IDENTITY);
        assertThat(stranger.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("iothub-mqtt:telemetry has no identity not-in-the-fleet in its fleet of 3");
        assertThat(named.getException()).isNull();
        assertThat(hub.service().awaitTelemetry(devices.get(1), 1, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("second");
        assertThat(hub.service().telemetry(devices.get(0))).isEmpty();
        SessionStatus status = template.request(fleetUri("status", "named", ""),
                exchange -> exchange.getMessage().setHeader(IotHubMqttConstants.IDENTITY, devices.get(2).clientId()))
                .getMessage().getBody(SessionStatus.class);
        assertThat(status.clientId()).isEqualTo(devices.get(2).clientId());
    }

    @Test
    void methodsAndDesiredPropertiesArriveWithTheIdentityTheyWereFor() throws Exception {
        List<Identity> devices = fleet("served");
        List<String> desired = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(fleetUri("methods", "served", "methodName=whoami"))
                        .setBody(simple("{\"me\":\"${header." + IotHubMqttConstants.IDENTITY + "}\"}"));
                from(fleetUri("twin", "served", "")).filter(header(IotHubMqttConstants.RESYNC).isEqualTo(false))
                        .process(exchange -> desired.add(exchange.getMessage().getHeader(IotHubMqttConstants.IDENTITY)
                                + "@" + exchange.getMessage().getHeader(IotHubMqttConstants.DESIRED_VERSION)));
            }
        });
        for (Identity device : devices) {
            await().atMost(WAIT).until(() -> hub.service().connectionCount(device) == 1);
        }

        MethodResult answer = hub.service().invokeMethod(devices.get(2), "whoami", "{}", Duration.ofSeconds(30), WAIT)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        long first = hub.service().updateDesired(devices.get(0), "{\"target\":1}");
        long second = hub.service().updateDesired(devices.get(1), "{\"target\":2}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.payloadJson()).isEqualTo("{\"me\":\"" + devices.get(2).clientId() + "\"}");
        await().atMost(WAIT).untilAsserted(() -> assertThat(desired).containsExactlyInAnyOrder(
                devices.get(0).clientId() + "@" + first, devices.get(1).clientId() + "@" + second));
    }

    @Test
    void aFleetThatCannotBeServedFailsTheEndpointAndNamesTheEntryWithoutItsKey() {
        List<Identity> devices = fleet("checked");
        String key = hub.connectionString(devices.get(0)).replaceAll(".*SharedAccessKey=", "");
        context.getRegistry().bind("twice",
                List.of(hub.connectionString(devices.get(0)), hub.connectionString(devices.get(0))));
        context.getRegistry().bind("broken",
                List.of(hub.connectionString(devices.get(0)), "HostName=h;SharedAccessKey=" + key));
        context.getRegistry().bind("none", List.of());

        assertThat(EndpointFailures.messages(context, fleetUri("telemetry", "checked", "deviceId=other")))
                .contains("do not set connectionString,"
                        + " deviceId, moduleId, sharedAccessKey, sasToken and idScope with it");
        assertThat(EndpointFailures.messages(context, fleetUri("telemetry", "twice", "")))
                .contains("fleet entry 1 names " + devices.get(0).clientId()
                        + " again");
        assertThat(EndpointFailures.messages(context, fleetUri("telemetry", "broken", "")))
                .contains("fleet entry 1: connection string: DeviceId is"
                        + " missing")
                .doesNotContain(key);
        assertThat(EndpointFailures.messages(context, fleetUri("telemetry", "none", ""))).contains("fleet is empty");
    }
}
