package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.TwinTopics;

/** The device side of twins with raw Paho: exact response topics, bodies and status codes. */
class TwinTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        hub = Emulators.ephemeral().start();
    }

    @AfterEach
    void clearFaults() {
        hub.service().faults().clear();
    }

    private static PahoDevice connectSubscribed(String name) throws Exception {
        hub.registry().addDevice(name);
        PahoDevice device = PahoDevice.connect(hub, Identity.device(name));
        device.subscribe(TwinTopics.RESPONSE_FILTER, 0);
        device.subscribe(TwinTopics.DESIRED_FILTER, 0);
        return device;
    }

    @Test
    void getAnswers200WithDesiredAndReported() throws Exception {
        try (PahoDevice device = connectSubscribed("get-device")) {
            hub.service().updateDesired(Identity.device("get-device"), "{\"mode\":\"eco\"}");
            assertThat(device.awaitMessage().topic()).startsWith("$iothub/twin/PATCH/properties/desired/");
            device.client.publish(TwinTopics.getTopic("r1"), new byte[0], 0, false);
            PahoDevice.Received response = device.awaitMessage();
            assertThat(response.topic()).isEqualTo("$iothub/twin/res/200/?$rid=r1");
            assertThat(response.message().getQos()).isZero();
            JsonNode twin = JSON.readTree(response.body());
            assertThat(twin.at("/desired/mode").asText()).isEqualTo("eco");
            assertThat(twin.at("/desired/$version").asLong()).isEqualTo(2);
            assertThat(twin.at("/reported/$version").asLong()).isEqualTo(1);
        }
    }

    @Test
    void reportedPatchAnswers204WithRidThenVersion() throws Exception {
        try (PahoDevice device = connectSubscribed("patch-device")) {
            device.client.publish(TwinTopics.patchReportedTopic("r2", null),
                    "{\"battery\":87}".getBytes(StandardCharsets.UTF_8), 1, false);
            PahoDevice.Received response = device.awaitMessage();
            assertThat(response.topic()).isEqualTo("$iothub/twin/res/204/?$rid=r2&$version=2");
            assertThat(response.message().getPayload()).isEmpty();
            assertThat(hub.service().twin(Identity.device("patch-device")).at("/reported/battery").asInt())
                    .isEqualTo(87);
        }
    }

    @Test
    void aPatchBasedOnAStaleVersionAnswers412AndChangesNothing() throws Exception {
        try (PahoDevice device = connectSubscribed("stale-device")) {
            device.client.publish(TwinTopics.patchReportedTopic("r6", 1L), "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 1,
                    false);
            assertThat(device.awaitMessage().topic()).isEqualTo("$iothub/twin/res/204/?$rid=r6&$version=2");
            device.client.publish(TwinTopics.patchReportedTopic("r7", 1L), "{\"b\":2}".getBytes(StandardCharsets.UTF_8), 1,
                    false);
            PahoDevice.Received stale = device.awaitMessage();
            assertThat(stale.topic()).isEqualTo("$iothub/twin/res/412/?$rid=r7");
            assertThat(JSON.readTree(stale.body()).path("errorCode").asInt()).isEqualTo(412001);
            assertThat(hub.service().twin(Identity.device("stale-device")).at("/reported").has("b")).isFalse();
        }
    }

    @Test
    void malformedJsonAnswers400WithAnErrorBody() throws Exception {
        try (PahoDevice device = connectSubscribed("malformed-device")) {
            device.client.publish(TwinTopics.patchReportedTopic("r3", null),
                    "{\"battery\":".getBytes(StandardCharsets.UTF_8), 1, false);
            PahoDevice.Received response = device.awaitMessage();
            assertThat(response.topic()).isEqualTo("$iothub/twin/res/400/?$rid=r3");
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.get("errorCode").asInt()).isEqualTo(400004);
            assertThat(error.has("message")).isTrue();
            assertThat(device.client.isConnected()).isTrue();
        }
    }

    @Test
    void throttledTwinOperationsAnswer429() throws Exception {
        try (PahoDevice device = connectSubscribed("throttled-device")) {
            hub.service().faults().throttleTwin(1);
            device.client.publish(TwinTopics.getTopic("r4"), new byte[0], 0, false);
            assertThat(device.awaitMessage().topic()).isEqualTo("$iothub/twin/res/429/?$rid=r4");
            device.client.publish(TwinTopics.getTopic("r5"), new byte[0], 0, false);
            assertThat(device.awaitMessage().topic()).isEqualTo("$iothub/twin/res/200/?$rid=r5");
        }
    }

    @Test
    void desiredUpdatesNotifyConnectedSubscribersAtQos0Only() throws Exception {
        Identity identity = Identity.device("desired-device");
        try (PahoDevice device = connectSubscribed(identity.deviceId())) {
            long version = hub.service().updateDesired(identity, "{\"target\":21}");
            PahoDevice.Received notification = device.awaitMessage();
            assertThat(notification.topic()).isEqualTo("$iothub/twin/PATCH/properties/desired/?$version=" + version);
            assertThat(notification.message().getQos()).isZero();
            assertThat(JSON.readTree(notification.body())).isEqualTo(
                    JSON.readTree("{\"target\":21,\"$version\":" + version + "}"));
        }
        hub.service().updateDesired(identity, "{\"target\":22}");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            assertThat(device.received.poll(500, TimeUnit.MILLISECONDS))
                    .as("no notification is kept for an offline device").isNull();
        }
    }
}
