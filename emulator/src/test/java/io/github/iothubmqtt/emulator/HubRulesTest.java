package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.protocol.CloudToDevice;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.MethodTopics;
import io.github.iothubmqtt.protocol.TwinTopics;
import io.github.iothubmqtt.protocol.Username;

/** The hub rules of reference §10, each with its exact outcome, with raw Paho over TLS. */
class HubRulesTest extends EmulatorTest {

    private static final Identity DEVICE = Identity.device("rules-device");

    @BeforeAll
    static void start() {
        hub = Emulators.ephemeral().device(DEVICE.deviceId()).start();
    }

    @Test
    void qos2PublishClosesTheConnection() throws Exception {
        Identity identity = Emulators.newDevice(hub, "qos2-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.publishWithoutWaiting("devices/qos2-device/messages/events/", qos2("x"));
            assertThat(device.awaitClosed()).isTrue();
        }
        assertThat(hub.service().telemetry(identity)).isEmpty();
    }

    @Test
    void subscribeAtQos2IsGrantedQos1() throws Exception {
        try (PahoDevice device = PahoDevice.connect(hub, Emulators.newDevice(hub, "granted-device"))) {
            assertThat(device.subscribe(TwinTopics.RESPONSE_FILTER, 2)).isEqualTo(1);
            assertThat(device.subscribe(MethodTopics.REQUEST_FILTER, 0)).isEqualTo(0);
            assertThat(device.client.isConnected()).isTrue();
        }
    }

    @Test
    void publishToAnUndocumentedTopicClosesTheConnection() throws Exception {
        try (PahoDevice device = PahoDevice.connect(hub, Emulators.newDevice(hub, "topic-device"))) {
            device.publishWithoutWaiting("sensors/temperature", qos1("21"));
            assertThat(device.awaitClosed()).isTrue();
        }
    }

    @Test
    void publishToAnotherDevicesTelemetryTopicClosesTheConnection() throws Exception {
        try (PahoDevice device = PahoDevice.connect(hub, Emulators.newDevice(hub, "impostor-device"))) {
            device.publishWithoutWaiting("devices/rules-device/messages/events/", qos1("21"));
            assertThat(device.awaitClosed()).isTrue();
        }
        assertThat(hub.service().telemetry(DEVICE)).isEmpty();
    }

    @Test
    void aRawSpaceInThePropertyBagClosesTheConnection() throws Exception {
        Identity identity = Emulators.newDevice(hub, "space-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.publishWithoutWaiting("devices/space-device/messages/events/a=b c", qos1("21"));
            assertThat(device.awaitClosed()).isTrue();
        }
        assertThat(hub.service().telemetry(identity)).isEmpty();
    }

    @Test
    void subscribeToAnUndocumentedFilterClosesTheConnection() throws Exception {
        Identity identity = Emulators.newDevice(hub, "filter-device");
        for (String filter : new String[] {"devices/filter-device/#", "$iothub/twin/#", "#"}) {
            try (PahoDevice device = PahoDevice.connect(hub, identity)) {
                assertThatThrownBy(() -> device.subscribe(filter, 1)).as(filter).isInstanceOf(MqttException.class);
                assertThat(device.awaitClosed()).as(filter).isTrue();
            }
        }
    }

    @Test
    void aSixthSubscriptionClosesTheConnection() throws Exception {
        Identity module = Identity.module("rules-device", "sixth");
        hub.registry().addModule(module.deviceId(), module.moduleId());
        try (PahoDevice device = PahoDevice.connect(hub, module)) {
            device.subscribe(CloudToDevice.subscribeFilter(module), 1);
            device.subscribe(TwinTopics.RESPONSE_FILTER, 0);
            device.subscribe(TwinTopics.DESIRED_FILTER, 0);
            device.subscribe(MethodTopics.REQUEST_FILTER, 0);
            device.subscribe("devices/rules-device/modules/sixth/inputs/#", 1);
            assertThat(device.subscribe(TwinTopics.RESPONSE_FILTER, 0)).as("re-subscribing is no new one").isZero();
            assertThat(device.client.isConnected()).isTrue();
            assertThatThrownBy(() -> device.subscribe("devices/rules-device/modules/sixth/#", 1))
                    .isInstanceOf(MqttException.class);
            assertThat(device.awaitClosed()).isTrue();
        }
    }

    @Test
    void keepAliveIsEnforcedAtOneAndAHalfTimes() throws Exception {
        Identity identity = Emulators.newDevice(hub, "silent-device");
        String username = Username.build(hub.hubHostName(), identity, HubLimits.DEFAULT_API_VERSION, null, null);
        try (RawMqttConnection silent = RawMqttConnection.connect(hub, identity.clientId(), username,
                PahoDevice.token(hub, identity, Duration.ofHours(1)), 2)) {
            assertThat(silent.readConnackCode()).isZero();
            Duration closedAfter = silent.awaitClose(Duration.ofSeconds(8));
            assertThat(closedAfter).as("closed for silence").isNotNull();
            assertThat(closedAfter).isBetween(Duration.ofMillis(2500), Duration.ofMillis(6000));
        }
    }

    @Test
    void keepAliveLimitIsCappedAt1767Seconds() {
        assertThat(DeviceConnection.keepAliveLimit(230)).isEqualTo(Duration.ofSeconds(345));
        assertThat(DeviceConnection.keepAliveLimit(1177)).isEqualTo(Duration.ofMillis(1765500));
        assertThat(DeviceConnection.keepAliveLimit(1200)).isEqualTo(Duration.ofSeconds(1767));
        assertThat(DeviceConnection.keepAliveLimit(0)).isZero();
    }

    @Test
    void cleanSession0KeepsSubscriptionsAndQueuedC2dAcrossReconnects() throws Exception {
        Identity identity = Emulators.newDevice(hub, "persistent-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.subscribe(CloudToDevice.subscribeFilter(identity), 1);
        }
        hub.service().sendC2d(identity, "while offline", Map.of());
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            assertThat(device.connectToken.getSessionPresent()).isTrue();
            assertThat(device.awaitMessage().body()).isEqualTo("while offline");
        }
    }

    @Test
    void cleanSession1DropsSubscriptionsAndQueuedC2d() throws Exception {
        Identity identity = Emulators.newDevice(hub, "clean-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.subscribe(CloudToDevice.subscribeFilter(identity), 1);
        }
        hub.service().sendC2d(identity, "sent before the clean session", Map.of());
        try (PahoDevice device = PahoDevice.connect(hub, identity, options -> options.setCleanSession(true))) {
            assertThat(device.connectToken.getSessionPresent()).isFalse();
            assertThat(device.received.poll(300, TimeUnit.MILLISECONDS))
                    .as("no subscription survived").isNull();
            device.subscribe(CloudToDevice.subscribeFilter(identity), 1);
            assertThat(device.received.poll(500, TimeUnit.MILLISECONDS))
                    .as("queue dropped").isNull();
            hub.service().sendC2d(identity, "sent after", Map.of());
            assertThat(device.awaitMessage().body()).isEqualTo("sent after");
        }
    }

    static MqttMessage qos1(String body) {
        return message(body, 1);
    }

    private static MqttMessage qos2(String body) {
        return message(body, 2);
    }

    private static MqttMessage message(String body, int qos) {
        MqttMessage message = new MqttMessage(body.getBytes(StandardCharsets.UTF_8));
        message.setQos(qos);
        return message;
    }
}
