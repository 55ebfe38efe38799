package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.Username;

/** Device-to-cloud telemetry with raw Paho: bag decoding, hub stamps, size limit, RETAIN and Will. */
class TelemetryTest extends EmulatorTest {

    @BeforeAll
    static void start() {
        hub = Emulators.ephemeral().device("telemetry-device").start();
    }

    @Test
    void decodesThePropertyBagIntoSystemAndApplicationProperties() throws Exception {
        Identity identity = Emulators.newDevice(hub, "bag-device");
        List<TelemetryMessage> heard = new CopyOnWriteArrayList<>();
        try (AutoCloseable listening = hub.service().onTelemetry(heard::add);
                PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.client.publish("devices/bag-device/messages/events/%24.mid=m-1&$.ct=application%2Fjson&"
                    + "unit=degrees%20Celsius&empty=&flag", "{}".getBytes(StandardCharsets.UTF_8), 1, false);
            TelemetryMessage message = hub.service().awaitTelemetry(identity, 1, PahoDevice.WAIT).get(0);
            assertThat(message.systemProperties()).containsEntry("$.mid", "m-1")
                    .containsEntry("$.ct", "application/json")
                    .containsEntry("iothub-connection-device-id", "bag-device")
                    .containsKeys("iothub-enqueuedtime", "iothub-connection-auth-method");
            assertThat(message.applicationProperties()).containsEntry("unit", "degrees Celsius")
                    .containsEntry("empty", "").containsEntry("flag", "");
            assertThat(heard).containsExactly(message);
        }
    }

    @Test
    void stampsTheSourceTheGenerationAndThePlugAndPlayModelAndComponent() throws Exception {
        Identity identity = Emulators.newDevice(hub, "pnp-device");
        String model = "dtmi:com:example:TemperatureController;2";
        try (PahoDevice device = PahoDevice.connect(hub, identity, options -> options.setUserName(
                Username.build(hub.hubHostName(), identity, HubLimits.DEFAULT_API_VERSION, "paho-test", model)))) {
            device.client.publish("devices/pnp-device/messages/events/%24.sub=thermostat1",
                    "{}".getBytes(StandardCharsets.UTF_8), 1, false);
            device.client.publish("devices/pnp-device/messages/events/", "{}".getBytes(StandardCharsets.UTF_8), 1, false);
            List<TelemetryMessage> messages = hub.service().awaitTelemetry(identity, 2, PahoDevice.WAIT);
            assertThat(messages.get(0).systemProperties()).containsEntry("$.sub", "thermostat1")
                    .containsEntry("dt-subject", "thermostat1")
                    .containsEntry("dt-dataschema", model)
                    .containsEntry("iothub-message-source", "Telemetry")
                    .containsEntry("iothub-connection-auth-generation-id", hub.registry().generationId(identity));
            assertThat(messages.get(1).systemProperties()).containsEntry("dt-dataschema", model)
                    .doesNotContainKey("dt-subject");
        }
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.client.publish("devices/pnp-device/messages/events/", new byte[0], 1, false);
            assertThat(hub.service().awaitTelemetry(identity, 3, PahoDevice.WAIT).get(2).systemProperties())
                    .as("no model announced").doesNotContainKey("dt-dataschema")
                    .containsEntry("iothub-message-source", "Telemetry");
        }
    }

    @Test
    void aDeviceCreatedAgainUnderTheSameIdHasANewGeneration() {
        Identity identity = Emulators.newDevice(hub, "reborn-device");
        String first = hub.registry().generationId(identity);
        hub.registry().setEnabled(identity, false);
        assertThat(hub.registry().generationId(identity)).as("an update keeps it").isEqualTo(first);
        hub.registry().remove(identity);
        Emulators.newDevice(hub, "reborn-device");
        assertThat(hub.registry().generationId(identity)).isNotEqualTo(first);
    }

    @Test
    void acceptsModuleTelemetryWithATrailingSlash() throws Exception {
        Identity module = Identity.module("telemetry-device", "edge-module");
        hub.registry().addModule(module.deviceId(), module.moduleId());
        try (PahoDevice device = PahoDevice.connect(hub, module)) {
            device.client.publish("devices/telemetry-device/modules/edge-module/messages/events/%24.on=alerts/",
                    new byte[] {42}, 1, false);
            TelemetryMessage message = hub.service().awaitTelemetry(module, 1, PahoDevice.WAIT).get(0);
            assertThat(message.systemProperties()).containsEntry("$.on", "alerts")
                    .containsEntry("iothub-connection-module-id", "edge-module");
        }
    }

    @Test
    void aMessageOver256KbClosesTheConnection() throws Exception {
        Identity identity = Emulators.newDevice(hub, "big-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.publishWithoutWaiting("devices/big-device/messages/events/", qos1(new byte[256 * 1024 + 1]));
            assertThat(device.awaitClosed()).isTrue();
        }
        assertThat(hub.service().telemetry(identity)).isEmpty();
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.client.publish("devices/big-device/messages/events/", new byte[256 * 1024], 1, false);
            assertThat(hub.service().awaitTelemetry(identity, 1, PahoDevice.WAIT)).hasSize(1);
        }
    }

    @Test
    void retainBecomesTheMqttRetainProperty() throws Exception {
        Identity identity = Emulators.newDevice(hub, "retain-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.client.publish("devices/retain-device/messages/events/", new byte[] {1}, 1, true);
            assertThat(hub.service().awaitTelemetry(identity, 1, PahoDevice.WAIT).get(0).applicationProperties())
                    .containsEntry("mqtt-retain", "true");
        }
    }

    @Test
    void theWillIsPublishedAsTelemetryOnAnUncleanDisconnect() throws Exception {
        Identity identity = Emulators.newDevice(hub, "will-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity, options -> options.setWill(
                "devices/will-device/messages/events/reason=lost", "gone".getBytes(StandardCharsets.UTF_8), 1,
                false))) {
            hub.service().kick(identity);
            assertThat(device.awaitClosed()).isTrue();
        }
        TelemetryMessage will = hub.service().awaitTelemetry(identity, 1, PahoDevice.WAIT).get(0);
        assertThat(will.bodyAsString()).isEqualTo("gone");
        assertThat(will.applicationProperties()).containsEntry("iothub-MessageType", "Will")
                .containsEntry("reason", "lost");
    }

    @Test
    void theWillIsNotPublishedAfterDisconnect() throws Exception {
        Identity identity = Emulators.newDevice(hub, "polite-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity, options -> options.setWill(
                "devices/polite-device/messages/events/", "gone".getBytes(StandardCharsets.UTF_8), 1, false))) {
            device.client.publish("devices/polite-device/messages/events/", new byte[] {1}, 1, false);
        }
        Thread.sleep(300);
        assertThat(hub.service().telemetry(identity)).hasSize(1);
    }

    private static MqttMessage qos1(byte[] body) {
        MqttMessage message = new MqttMessage(body);
        message.setQos(1);
        return message;
    }
}
