package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.protocol.CloudToDevice;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SystemProperty;

/** Cloud-to-device messages with raw Paho: topic encoding, completion by PUBACK, lock timeout, limits. */
class CloudToDeviceTest extends EmulatorTest {

    private static final Duration LOCK = Duration.ofMillis(700);

    @BeforeAll
    static void start() {
        hub = Emulators.ephemeral().c2dLockTimeout(LOCK).c2dMaxDeliveryCount(3).start();
    }

    @Test
    void theDeliveryTopicIsEncodedAsTheHubEncodesIt() throws Exception {
        Identity identity = Emulators.newDevice(hub, "encoded-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.subscribe(CloudToDevice.subscribeFilter(identity), 1);
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put(SystemProperty.MESSAGE_ID, "m 1");
            properties.put(SystemProperty.CORRELATION_ID, "c/1");
            properties.put("color", "blue+green");
            hub.service().sendC2d(identity, "hello", properties);
            PahoDevice.Received received = device.awaitMessage();
            assertThat(received.topic()).isEqualTo("devices/encoded-device/messages/devicebound/"
                    + "%24.mid=m%201&%24.to=%2Fdevices%2Fencoded-device%2Fmessages%2FdeviceBound"
                    + "&%24.cid=c%2F1&color=blue%2Bgreen");
            assertThat(received.message().getQos()).isEqualTo(1);
            assertThat(received.body()).isEqualTo("hello");
        }
    }

    @Test
    void theEmbeddedCWildcardFilterIsAccepted() throws Exception {
        Identity identity = Emulators.newDevice(hub, "wildcard-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            assertThat(device.subscribe("devices/+/messages/devicebound/#", 1)).isEqualTo(1);
            hub.service().sendC2d(identity, "to the wildcard", Map.of());
            assertThat(device.awaitMessage().body()).isEqualTo("to the wildcard");
        }
    }

    @Test
    void aPubackCompletesTheMessage() throws Exception {
        Identity identity = Emulators.newDevice(hub, "completing-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.subscribe(CloudToDevice.subscribeFilter(identity), 1);
            hub.service().sendC2d(identity, "complete me", Map.of());
            device.awaitMessage();
            await().atMost(PahoDevice.WAIT).until(() -> hub.service().pendingC2d(identity) == 0);
            assertThat(device.received.poll(LOCK.toMillis() * 2, TimeUnit.MILLISECONDS)).as("no redelivery").isNull();
        }
    }

    @Test
    void anUnacknowledgedMessageIsRedeliveredAfterTheLockTimeoutThenDeadLettered() throws Exception {
        Identity identity = Emulators.newDevice(hub, "forgetful-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.client.setManualAcks(true);
            device.subscribe(CloudToDevice.subscribeFilter(identity), 1);
            hub.service().sendC2d(identity, "ack me", Map.of(SystemProperty.MESSAGE_ID, "redelivered"));
            for (int delivery = 1; delivery <= 3; delivery++) {
                PahoDevice.Received received = device.awaitMessage();
                assertThat(received.topic()).as("delivery " + delivery).contains("%24.mid=redelivered");
            }
            await().atMost(PahoDevice.WAIT).until(() -> hub.service().pendingC2d(identity) == 0);
            assertThat(device.received.poll(LOCK.toMillis() * 2, TimeUnit.MILLISECONDS))
                    .as("dead-lettered after the maximum delivery count").isNull();
        }
    }

    @Test
    void atMostFiftyMessagesArePending() {
        Identity identity = Emulators.newDevice(hub, "full-device");
        for (int i = 0; i < HubLimits.MAX_C2D_QUEUE; i++) {
            hub.service().sendC2d(identity, "message " + i, Map.of());
        }
        assertThatThrownBy(() -> hub.service().sendC2d(identity, "one too many", Map.of()))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(403004));
    }

    @Test
    void anExpiredMessageIsNotDelivered() throws Exception {
        Identity identity = Emulators.newDevice(hub, "late-device");
        hub.service().sendC2d(identity, "stale", Map.of(SystemProperty.EXPIRY, Instant.now().minusSeconds(1).toString()));
        hub.service().sendC2d(identity, "fresh", Map.of());
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.subscribe(CloudToDevice.subscribeFilter(identity), 1);
            assertThat(device.awaitMessage().body()).isEqualTo("fresh");
        }
    }

    @Test
    void aMessageOver64KbIsRefused() {
        Identity identity = Emulators.newDevice(hub, "small-device");
        assertThatThrownBy(() -> hub.service().sendC2d(identity, new byte[64 * 1024 + 1], Map.of()))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(413001));
    }
}
