package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.ConnectionStatusChangeContext;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubMessageResult;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.transport.IotHubConnectionStatus;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;

import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SystemProperty;

/**
 * Fidelity proof: Microsoft's unmodified Java device SDK (iot-device-client 2.5.0) against the emulator, over MQTT
 * and MQTT over WebSocket. The SDK connects only to ports 8883 and 443, so this class binds them. The hub host name
 * is 127.0.0.1 so that connection strings need no GatewayHostName: with one, the SDK thinks it talks to an IoT Edge
 * gateway and never subscribes to C2D.
 */
class DeviceSdkConformanceTest extends EmulatorTest {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSdkConformanceTest.class);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int RACE_TIMEOUT_MILLIS = 3000;
    private static final int RACE_ATTEMPTS = 5;
    private static final AtomicInteger DEVICES = new AtomicInteger();

    @BeforeAll
    static void start() throws InterruptedException {
        hub = StandardPorts.start(IotHubEmulator.builder().hubHostName("127.0.0.1").gatewayHostName("127.0.0.1")
                .httpPort(-1).c2dLockTimeout(Duration.ofSeconds(5)));
    }

    /**
     * iot-device-client 2.5.0 can lose a twin response on its own: its receive thread acknowledges the response and
     * removes the request's correlation callback on a new thread while Paho's callback thread is still about to look
     * that callback up (IotHubTransport.onMessageReceived / acknowledgeReceivedMessage). The response was on the wire,
     * so a timed-out twin call is simply asked again.
     */
    private static <T> T retryingSdkRace(SdkCall<T> call) throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                return call.run();
            } catch (IotHubClientException e) {
                if (e.getStatusCode() != IotHubStatusCode.DEVICE_OPERATION_TIMED_OUT || attempt == RACE_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("twin call attempt {} timed out (SDK race, see retryingSdkRace); asking again", attempt);
            }
        }
    }

    private interface SdkCall<T> {
        T run() throws Exception;
    }

    private static Identity newDevice(IotHubClientProtocol protocol) {
        Identity identity = Identity.device("sdk-" + protocol.name().toLowerCase() + "-" + DEVICES.incrementAndGet());
        hub.registry().addDevice(identity.deviceId());
        return identity;
    }

    private static DeviceClient client(Identity identity, IotHubClientProtocol protocol,
            ClientOptions.ClientOptionsBuilder options) {
        return new DeviceClient(hub.connectionString(identity), protocol,
                options.sslContext(hub.clientSslContext()).build());
    }

    private static DeviceClient client(Identity identity, IotHubClientProtocol protocol) {
        return client(identity, protocol, ClientOptions.builder());
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void telemetryWithApplicationAndSystemPropertiesArrivesIntact(IotHubClientProtocol protocol) throws Exception {
        Identity identity = newDevice(protocol);
        DeviceClient client = client(identity, protocol);
        try {
            client.open(true);
            Message message = new Message("{\"temperature\":21.5}".getBytes(StandardCharsets.UTF_8));
            message.setMessageId("message-1");
            message.setCorrelationId("correlation-1");
            message.setContentType("application/json");
            message.setContentEncoding("utf-8");
            message.setProperty("unit", "degrees Celsius");
            message.setProperty("site", "Zürich/Hall 3 & 4");
            client.sendEvent(message);

            TelemetryMessage received = hub.service().awaitTelemetry(identity, 1, WAIT).get(0);
            assertThat(received.bodyAsString()).isEqualTo("{\"temperature\":21.5}");
            assertThat(received.systemProperties()).containsEntry(SystemProperty.MESSAGE_ID, "message-1")
                    .containsEntry(SystemProperty.CORRELATION_ID, "correlation-1")
                    .containsEntry(SystemProperty.CONTENT_TYPE, "application/json")
                    .containsEntry(SystemProperty.CONTENT_ENCODING, "utf-8")
                    .containsEntry("iothub-connection-device-id", identity.deviceId());
            assertThat(received.applicationProperties()).containsEntry("unit", "degrees Celsius")
                    .containsEntry("site", "Zürich/Hall 3 & 4");
        } finally {
            client.close();
        }
    }

    /** The SDK's own user name (model-id before DeviceClientType) and its {@code $.sub}, read as the hub reads them. */
    @Test
    void aPlugAndPlayModelAndComponentReachTheTwinAndTheTelemetryStamps() throws Exception {
        Identity identity = newDevice(IotHubClientProtocol.MQTT);
        String model = "dtmi:com:example:TemperatureController;2";
        DeviceClient client = client(identity, IotHubClientProtocol.MQTT, ClientOptions.builder().modelId(model));
        try {
            client.open(true);
            Message message = new Message("{\"temperature\":21.5}".getBytes(StandardCharsets.UTF_8));
            message.setComponentName("thermostat1");
            client.sendEvent(message);

            TelemetryMessage received = hub.service().awaitTelemetry(identity, 1, WAIT).get(0);
            assertThat(received.systemProperties()).containsEntry("dt-dataschema", model)
                    .containsEntry("dt-subject", "thermostat1").containsEntry("iothub-message-source", "Telemetry");
            assertThat(hub.service().modelId(identity)).isEqualTo(model);
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void aConnectionStringWithGatewayHostNameWorksForTelemetryAndTwin(IotHubClientProtocol protocol)
            throws Exception {
        Identity identity = newDevice(protocol);
        DeviceClient client = new DeviceClient(hub.connectionString(identity) + ";GatewayHostName=localhost",
                protocol, ClientOptions.builder().sslContext(hub.clientSslContext()).build());
        try {
            client.open(true);
            client.sendEvent(new Message("through the gateway host"));
            assertThat(hub.service().awaitTelemetry(identity, 1, WAIT).get(0).bodyAsString())
                    .isEqualTo("through the gateway host");
            client.subscribeToDesiredProperties((twin, context) -> {
            }, null);
            assertThat(retryingSdkRace(() -> client.getTwin(RACE_TIMEOUT_MILLIS)).getReportedProperties().getVersion())
                    .isEqualTo(1);
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void cloudToDeviceWithPropertiesArrivesAndIsCompleted(IotHubClientProtocol protocol) throws Exception {
        Identity identity = newDevice(protocol);
        BlockingQueue<Message> received = new ArrayBlockingQueue<>(4);
        DeviceClient client = client(identity, protocol);
        client.setMessageCallback((message, context) -> {
            received.add(message);
            return IotHubMessageResult.COMPLETE;
        }, null);
        try {
            client.open(true);
            String messageId = hub.service().sendC2d(identity, "switch on", Map.of(
                    SystemProperty.CORRELATION_ID, "correlation-7",
                    SystemProperty.CONTENT_TYPE, "text/plain; charset=UTF-8",
                    "color", "deep blue",
                    "path", "a/b?c=d&e"));
            Message message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(message).as("C2D delivered").isNotNull();
            assertThat(new String(message.getBytes(), StandardCharsets.UTF_8)).isEqualTo("switch on");
            assertThat(message.getMessageId()).isEqualTo(messageId);
            assertThat(message.getCorrelationId()).isEqualTo("correlation-7");
            assertThat(message.getContentType()).isEqualTo("text/plain; charset=UTF-8");
            assertThat(message.getProperty("color")).isEqualTo("deep blue");
            assertThat(message.getProperty("path")).isEqualTo("a/b?c=d&e");
            await().atMost(WAIT).until(() -> hub.service().pendingC2d(identity) == 0);
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void twinGetReportedPatchAndDesiredNotificationWork(IotHubClientProtocol protocol) throws Exception {
        Identity identity = newDevice(protocol);
        hub.service().updateDesired(identity, "{\"interval\":30}");
        BlockingQueue<Twin> notifications = new ArrayBlockingQueue<>(4);
        DeviceClient client = client(identity, protocol);
        try {
            client.open(true);
            client.subscribeToDesiredProperties((twin, context) -> notifications.add(twin), null);

            Twin twin = retryingSdkRace(() -> client.getTwin(RACE_TIMEOUT_MILLIS));
            assertThat(((Number) twin.getDesiredProperties().get("interval")).intValue()).isEqualTo(30);
            assertThat(twin.getDesiredProperties().getVersion()).isEqualTo(2);

            TwinCollection reported = new TwinCollection();
            reported.put("firmware", "1.2.3");
            assertThat(retryingSdkRace(() -> client.updateReportedProperties(reported, RACE_TIMEOUT_MILLIS))
                    .getVersion()).isIn(2, 3);
            assertThat(hub.service().twin(identity).at("/reported/firmware").asText()).isEqualTo("1.2.3");

            hub.service().updateDesired(identity, "{\"interval\":60}");
            Twin notified = notifications.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(notified).as("desired notification").isNotNull();
            assertThat(((Number) notified.getDesiredProperties().get("interval")).intValue()).isEqualTo(60);
            assertThat(notified.getDesiredProperties().getVersion()).isEqualTo(3);
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void aMethodInvokedThroughTheServiceApiIsAnswered(IotHubClientProtocol protocol) throws Exception {
        Identity identity = newDevice(protocol);
        DeviceClient client = client(identity, protocol);
        try {
            client.open(true);
            client.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(200,
                    Map.of("method", name, "echo", payload.getPayloadAsJsonString())), null);
            MethodResult result = hub.service().invokeMethod(identity, "reboot", "{\"delay\":5}",
                    Duration.ofSeconds(10), Duration.ZERO).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.payloadJson()).contains("\"method\":\"reboot\"").contains("delay");
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void anExpiredSasTokenDropsTheConnectionAndTheSdkReconnects(IotHubClientProtocol protocol) throws Exception {
        Identity identity = newDevice(protocol);
        List<ConnectionStatusChangeContext> changes = new CopyOnWriteArrayList<>();
        DeviceClient client = client(identity, protocol, ClientOptions.builder().sasTokenExpiryTime(2));
        client.setConnectionStatusChangeCallback(changes::add, null);
        try {
            client.open(true);
            await().atMost(WAIT).until(() -> changes.stream()
                    .anyMatch(c -> c.getNewStatus() == IotHubConnectionStatus.DISCONNECTED_RETRYING));
            await().atMost(WAIT).until(() -> !changes.isEmpty()
                    && changes.get(changes.size() - 1).getNewStatus() == IotHubConnectionStatus.CONNECTED);
            client.sendEvent(new Message("after reconnect"));
            assertThat(hub.service().awaitTelemetry(identity, 1, WAIT).get(0).bodyAsString())
                    .isEqualTo("after reconnect");
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void aSecondClientWithTheSameIdentityKicksTheFirst(IotHubClientProtocol protocol) throws Exception {
        Identity identity = newDevice(protocol);
        List<ConnectionStatusChangeContext> firstChanges = new CopyOnWriteArrayList<>();
        DeviceClient first = client(identity, protocol);
        first.setConnectionStatusChangeCallback(firstChanges::add, null);
        DeviceClient second = client(identity, protocol);
        try {
            first.open(true);
            second.open(true);
            await().atMost(WAIT).until(() -> firstChanges.stream()
                    .anyMatch(c -> c.getNewStatus() == IotHubConnectionStatus.DISCONNECTED_RETRYING));
            first.close();
            second.sendEvent(new Message("from the second"));
            assertThat(hub.service().awaitTelemetry(identity, 1, WAIT).get(0).bodyAsString())
                    .isEqualTo("from the second");
        } finally {
            first.close();
            second.close();
        }
    }
}
