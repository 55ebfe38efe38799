package io.github.iothubmqtt.camel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.camel.test.CapturedLogs;
import io.github.iothubmqtt.camel.test.HostileHub;
import io.github.iothubmqtt.camel.test.HostileHub.Packet;
import io.github.iothubmqtt.protocol.HubLimits;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The component against a hub that sends what it never should: each test sends the bad messages, then a good one on
 * the same connection, and checks the documented outcome (docs/delivery-semantics.md, "A misbehaving hub"): the route
 * sees only the good one, a pending exchange fails with a clear error, a method is answered with an error status,
 * one WARN per bad message names the device, and the connection survives (one connection, no uncaught exception).
 */
class HostileHubTest extends CamelTestSupport {

    private static final String DESIRED = "$iothub/twin/PATCH/properties/desired/?$version=";
    private static final List<Throwable> UNCAUGHT = Collections.synchronizedList(new ArrayList<>());
    private static Thread.UncaughtExceptionHandler previousHandler;
    private static HostileHub hub;

    @BeforeAll
    static void startHub() throws Exception {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> UNCAUGHT.add(error));
        hub = HostileHub.start();
    }

    @AfterAll
    static void stopHub() throws Exception {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        if (hub != null) {
            hub.close();
        }
    }

    @AfterEach
    void noThreadDied() {
        assertThat(UNCAUGHT).isEmpty();
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("hostileTls", hub.clientTls());
    }

    @Test
    void cloudToDeviceMessagesItCannotReadStayWithTheHub() throws Exception {
        String id = deviceId("c2d");
        HostileHub.Device device = hub.device(id);
        MockEndpoint route = consume(uri("c2d", id, ""), id);
        device.awaitSubscribed("devices/" + id + "/messages/devicebound/#");
        String topic = "devices/" + id + "/messages/devicebound/";

        int badBag = device.send(topic + "%ZZ=1", "bad property bag", 1);
        int oversize = device.send(topic + "n=1", new byte[HubLimits.MAX_C2D_BYTES + 1], 1);
        int good = device.send(topic + "n=2", "good", 1);

        route.expectedBodiesReceived("good");
        route.assertIsSatisfied();
        await().atMost(30, TimeUnit.SECONDS).until(() -> device.acknowledged().contains(good));
        assertThat(device.acknowledged()).doesNotContain(badBag, oversize);
        assertWarnedOnce(id, "cannot be read");
        assertWarnedOnce(id, "over IoT Hub's limit");
        assertStillConnected(id, device);
    }

    @Test
    void malformedDesiredNotificationsAreReplacedByATwinRead() throws Exception {
        String id = deviceId("desired");
        HostileHub.Device device = hub.device(id);
        device.answerTwinRequests(request -> List.of(answer(request, 200, "{\"desired\":{\"$version\":1},\"reported\":{}}")));
        MockEndpoint route = consume(uri("twin", id, ""), id);
        route.expectedMessageCount(1);
        route.assertIsSatisfied();
        route.reset();

        device.send(DESIRED + "abc", "{\"a\":1}", 0);
        device.send(DESIRED + "2", "not JSON", 0);
        device.send(DESIRED + "2", "{\"a\":\"" + "x".repeat(HubLimits.MAX_TWIN_SECTION_BYTES) + "\"}", 0);
        device.send(DESIRED + "2", "{\"a\":2,\"$version\":2}", 0);

        route.expectedMessageCount(1);
        route.expectedHeaderReceived(IotHubMqttConstants.DESIRED_VERSION, 2L);
        route.expectedHeaderReceived(IotHubMqttConstants.RESYNC, false);
        route.assertIsSatisfied();
        await().atMost(30, TimeUnit.SECONDS).until(() -> twinGets(device) == 4);
        assertThat(warnings(id, "malformed desired-properties notification")).hasSize(3);
        assertStillConnected(id, device);
    }

    @Test
    void twinAnswersItCannotUseFailTheirRequestOrAreDropped() throws Exception {
        String id = deviceId("twin");
        HostileHub.Device device = hub.device(id);
        AtomicInteger requests = new AtomicInteger();
        device.answerTwinRequests(request -> switch (requests.incrementAndGet()) {
            case 1 -> List.of(new Packet("$iothub/twin/res/abc/?$rid=" + rid(request), new byte[0]),
                    answer("999999", 200, "{}"), answer(request, 200, twin()), answer(request, 200, twin()));
            case 2 -> List.of(answer(request, 200, "not JSON"));
            case 3 -> List.of(answer(request, 200, "\"" + "x".repeat(4 * HubLimits.MAX_TWIN_SECTION_BYTES) + "\""));
            default -> List.of(answer(request, 200, twin()));
        });
        String twin = uri("twin", id, "operation=getTwin&requestTimeout=20000");

        Exchange answeredTwice = template.request(twin, exchange -> {
        });
        Exchange notJson = template.request(twin, exchange -> {
        });
        Exchange oversize = template.request(twin, exchange -> {
        });
        Exchange good = template.request(twin, exchange -> {
        });

        assertThat(answeredTwice.getException()).isNull();
        assertThat(answeredTwice.getMessage().getHeader(IotHubMqttConstants.DESIRED_VERSION)).isEqualTo(3L);
        assertThat(notJson.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the twin is not valid JSON");
        assertThat(oversize.getException()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(id).hasMessageContaining("more than a twin can hold");
        assertThat(good.getException()).isNull();
        assertWarnedOnce(id, "cannot be read");
        assertWarnedOnce(id, "more than a twin can hold");
        await().atMost(30, TimeUnit.SECONDS).until(() -> warnings(id, "no request of that $rid is open").size() == 2);
        assertStillConnected(id, device);
    }

    @Test
    void methodRequestsItCannotServeAreAnsweredWithAnErrorOrDropped() throws Exception {
        String id = deviceId("methods");
        HostileHub.Device device = hub.device(id);
        MockEndpoint route = getMockEndpoint("mock:" + id);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // slow enough that the repeated call arrives while the first is served
                from(uri("methods", id, "")).to(route).delay(500).setBody(constant("{\"ok\":true}"));
            }
        });
        device.awaitSubscribed("$iothub/methods/POST/#");
        String method = "$iothub/methods/POST/reboot/?$rid=";

        device.send("$iothub/methods/POST/bad name/?$rid=a", "{}", 0);
        device.send("$iothub/methods/POST/reboot/", "{}", 0);
        device.send(method + "c", "not JSON", 0);
        device.send(method + "d", "\"" + "x".repeat(HubLimits.MAX_METHOD_PAYLOAD_BYTES) + "\"", 0);
        device.send(method + "e", "{}", 0);
        device.send(method + "e", "{}", 0);
        device.send(method + "f", "{\"n\":1}", 0);

        route.expectedHeaderValuesReceivedInAnyOrder(IotHubMqttConstants.REQUEST_ID, "e", "f");
        route.assertIsSatisfied();
        await().atMost(30, TimeUnit.SECONDS).until(() -> responses(device).size() == 4);
        assertThat(responses(device)).extracting(Packet::topic).containsExactlyInAnyOrder(
                "$iothub/methods/res/400/?$rid=c", "$iothub/methods/res/413/?$rid=d",
                "$iothub/methods/res/200/?$rid=e", "$iothub/methods/res/200/?$rid=f");
        assertThat(responses(device)).filteredOn(p -> p.topic().contains("/400/")).singleElement()
                .satisfies(p -> assertThat(p.text()).contains("\"error\"").contains("not valid JSON"));
        assertThat(responses(device)).filteredOn(p -> p.topic().contains("/413/")).singleElement()
                .satisfies(p -> assertThat(p.text()).contains("over IoT Hub's limit of " + HubLimits.MAX_METHOD_PAYLOAD_BYTES));
        assertThat(warnings(id, "cannot be read")).hasSize(2);
        assertWarnedOnce(id, "answered 400");
        assertWarnedOnce(id, "answered 413");
        assertWarnedOnce(id, "repeat of method call e");
        assertStillConnected(id, device);
    }

    private static String deviceId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String uri(String kind, String deviceId, String options) {
        return "iothub-mqtt:" + kind + "?hostName=hostile.azure-devices.net&deviceId=" + deviceId
                + "&sharedAccessKey=RAW(aG9zdGlsZQ==)&gatewayHostName=localhost&port=" + hub.port()
                + "&sslContextParameters=#hostileTls" + (options.isEmpty() ? "" : "&" + options);
    }

    private MockEndpoint consume(String from, String deviceId) throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:" + deviceId);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).convertBodyTo(String.class).to(mock);
            }
        });
        return mock;
    }

    private static String rid(Packet request) {
        String query = request.topic().substring(request.topic().indexOf("$rid=") + "$rid=".length());
        return query.contains("&") ? query.substring(0, query.indexOf('&')) : query;
    }

    private static Packet answer(Packet request, int status, String body) {
        return answer(rid(request), status, body);
    }

    private static Packet answer(String rid, int status, String body) {
        return new Packet("$iothub/twin/res/" + status + "/?$rid=" + rid,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String twin() {
        return "{\"desired\":{\"$version\":3},\"reported\":{\"$version\":1}}";
    }

    private static long twinGets(HostileHub.Device device) {
        return device.published().stream().filter(p -> p.topic().startsWith("$iothub/twin/GET/")).count();
    }

    private static List<Packet> responses(HostileHub.Device device) {
        return device.published().stream().filter(p -> p.topic().startsWith("$iothub/methods/res/")).toList();
    }

    private static List<CapturedLogs.Event> warnings(String deviceId, String text) {
        return CapturedLogs.events().stream()
                .filter(e -> e.level() == Level.WARN && e.message().contains(deviceId) && e.message().contains(text))
                .toList();
    }

    private static void assertWarnedOnce(String deviceId, String text) {
        await().atMost(30, TimeUnit.SECONDS).until(() -> !warnings(deviceId, text).isEmpty());
        assertThat(warnings(deviceId, text)).as("WARN '%s' for %s", text, deviceId).hasSize(1);
    }

    /** The bad messages cost nothing: the first connection is still up and was never replaced. */
    private void assertStillConnected(String deviceId, HostileHub.Device device) {
        SessionStatus status = template.requestBody(uri("status", deviceId, ""), null, SessionStatus.class);
        assertThat(status.connected()).isTrue();
        assertThat(status.reconnectCount()).isZero();
        assertThat(device.connections()).isEqualTo(1);
    }
}
