package io.github.iothubmqtt.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.DisconnectReason;
import io.github.iothubmqtt.camel.session.InFlightWindowFullException;
import io.github.iothubmqtt.camel.session.SessionClosedException;
import io.github.iothubmqtt.camel.session.SessionSettings;
import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.camel.test.CapturedLogs;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.Telemetry;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SessionBehaviourTest extends EmulatorTestSupport {

    @Test
    void endpointsOfOneIdentityShareOneConnection() throws Exception {
        Identity device = newDevice("shared");
        CapturedLogs.clear();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("c2d", device, "")).to("mock:shared");
            }
        });
        getMockEndpoint("mock:shared").expectedBodiesReceived("down");
        template.sendBody(uri("telemetry", device, ""), "up");
        template.sendBody(uri("telemetry", device, "qos=0"), "up again");
        hub.service().sendC2d(device, "down", Map.of());

        MockEndpoint.assertIsSatisfied(context, WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(hub.service().awaitTelemetry(device, 2, WAIT)).hasSize(2);
        assertThat(hub.service().connectionCount(device)).isEqualTo(1);
        assertThat(component().getSessionHealthChecks()).hasSize(1);
        SessionStatus status = status(device);
        assertThat(status.reconnectCount()).isZero();
        assertThat(status.lastDisconnectReason()).isEqualTo(DisconnectReason.NONE);
        assertThat(CapturedLogs.events()).filteredOn(e -> e.message().contains(device.deviceId())
                && e.message().contains("connected over")).hasSize(1);
    }

    @Test
    void anEndpointAskingForOtherConnectionOptionsIsToldTheyDoNotApply() throws Exception {
        Identity device = newDevice("options");
        template.sendBody(uri("telemetry", device, "keepAlive=60"), "first");
        CapturedLogs.clear();

        template.sendBody(uri("telemetry", device, "keepAlive=120&maxInflight=10&qos=0"), "second");

        assertThat(CapturedLogs.events()).filteredOn(e -> e.level() == Level.WARN && e.message().contains(device.deviceId()))
                .extracting(CapturedLogs.Event::message).singleElement().asString()
                .contains("sets keepAlive, maxInflight differently").doesNotContain("qos");
        assertThat(hub.service().awaitTelemetry(device, 2, WAIT)).hasSize(2);
    }

    @Test
    void reconnectsAfterTheHubDroppedAllConnections() throws Exception {
        Identity device = newDevice("reconnect");
        String telemetry = uri("telemetry", device, "reconnectBackoffMin=50&reconnectBackoffMax=500");
        template.sendBody(telemetry, "before");
        HealthCheck health = component().getSessionHealthChecks().values().iterator().next();
        assertThat(health.call().getState()).isEqualTo(HealthCheck.State.UP);
        AtomicInteger connects = new AtomicInteger();
        session(device).addConnectListener(connects::incrementAndGet);

        hub.service().dropAllConnections();
        // a message written while the hub closes may meet a reset first, which is a network error, not the hub's close
        await().atMost(WAIT).until(() -> status(device).lastDisconnectReason() != DisconnectReason.NONE);
        template.sendBody(telemetry, "after");

        assertThat(hub.service().awaitTelemetry(device, 2, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("before", "after");
        SessionStatus status = status(device);
        assertThat(status.reconnectCount()).isEqualTo(1);
        assertThat(status.lastDisconnectReason()).isEqualTo(DisconnectReason.CLOSED_BY_HUB);
        assertThat(health.call().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(health.call().getDetails()).containsEntry("reconnect.count", 1L);
        assertThat(connects).as("once when added (connected), once after the reconnect").hasValue(2);
    }

    @Test
    void failsFastWhenTheWindowIsFullAndSendsQueuedMessagesOnceConnected() throws Exception {
        Identity device = newDevice("window");
        String telemetry = uri("telemetry", device, "maxInflight=1&failWhenInFlightFull=true"
                + "&reconnectBackoffMin=50&reconnectBackoffMax=200");
        CompletableFuture<Object> queued;
        hub.service().faults().refuseConnects(true);
        try {
            queued = template.asyncRequestBody(telemetry, "queued");
            await().atMost(WAIT).until(() -> component().getSessionHealthChecks().keySet().stream()
                    .anyMatch(s -> s.settings().identity().equals(device) && s.status().inFlight() == 1));
            Exchange refused = template.request(telemetry, exchange -> exchange.getMessage().setBody("refused"));
            assertThat(refused.getException()).isInstanceOf(InFlightWindowFullException.class);
        } finally {
            hub.service().faults().refuseConnects(false);
        }
        queued.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(hub.service().awaitTelemetry(device, 1, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("queued");
    }

    @Test
    void aTopicTooLongForMqttFailsItsMessageAndNotTheConnection() throws Exception {
        Identity device = newDevice("long-topic");
        String telemetry = uri("telemetry", device, "");
        template.requestBody(telemetry, "before");
        DeviceSession session = component().getSessionHealthChecks().keySet().stream()
                .filter(candidate -> candidate.settings().identity().equals(device)).findFirst().orElseThrow();
        String tooLong = Telemetry.topic(device, Map.of()) + "a=" + "x".repeat(HubLimits.MAX_TOPIC_BYTES);

        assertThatThrownBy(() -> session.publish(tooLong, new byte[0], 1).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("an MQTT topic is at most");

        template.requestBody(telemetry, "after");
        assertThat(hub.service().awaitTelemetry(device, 2, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("before", "after");
        assertThat(session.status().reconnectCount()).isZero();
    }

    @Test
    void closingLetsAMessageOnTheWireGetItsPubackWhileTheConnectionQuiesces() throws Exception {
        Exchange inFlight = sendThenCloseTheSession(newDevice("close-quiesce"), Duration.ofMillis(800));

        assertThat(inFlight.getException()).as("acknowledged while the closing connection quiesced").isNull();
    }

    @Test
    void closingFailsAMessageWhosePubackDoesNotComeWhileTheConnectionQuiesces() throws Exception {
        Exchange inFlight = sendThenCloseTheSession(newDevice("close-late"), Duration.ofSeconds(5));

        assertThat(inFlight.getException()).isInstanceOf(SessionClosedException.class);
    }

    /** Sends one message while the hub holds PUBACKs back by {@code hubDelay}, closes its session, and waits for it. */
    private Exchange sendThenCloseTheSession(Identity device, Duration hubDelay) throws Exception {
        Endpoint endpoint = context.getEndpoint(uri("telemetry", device, ""));
        AsyncProducer producer = endpoint.createAsyncProducer();
        producer.start();
        Exchange connected = endpoint.createExchange();
        connected.getMessage().setBody("connected");
        producer.process(connected);
        hub.service().faults().delayResponses(hubDelay);
        try {
            Exchange inFlight = endpoint.createExchange();
            inFlight.getMessage().setBody("in flight");
            CountDownLatch completed = new CountDownLatch(1);
            producer.process(inFlight, doneSync -> completed.countDown());
            Thread.sleep(300); // Paho's sending thread writes it meanwhile; the hub holds its PUBACK back

            producer.stop(); // the identity's last user: its session closes now

            assertThat(completed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the exchange completed").isTrue();
            return inFlight;
        } finally {
            hub.service().faults().clear();
        }
    }

    @Test
    void reportsAConnectionTakenOverByASecondClient() throws Exception {
        Identity device = newDevice("kicked");
        String telemetry = uri("telemetry", device, "reconnectBackoffMin=1000&reconnectBackoffMax=2000");
        template.sendBody(telemetry, "first");
        try (CamelContext second = new DefaultCamelContext()) {
            bindToRegistry(second.getRegistry());
            second.start();
            second.createProducerTemplate().sendBody(telemetry, "second");
            await().atMost(WAIT).untilAsserted(() -> assertThat(status(device).lastDisconnectReason())
                    .isEqualTo(DisconnectReason.KICKED_BY_SECOND_CLIENT));
        }
        assertThat(status(device).lastDisconnectDetail()).contains("another session of " + device.deviceId());
    }

    @Test
    void aTakeOverFromAnotherProcessIsAClosedConnectionWithAHintNotAGuess() throws Exception {
        Identity device = newDevice("kicked-remote");
        template.sendBody(uri("telemetry", device, "reconnectBackoffMin=50&reconnectBackoffMax=100"), "first");
        SessionSettings settings = session(device).settings();
        for (int takeOver = 1; takeOver <= 3; takeOver++) {
            connectOtherClient(settings);
            long reconnects = takeOver;
            await().atMost(WAIT).until(() -> status(device).reconnectCount() == reconnects && status(device).connected());
        }
        // on the wire this is what a hub restart or a proxy closing the connection looks like too
        assertThat(status(device).lastDisconnectReason()).isEqualTo(DisconnectReason.CLOSED_BY_HUB);
        assertThat(status(device).lastDisconnectDetail()).contains("if another client connects as " + device.deviceId());
    }

    /** Another device client with the same identity, e.g. in another process. */
    private static void connectOtherClient(SessionSettings settings) throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setUserName(settings.username());
        options.setPassword(settings.passwordSource().next().value());
        options.setSocketFactory(settings.socketFactory());
        MqttAsyncClient other = new MqttAsyncClient(settings.serverUri(), settings.identity().clientId(),
                new MemoryPersistence());
        other.connect(options).waitForCompletion(WAIT.toMillis());
        other.disconnectForcibly(0, 1000, false);
        other.close(true);
    }

    @Test
    void renewsTheSasTokenDuringAStreamWithoutLosingOrFailingMessages() throws Exception {
        Identity device = newDevice("renewal");
        CapturedLogs.clear();
        String telemetry = uri("telemetry", device, "sasTokenTtl=3000");
        int total = 5_000;
        List<CompletableFuture<Object>> sends = new ArrayList<>(total);
        for (int batch = 0; batch < 50; batch++) {
            for (int i = 0; i < 100; i++) {
                sends.add(template.asyncRequestBodyAndHeader(telemetry, "m" + sends.size(),
                        IotHubMqttConstants.MESSAGE_ID, "m" + sends.size()));
            }
            Thread.sleep(100); // spread the stream over several token lifetimes
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> distinctMessageIds(device) == total);
        SessionStatus status = status(device);
        assertThat(status.renewalCount()).isPositive();
        assertThat(status.reconnectCount()).isZero();
        assertThat(CapturedLogs.events()).filteredOn(e -> e.level().toInt() >= Level.WARN.toInt())
                .filteredOn(
                        e -> e.logger().startsWith("io.github.iothubmqtt.camel") || e.logger().startsWith("org.apache.camel"))
                .isEmpty();
    }

    @Test
    void worksOverWebSocket() throws Exception {
        Identity device = newDevice("websocket");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(webSocketUri("c2d", device, "")).to("mock:ws");
            }
        });
        getMockEndpoint("mock:ws").expectedBodiesReceived("over websocket, down");
        template.sendBody(webSocketUri("telemetry", device, ""), "over websocket, up");
        hub.service().sendC2d(device, "over websocket, down", Map.of());

        MockEndpoint.assertIsSatisfied(context, WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(hub.service().awaitTelemetry(device, 1, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("over websocket, up");
    }

    @Test
    void statusEndpointTellsTheRouteHowTheConnectionIs() {
        Identity device = newDevice("status");
        template.sendBody(uri("telemetry", device, ""), "hello");
        var reply = template.request(uri("status", device, ""), exchange -> {
        });
        assertThat(reply.getMessage().getBody(SessionStatus.class).connected()).isTrue();
        assertThat(reply.getMessage().getHeader(IotHubMqttConstants.CONNECTED, Boolean.class)).isTrue();
        assertThat(reply.getMessage().getHeader(IotHubMqttConstants.DISCONNECT_REASON)).isEqualTo("NONE");
    }

    private long distinctMessageIds(Identity device) {
        return hub.service().telemetry(device).stream().map(m -> m.systemProperties().get("$.mid"))
                .collect(Collectors.toSet()).size();
    }

    private IotHubMqttComponent component() {
        return context.getComponent("iothub-mqtt", IotHubMqttComponent.class);
    }

    private SessionStatus status(Identity device) {
        return session(device).status();
    }

    private DeviceSession session(Identity device) {
        return component().getSessionHealthChecks().keySet().stream()
                .filter(s -> s.settings().identity().equals(device)).findFirst().orElseThrow();
    }
}
