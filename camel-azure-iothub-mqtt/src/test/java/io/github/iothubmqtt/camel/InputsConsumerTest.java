package io.github.iothubmqtt.camel;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * IoT Edge modules: outputs ({@code outputName}) routed by the emulator in edge mode to another module's inputs
 * ({@code iothub-mqtt:inputs}), completion after the route, and the hub's limits when a module uses everything.
 */
class InputsConsumerTest extends EmulatorTestSupport {

    /** Every test device has a sensor module whose outputs reach the filter module's inputs of the same name. */
    @BeforeAll
    static void startInEdgeMode() {
        hub.close();
        hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(0).httpPort(-1).bindHost("127.0.0.1")
                .c2dLockTimeout(C2D_LOCK_TIMEOUT)
                .edgeRoute("toIn", "FROM /messages/modules/sensor/outputs/readings"
                        + " INTO BrokeredEndpoint(\"/modules/filter/inputs/in\")")
                .edgeRoute("toOther", "FROM /messages/modules/sensor/outputs/other"
                        + " INTO BrokeredEndpoint(\"/modules/filter/inputs/other\")")
                .start();
    }

    private static Identity[] sensorAndFilter(String prefix) {
        String deviceId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        hub.registry().addDevice(deviceId);
        hub.registry().addModule(deviceId, "sensor");
        hub.registry().addModule(deviceId, "filter");
        return new Identity[] {Identity.module(deviceId, "sensor"), Identity.module(deviceId, "filter")};
    }

