package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.MethodTopics;

/** Direct methods with raw Paho: request topic and QoS, the device's answer, 404103 and 504101. */
class MethodTest extends EmulatorTest {

    @BeforeAll
    static void start() {
        hub = Emulators.ephemeral().start();
    }

    private static CompletableFuture<MethodResult> invoke(Identity identity, Duration response, Duration connect) {
        return hub.service().invokeMethod(identity, "getStatus", "{\"verbose\":true}", response, connect);
    }

    @Test
    void aMethodIsDeliveredAtQos0AndAnswered() throws Exception {
        Identity identity = Emulators.newDevice(hub, "method-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.subscribe(MethodTopics.REQUEST_FILTER, 0);
            CompletableFuture<MethodResult> call = invoke(identity, Duration.ofSeconds(5), Duration.ZERO);
            PahoDevice.Received request = device.awaitMessage();
            MethodTopics.Request parsed = MethodTopics.parseRequest(request.topic());
            assertThat(parsed.methodName()).isEqualTo("getStatus");
            assertThat(request.message().getQos()).isZero();
            assertThat(request.body()).isEqualTo("{\"verbose\":true}");
            device.client.publish(MethodTopics.responseTopic(201, parsed.rid()),
                    "{\"state\":\"ok\"}".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo(new MethodResult(201, "{\"state\":\"ok\"}"));
        }
    }

    @Test
    void anOfflineDeviceFailsWith404103() {
        Identity identity = Emulators.newDevice(hub, "offline-device");
        assertThatThrownBy(() -> invoke(identity, Duration.ofSeconds(5), Duration.ZERO).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(404103));
    }

    @Test
    void aConnectedDeviceNotSubscribedToMethodsFailsWith404103() throws Exception {
        Identity identity = Emulators.newDevice(hub, "unsubscribed-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            assertThatThrownBy(() -> invoke(identity, Duration.ofSeconds(5), Duration.ZERO).get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(HubException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(404103));
        }
    }

    @Test
    void aDeviceThatDoesNotAnswerFailsWith504101() throws Exception {
        Identity identity = Emulators.newDevice(hub, "silent-method-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.subscribe(MethodTopics.REQUEST_FILTER, 0);
            assertThatThrownBy(() -> invoke(identity, Duration.ofMillis(500), Duration.ZERO).get(5, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(HubException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(504101));
        }
    }

    @Test
    void theConnectTimeoutWaitsForTheDeviceToComeOnline() throws Exception {
        Identity identity = Emulators.newDevice(hub, "late-method-device");
        CompletableFuture<MethodResult> call = invoke(identity, Duration.ofSeconds(5), Duration.ofSeconds(10));
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.subscribe(MethodTopics.REQUEST_FILTER, 0);
            MethodTopics.Request request = MethodTopics.parseRequest(device.awaitMessage().topic());
            device.client.publish(MethodTopics.responseTopic(200, request.rid()), new byte[0], 0, false);
            assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo(new MethodResult(200, null));
        }
    }
}
