package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubMessageResult;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.ModuleClient;

import io.github.iothubmqtt.protocol.Identity;

/**
 * Edge mode held to Microsoft's Java SDK (iot-device-client 2.5.0): two {@code ModuleClient}s, one sending to an
 * output, the other receiving on the input a route connects it to. Connection strings carry GatewayHostName
 * (localhost), which is how the SDK knows it talks to an edgeHub and subscribes to inputs. Binds 8883 and 443.
 */
class EdgeSdkConformanceTest extends EmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void start() throws InterruptedException {
        hub = StandardPorts.start(IotHubEmulator.builder().gatewayHostName("localhost").httpPort(-1)
                .edgeRoute("sensorToFilter", "FROM /messages/modules/sensor/outputs/readings"
                        + " INTO BrokeredEndpoint(\"/modules/filter/inputs/in\")")
                .edgeRoute("alertsUp", "FROM /messages/modules/filter/outputs/alerts INTO $upstream"));
    }

    private static ModuleClient client(Identity identity, IotHubClientProtocol protocol) {
        return new ModuleClient(hub.connectionString(identity), protocol,
                ClientOptions.builder().sslContext(hub.clientSslContext()).build());
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void aModuleOutputReachesAnotherModulesInputUnderARouteAndBackUpstream(IotHubClientProtocol protocol)
            throws Exception {
        String deviceId = "sdk-edge-" + protocol.name().toLowerCase();
        hub.registry().addDevice(deviceId);
        hub.registry().addModule(deviceId, "sensor");
        hub.registry().addModule(deviceId, "filter");
        Identity filterIdentity = Identity.module(deviceId, "filter");
        BlockingQueue<Message> received = new ArrayBlockingQueue<>(4);
        ModuleClient sensor = client(Identity.module(deviceId, "sensor"), protocol);
        ModuleClient filter = client(filterIdentity, protocol);
        filter.setMessageCallback("in", (message, context) -> {
            received.add(message);
            return IotHubMessageResult.COMPLETE;
        }, null);
        try {
            filter.open(true);
            sensor.open(true);
            Message reading = new Message("{\"temperature\":42}");
            reading.setMessageId("reading-1");
            reading.setProperty("unit", "C");
            sensor.sendEvent(reading, "readings");

            Message input = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(input).as("delivered on input 'in'").isNotNull();
            assertThat(new String(input.getBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"temperature\":42}");
            assertThat(input.getInputName()).isEqualTo("in");
            assertThat(input.getMessageId()).isEqualTo("reading-1");
            assertThat(input.getProperty("unit")).isEqualTo("C");
            // the SDK's TopicParser keeps $.cdid and $.cmid as properties; it sets no connection ids from them
            assertThat(input.getProperty("$.cdid")).isEqualTo(deviceId);
            assertThat(input.getProperty("$.cmid")).isEqualTo("sensor");
            await().atMost(WAIT).until(() -> hub.service().pendingInputs(filterIdentity) == 0);

            filter.sendEvent(new Message("hot"), "alerts");
            TelemetryMessage upstream = hub.service().awaitTelemetry(filterIdentity, 1, WAIT).get(0);
            assertThat(upstream.bodyAsString()).isEqualTo("hot");
            assertThat(upstream.systemProperties()).containsEntry("$.on", "alerts");
        } finally {
            sensor.close();
            filter.close();
        }
    }
}
