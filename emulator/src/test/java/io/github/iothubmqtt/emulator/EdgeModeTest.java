package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.ModuleInputs;
import io.github.iothubmqtt.protocol.SystemProperty;
import io.github.iothubmqtt.protocol.Telemetry;

/** Edge mode with raw Paho modules: routing between outputs and inputs, upstream, delivery rules of inputs. */
class EdgeModeTest extends EmulatorTest {

    private static final Duration LOCK = Duration.ofMillis(700);
    private static final String ROUTES = """
            {"routes": {
              "sensorToFilter": "FROM /messages/modules/sensor/outputs/readings INTO BrokeredEndpoint(\\"/modules/filter/inputs/in\\")",
              "alertsUp": "FROM /messages/modules/filter/outputs/* WHERE $body.temperature > 30 INTO $upstream",
              "leafUp": {"route": "FROM /messages/* WHERE NOT IS_DEFINED($connectionModuleId) INTO $upstream"}}}
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Path routes = dir.resolve("routes.json");
        Files.writeString(routes, ROUTES);
        hub = Emulators.ephemeral().c2dLockTimeout(LOCK).edgeRoutes(routes).start();
    }

    private static Identity module(String deviceId, String moduleId) {
        if (hub.registry().find(Identity.device(deviceId)).isEmpty()) {
            hub.registry().addDevice(deviceId);
        }
        hub.registry().addModule(deviceId, moduleId);
        return Identity.module(deviceId, moduleId);
    }

    private static void send(PahoDevice device, Identity from, Map<String, String> properties, String body)
            throws Exception {
        device.client.publish(Telemetry.topic(from, properties), new MqttMessage(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anOutputReachesTheRoutedInputWithTheSenderAndTheProperties() throws Exception {
        Identity sensor = module("edge-1", "sensor");
        Identity filter = module("edge-1", "filter");
        try (PahoDevice sensorClient = PahoDevice.connect(hub, sensor);
                PahoDevice filterClient = PahoDevice.connect(hub, filter)) {
            filterClient.subscribe(ModuleInputs.subscribeFilter(filter), 1);
            send(sensorClient, sensor, Map.of(SystemProperty.OUTPUT_NAME, "readings", SystemProperty.MESSAGE_ID, "m1",
                    "unit", "C"), "{\"temperature\":21}");
            PahoDevice.Received received = filterClient.awaitMessage();
            ModuleInputs.Delivery delivery = ModuleInputs.parseDelivery(received.topic());
            assertThat(delivery.identity()).isEqualTo(filter);
            assertThat(delivery.inputName()).isEqualTo("in");
            assertThat(delivery.properties()).containsEntry(SystemProperty.CONNECTION_DEVICE_ID, "edge-1")
                    .containsEntry(SystemProperty.CONNECTION_MODULE_ID, "sensor")
                    .containsEntry(SystemProperty.MESSAGE_ID, "m1").containsEntry("unit", "C")
                    .doesNotContainKey(SystemProperty.OUTPUT_NAME);
            assertThat(received.message().getQos()).isEqualTo(1);
            assertThat(received.body()).isEqualTo("{\"temperature\":21}");
            await().atMost(PahoDevice.WAIT).until(() -> hub.service().pendingInputs(filter) == 0);
            assertThat(hub.service().telemetry(sensor)).as("routed to a module, not upstream").isEmpty();
        }
    }

    @Test
    void upstreamRoutesLandInTheTelemetryStoreAndTheirConditionsFilter() throws Exception {
        Identity filter = module("edge-2", "filter");
        try (PahoDevice filterClient = PahoDevice.connect(hub, filter)) {
            Map<String, String> json = Map.of(SystemProperty.OUTPUT_NAME, "alerts",
                    SystemProperty.CONTENT_TYPE, "application/json", SystemProperty.CONTENT_ENCODING, "utf-8");
            send(filterClient, filter, json, "{\"temperature\":25}");
            send(filterClient, filter, json, "{\"temperature\":35}");
            send(filterClient, filter, Map.of(SystemProperty.OUTPUT_NAME, "alerts"), "{\"temperature\":40}");
            TelemetryMessage upstream = hub.service().awaitTelemetry(filter, 1, PahoDevice.WAIT).get(0);
            assertThat(upstream.bodyAsString()).isEqualTo("{\"temperature\":35}");
            assertThat(upstream.systemProperties()).containsEntry("iothub-connection-module-id", "filter");
            Thread.sleep(300);
            assertThat(hub.service().telemetry(filter)).as("25 is below 30; without a JSON content type no body query")
                    .hasSize(1);
        }
    }

    @Test
    void aLeafDeviceIsRoutedUpstreamByItsOwnRoute() throws Exception {
        Identity leaf = Emulators.newDevice(hub, "leaf-1");
        try (PahoDevice device = PahoDevice.connect(hub, leaf)) {
            send(device, leaf, Map.of(), "from a leaf");
            assertThat(hub.service().awaitTelemetry(leaf, 1, PahoDevice.WAIT).get(0).bodyAsString())
                    .isEqualTo("from a leaf");
        }
    }

    @Test
    void inputsQueueForACleanSession0ModuleWhileItIsAway() throws Exception {
        Identity sensor = module("edge-3", "sensor");
        Identity filter = module("edge-3", "filter");
        try (PahoDevice filterClient = PahoDevice.connect(hub, filter)) {
            filterClient.subscribe(ModuleInputs.subscribeFilter(filter), 1);
        }
        try (PahoDevice sensorClient = PahoDevice.connect(hub, sensor)) {
            send(sensorClient, sensor, Map.of(SystemProperty.OUTPUT_NAME, "readings"), "while away");
        }
        await().atMost(PahoDevice.WAIT).until(() -> hub.service().pendingInputs(filter) == 1);
        try (PahoDevice filterClient = PahoDevice.connect(hub, filter)) {
            assertThat(filterClient.awaitMessage().body()).isEqualTo("while away");
            await().atMost(PahoDevice.WAIT).until(() -> hub.service().pendingInputs(filter) == 0);
        }
    }

    @Test
    void anUnacknowledgedInputIsRedeliveredAfterTheLockTimeoutUntilItsPuback() throws Exception {
        Identity sensor = module("edge-6", "sensor");
        Identity filter = module("edge-6", "filter");
        try (PahoDevice sensorClient = PahoDevice.connect(hub, sensor);
                PahoDevice filterClient = PahoDevice.connect(hub, filter)) {
            filterClient.client.setManualAcks(true);
            filterClient.subscribe(ModuleInputs.subscribeFilter(filter), 1);
            send(sensorClient, sensor, Map.of(SystemProperty.OUTPUT_NAME, "readings"), "ack me");
            assertThat(filterClient.awaitMessage().body()).isEqualTo("ack me");
            PahoDevice.Received again = filterClient.awaitMessage();
            assertThat(again.body()).as("redelivered after the lock timeout").isEqualTo("ack me");
            filterClient.client.messageArrivedComplete(again.message().getId(), 1);
            await().atMost(PahoDevice.WAIT).until(() -> hub.service().pendingInputs(filter) == 0);
            assertThat(filterClient.received.poll(LOCK.toMillis() * 2, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aCleanSession1ConnectForgetsTheQueuedInputs() throws Exception {
        Identity sensor = module("edge-4", "sensor");
        Identity filter = module("edge-4", "filter");
        try (PahoDevice sensorClient = PahoDevice.connect(hub, sensor)) {
            send(sensorClient, sensor, Map.of(SystemProperty.OUTPUT_NAME, "readings"), "forgotten");
        }
        await().atMost(PahoDevice.WAIT).until(() -> hub.service().pendingInputs(filter) == 1);
        try (PahoDevice filterClient = PahoDevice.connect(hub, filter, options -> options.setCleanSession(true))) {
            filterClient.subscribe(ModuleInputs.subscribeFilter(filter), 1);
            assertThat(filterClient.received.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(hub.service().pendingInputs(filter)).isZero();
        }
    }

    @Test
    void aMessageNoRouteTakesIsDropped() throws Exception {
        Identity other = module("edge-5", "other");
        try (PahoDevice client = PahoDevice.connect(hub, other)) {
            send(client, other, Map.of(SystemProperty.OUTPUT_NAME, "nowhere"), "dropped");
            Thread.sleep(300);
            assertThat(client.awaitClosed(Duration.ofMillis(100))).as("the connection stays up").isFalse();
            assertThat(hub.service().telemetry(other)).isEmpty();
        }
    }
}