    private void route(String from, String to) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(to);
            }
        });
    }

    @Test
    void anOutputArrivesOnTheInputWithEveryPropertyAndTheInputNameAsHeaders() throws Exception {
        Identity[] modules = sensorAndFilter("edge-headers");
        route(uri("inputs", modules[1], "inputName=in"), "mock:in");
        MockEndpoint mock = getMockEndpoint("mock:in");
        mock.expectedBodiesReceived("{\"temperature\":21}");

        template.sendBodyAndHeaders(uri("telemetry", modules[0], "outputName=readings"), "{\"temperature\":21}",
                Map.of(IotHubMqttConstants.MESSAGE_ID, "m-1", IotHubMqttConstants.CONTENT_TYPE, "application/json",
                        "unit", "C"));

        mock.assertIsSatisfied(WAIT.toMillis());
        assertThat(mock.getReceivedExchanges().get(0).getMessage().getHeaders()).contains(
                Map.entry(IotHubMqttConstants.INPUT_NAME, "in"),
                Map.entry(IotHubMqttConstants.MESSAGE_ID, "m-1"),
                Map.entry(IotHubMqttConstants.CONTENT_TYPE, "application/json"),
                Map.entry(IotHubMqttConstants.CONNECTION_DEVICE_ID, modules[0].deviceId()),
                Map.entry(IotHubMqttConstants.CONNECTION_MODULE_ID, "sensor"),
                Map.entry("unit", "C"));
        await().atMost(WAIT).until(() -> hub.service().pendingInputs(modules[1]) == 0);
    }

    @Test
    void theOutputNameHeaderOverridesTheOptionAndAnUnnamedConsumerTakesTheOtherInputs() throws Exception {
        Identity[] modules = sensorAndFilter("edge-names");
        route(uri("inputs", modules[1], "inputName=in"), "mock:named");
        route(uri("inputs", modules[1], ""), "mock:rest");
        getMockEndpoint("mock:named").expectedBodiesReceived("to in");
        getMockEndpoint("mock:rest").expectedBodiesReceived("to other");
        getMockEndpoint("mock:rest").expectedHeaderReceived(IotHubMqttConstants.INPUT_NAME, "other");

        String telemetry = uri("telemetry", modules[0], "outputName=readings");
        template.sendBody(telemetry, "to in");
        template.sendBodyAndHeader(telemetry, "to other", IotHubMqttConstants.OUTPUT_NAME, "other");

        MockEndpoint.assertIsSatisfied(context, WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aFailedExchangeLeavesTheInputToBeRedeliveredAndASuccessfulOneCompletesIt() throws Exception {
        Identity[] modules = sensorAndFilter("edge-redelivery");
        AtomicInteger attempts = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("inputs", modules[1], "inputName=in")).process(exchange -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("first delivery fails on purpose");
                    }
                }).to("mock:redelivered");
            }
        });
        getMockEndpoint("mock:redelivered").expectedBodiesReceived("retry me");

        template.sendBody(uri("telemetry", modules[0], "outputName=readings"), "retry me");

        getMockEndpoint("mock:redelivered").assertIsSatisfied(WAIT.toMillis());
        assertThat(attempts).hasValue(2);
        await().atMost(WAIT).until(() -> hub.service().pendingInputs(modules[1]) == 0);
    }

    /**
     * Two input routes share one subscription; with the twin (responses and desired) and the methods that makes
     * four of the hub's five, on one connection: the emulator would close a connection that subscribed a sixth
     * filter or count a take-over for a second connection.
     */
    @Test
    void inputsTwinAndMethodsOfOneModuleShareOneConnectionWithinFiveSubscriptions() throws Exception {
        Identity[] modules = sensorAndFilter("edge-limits");
        Identity filter = modules[1];
        long takeOvers = hub.service().takeOvers();
        route(uri("inputs", filter, "inputName=in"), "mock:all-in");
        route(uri("inputs", filter, "inputName=other"), "mock:all-other");
        route(uri("twin", filter, ""), "mock:desired");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("methods", filter, "")).setBody(constant(Map.of("ok", true)));
            }
        });
        getMockEndpoint("mock:all-in").expectedMessageCount(1);
        getMockEndpoint("mock:all-other").expectedMessageCount(1);
        getMockEndpoint("mock:desired").expectedMinimumMessageCount(1);

        String telemetry = uri("telemetry", modules[0], "outputName=readings");
        template.sendBody(telemetry, "a");
        template.sendBodyAndHeader(telemetry, "b", IotHubMqttConstants.OUTPUT_NAME, "other");
        hub.service().updateDesired(filter, "{\"threshold\":30}");
        template.requestBodyAndHeader(uri("twin", filter, "operation=updateReported"), Map.of("threshold", 30), "x", "y");
        MethodResult answer = hub.service().invokeMethod(filter, "ping", "{}", Duration.ofSeconds(10),
                Duration.ofSeconds(10)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        MockEndpoint.assertIsSatisfied(context, WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(hub.service().connectionCount(filter)).isEqualTo(1);
        assertThat(hub.service().takeOvers()).as("one connection per identity").isEqualTo(takeOvers);
    }

    @Test
    void aSecondRouteForTheSameInputFailsToStart() throws Exception {
        Identity filter = sensorAndFilter("edge-twice")[1];
        route(uri("inputs", filter, "inputName=in"), "mock:first");
        assertThatThrownBy(() -> route(uri("inputs", filter, "inputName=in&bodyType=String"), "mock:second"))
                .hasStackTraceContaining(filter + " already has a consumer for input in");
    }

    @Test
    void anOutputNameIsOneSegmentOfARouteSource() {
        Identity sensor = sensorAndFilter("edge-output")[0];
        assertThatThrownBy(() -> template.sendBodyAndHeader(uri("telemetry", sensor, ""), "x",
                IotHubMqttConstants.OUTPUT_NAME, "a/b"))
                .rootCause().hasMessage("output name 'a/b' must be non-empty and contain no '/'");
    }

    @Test
    void aDeviceHasNoInputsAndNoOutputs() throws Exception {
        Identity device = newDevice("edge-device");
        assertThatThrownBy(() -> route(uri("inputs", device, ""), "mock:never"))
                .isInstanceOf(FailedToStartRouteException.class)
                .rootCause().hasMessageContaining("iothub-mqtt:inputs needs a module identity");
        assertThatThrownBy(() -> template.sendBody(uri("telemetry", device, "outputName=alerts"), "x"))
                .rootCause().hasMessageContaining("only IoT Edge modules have outputs");
    }
}
