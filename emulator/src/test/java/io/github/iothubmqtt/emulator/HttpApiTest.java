package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.iothubmqtt.protocol.CloudToDevice;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.MethodTopics;
import io.github.iothubmqtt.protocol.TwinTopics;
import io.github.iothubmqtt.protocol.Username;

/** The HTTP service API, as a person with curl would use it. */
class HttpApiTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        hub = Emulators.ephemeral().httpPort(0).device("http-device").module("http-device", "http-module").start();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path));
    }

    @Test
    void c2dPropertiesTravelAsIothubHeaders() throws Exception {
        Identity identity = Identity.device("http-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.subscribe(CloudToDevice.subscribeFilter(identity), 1);
            HttpResponse<String> response = send(request("/devices/http-device/messages/deviceBound")
                    .header("iothub-messageid", "http-1")
                    .header("iothub-correlationid", "corr-1")
                    .header("iothub-app-color", "red")
                    .POST(HttpRequest.BodyPublishers.ofString("from curl")));
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.headers().firstValue("iothub-messageid")).hasValue("http-1");
            PahoDevice.Received received = device.awaitMessage();
            assertThat(received.body()).isEqualTo("from curl");
            assertThat(received.topic()).contains("%24.mid=http-1").contains("%24.cid=corr-1").contains("color=red");
        }
    }

    @Test
    void twinsAreReadAndPatchedLikeTheRestApi() throws Exception {
        HttpResponse<String> patched = send(request("/twins/http-device/modules/http-module")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"properties\":{\"desired\":{\"level\":3}}}")));
        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode twin = JSON.readTree(send(request("/twins/http-device/modules/http-module").GET()).body());
        assertThat(twin.get("moduleId").asText()).isEqualTo("http-module");
        assertThat(twin.at("/properties/desired/level").asInt()).isEqualTo(3);
        assertThat(send(request("/twins/nobody").GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void methodsAreInvokedWithTheRestBody() throws Exception {
        Identity identity = Identity.device("http-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.subscribe(MethodTopics.REQUEST_FILTER, 0);
            device.subscribe(TwinTopics.RESPONSE_FILTER, 0);
            device.client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    // the test ends with its own checks
                }

                @Override
                public void messageArrived(String topic, MqttMessage message)
                        throws Exception {
                    String rid = MethodTopics.parseRequest(topic).rid();
                    device.client.publish(MethodTopics.responseTopic(200, rid), message.getPayload(), 0, false);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // answers are QoS 0
                }
            });
            HttpResponse<String> response = send(request("/twins/http-device/methods").POST(
                    HttpRequest.BodyPublishers.ofString("{\"methodName\":\"echo\",\"payload\":{\"n\":1},"
                            + "\"responseTimeoutInSeconds\":5,\"connectTimeoutInSeconds\":0}")));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.get("status").asInt()).isEqualTo(200);
            assertThat(answer.at("/payload/n").asInt()).isEqualTo(1);
        }
        HttpResponse<String> offline = send(request("/twins/http-device/methods").POST(
                HttpRequest.BodyPublishers.ofString("{\"methodName\":\"echo\",\"responseTimeoutInSeconds\":5}")));
        assertThat(offline.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(offline.body()).get("errorCode").asInt()).isEqualTo(404103);
    }

    @Test
    void outOfRangeInputIsRefusedWith400AndTheHubsErrorBody() throws Exception {
        for (String body : new String[] {
                "{\"methodName\":\"m\",\"connectTimeoutInSeconds\":1e18}",
                "{\"methodName\":\"m\",\"connectTimeoutInSeconds\":301}",
                "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":4}",
                "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":\"30\"}",
                "{\"methodName\":\"m\",\"payload\":{\"n\":1e400}}"}) {
            assertRefused(send(request("/twins/http-device/methods").POST(HttpRequest.BodyPublishers.ofString(body))),
                    body);
        }
        String faultsBefore = send(request("/emulator/faults").GET()).body();
        for (String body : new String[] {
                "{\"refuseConnects\":true,\"delayResponsesMillis\":9e18}",
                "{\"refuseConnects\":true,\"delayResponsesMillis\":9000000000000000000}",
                "{\"refuseConnects\":true,\"delayResponsesMillis\":-1}",
                "{\"refuseConnects\":true,\"throttleTwin\":-1}",
                "{\"refuseConnects\":true,\"throttleTwin\":2147483648}",
                "{\"refuseConnects\":\"yes\"}"}) {
            assertRefused(send(request("/emulator/faults").PUT(HttpRequest.BodyPublishers.ofString(body))), body);
        }
        assertThat(send(request("/emulator/faults").GET()).body()).as("a refused request changes nothing")
                .isEqualTo(faultsBefore);
        assertRefused(send(request("/twins/http-device").method("PATCH",
                HttpRequest.BodyPublishers.ofString("{\"properties\":{\"desired\":{\"t\":1e400}}}"))), "1e400");
        assertThat(send(request("/twins/http-device").GET()).body()).doesNotContain("Infinity");
    }

    @Test
    void anUnknownPathOrMethodGetsTheHubsJsonErrorBodyNotAPage() throws Exception {
        HttpResponse<String> unknown = send(request("/no/such/route").GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode error = JSON.readTree(unknown.body());
        assertThat(error.get("errorCode").asInt()).isEqualTo(HubError.GENERIC_NOT_FOUND.code());
        assertThat(error.get("message").asText()).contains("/no/such/route");
        assertThat(error.has("trackingId") && error.has("timestampUtc")).isTrue();

        HttpResponse<String> wrongMethod = send(request("/emulator/devices").DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(wrongMethod.body()).get("errorCode").asInt())
                .isEqualTo(HubError.GENERIC_METHOD_NOT_ALLOWED.code());
    }

    @Test
    void theTwinShowsTheModelIdTheDeviceAnnouncedAndItsGeneration() throws Exception {
        Identity identity = Identity.device("http-device");
        String model = "dtmi:com:example:Thermostat;1";
        try (PahoDevice device = PahoDevice.connect(hub, identity, options -> options.setUserName(
                Username.build(hub.hubHostName(), identity, HubLimits.DEFAULT_API_VERSION, "paho-test", model)))) {
            JsonNode twin = JSON.readTree(send(request("/twins/http-device").GET()).body());
            assertThat(twin.get("modelId").asText()).isEqualTo(model);
            assertThat(twin.get("generationId").asText()).isEqualTo(hub.registry().generationId(identity)).matches("[0-9]{18}");
        }
        assertThat(hub.service().modelId(identity)).as("kept after the device left").isEqualTo(model);
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            assertThat(JSON.readTree(send(request("/twins/http-device").GET()).body()).get("modelId").asText())
                    .as("a connection that announces none clears it").isEmpty();
        }
    }

    private static void assertRefused(HttpResponse<String> response, String request) throws Exception {
        assertThat(response.statusCode()).as(request).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("errorCode").asInt()).as(request).isEqualTo(HubError.ARGUMENT_INVALID.code());
        assertThat(error.has("trackingId") && error.has("timestampUtc")).as(request).isTrue();
    }

    @Test
    void telemetryKickAndFaultsAreAvailableUnderEmulator() throws Exception {
        Identity identity = Identity.device("http-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            device.client.publish("devices/http-device/messages/events/k=v", "reading".getBytes(), 1, false);
            hub.service().awaitTelemetry(identity, 1, PahoDevice.WAIT);
            JsonNode telemetry = JSON.readTree(send(request("/emulator/telemetry/http-device").GET()).body());
            assertThat(telemetry.get(telemetry.size() - 1).get("body").asText()).isEqualTo("reading");
            assertThat(telemetry.get(telemetry.size() - 1).at("/applicationProperties/k").asText()).isEqualTo("v");
            JsonNode kicked = JSON.readTree(send(request("/emulator/kick/http-device")
                    .POST(HttpRequest.BodyPublishers.noBody())).body());
            assertThat(kicked.get("kicked").asBoolean()).isTrue();
            assertThat(device.awaitClosed()).isTrue();
        }
        JsonNode faults = JSON.readTree(send(request("/emulator/faults")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"throttleTwin\":2}"))).body());
        assertThat(faults.get("throttleTwin").asInt()).isEqualTo(2);
        hub.service().faults().clear();
        JsonNode devices = JSON.readTree(send(request("/emulator/devices").GET()).body());
        assertThat(devices.findValuesAsText("clientId")).contains("http-device", "http-device/http-module");
    }
}
