package io.github.iothubmqtt.camel;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryProducerTest extends EmulatorTestSupport {

    private static final String HARD = "a b&c=d%e+f$g ü€";

    @Test
    void sendsSystemAndApplicationPropertiesWithHardCharacters() {
        Identity device = newDevice("telemetry-headers");
        Exchange result = template.request(uri("telemetry", device, ""), exchange -> {
            exchange.getMessage().setBody("hello " + HARD);
            exchange.getMessage().setHeader(IotHubMqttConstants.MESSAGE_ID, "mid " + HARD);
            exchange.getMessage().setHeader(IotHubMqttConstants.CORRELATION_ID, "cid " + HARD);
            exchange.getMessage().setHeader(IotHubMqttConstants.USER_ID, "uid " + HARD);
            exchange.getMessage().setHeader(IotHubMqttConstants.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getMessage().setHeader(IotHubMqttConstants.CONTENT_ENCODING, "utf-8");
            exchange.getMessage().setHeader(IotHubMqttConstants.CREATION_TIME, "2026-11-28T10:00:00.000Z");
            exchange.getMessage().setHeader(IotHubMqttConstants.COMPONENT_NAME, "thermostat " + HARD);
            exchange.getMessage().setHeader(IotHubMqttConstants.EXPIRY_TIME, "2026-11-28T11:00:00.000Z");
            exchange.getMessage().setHeader("key " + HARD, "value " + HARD);
            exchange.getMessage().setHeader("count", 42);
            exchange.getMessage().setHeader("CamelInternal", "never on the wire");
        });
        assertThat(result.getException()).isNull();

        TelemetryMessage received = hub.service().awaitTelemetry(device, 1, WAIT).get(0);
        assertThat(received.bodyAsString()).isEqualTo("hello " + HARD);
        assertThat(received.systemProperties()).contains(
                Map.entry("$.mid", "mid " + HARD),
                Map.entry("$.cid", "cid " + HARD),
                Map.entry("$.uid", "uid " + HARD),
                Map.entry("$.ct", "text/plain; charset=utf-8"),
                Map.entry("$.ce", "utf-8"),
                Map.entry("$.ctime", "2026-11-28T10:00:00.000Z"),
                Map.entry("$.sub", "thermostat " + HARD),
                Map.entry("$.exp", "2026-11-28T11:00:00.000Z"));
        assertThat(received.applicationProperties()).containsExactlyInAnyOrderEntriesOf(
                Map.of("key " + HARD, "value " + HARD, "count", "42"));
    }

    @Test
    void serializesOtherBodiesToJson() {
        Identity device = newDevice("telemetry-json");
        template.sendBody(uri("telemetry", device, ""), Map.of("temperature", 21.5));

        TelemetryMessage received = hub.service().awaitTelemetry(device, 1, WAIT).get(0);
        assertThat(received.bodyAsString()).isEqualTo("{\"temperature\":21.5}");
        assertThat(received.systemProperties()).contains(Map.entry("$.ct", "application/json"), Map.entry("$.ce", "utf-8"));
    }

    @Test
    void sendsStreamsAndBytesAsTheyAre() {
        Identity device = newDevice("telemetry-bytes");
        template.sendBody(uri("telemetry", device, ""), new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)));
        template.sendBody(uri("telemetry", device, "qos=0"), new byte[] {1, 2, 3});

        List<TelemetryMessage> received = hub.service().awaitTelemetry(device, 2, WAIT);
        assertThat(received).extracting(TelemetryMessage::body)
                .containsExactlyInAnyOrder("streamed".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
        assertThat(received.get(0).systemProperties()).doesNotContainKey("$.ct");
    }

    @Test
    void refusesQos2WhenTheEndpointIsCreated() {
        Identity device = newDevice("telemetry-qos2");
        assertThatThrownBy(() -> context.getEndpoint(uri("telemetry", device, "qos=2")))
                .rootCause().hasMessageContaining("IoT Hub closes the connection").hasMessageContaining("QoS 2");
    }

    @Test
    void refusesOversizeMessagesBeforeTheWire() {
        Identity device = newDevice("telemetry-oversize");
        Exchange result = template.request(uri("telemetry", device, ""),
                exchange -> exchange.getMessage().setBody(new byte[HubLimits.MAX_TELEMETRY_BYTES + 1]));

        assertThat(result.getException()).hasMessageContaining(String.valueOf(HubLimits.MAX_TELEMETRY_BYTES));
        template.sendBody(uri("telemetry", device, ""), "small");
        assertThat(hub.service().awaitTelemetry(device, 1, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("small");
    }

    @Test
    void refusesPropertyNamesTheHubReserves() {
        Identity device = newDevice("telemetry-reserved");
        Exchange result = template.request(uri("telemetry", device, ""), exchange -> {
            exchange.getMessage().setBody("x");
            exchange.getMessage().setHeader("$reserved", "y");
        });
        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$reserved");
    }

    @Test
    void refusesAPropertyBagTooLongForAnMqttTopic() {
        Identity device = newDevice("telemetry-long-bag");
        Exchange result = template.request(uri("telemetry", device, ""), exchange -> {
            exchange.getMessage().setBody("x");
            exchange.getMessage().setHeader("path", "/".repeat(30_000)); // 30,000 bytes, 90,000 percent-encoded
        });
        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an MQTT topic is at most " + HubLimits.MAX_TOPIC_BYTES + " bytes");
    }

    @Test
    void consumerOnlyKindsFailClearlyAsProducers() {
        Identity device = newDevice("telemetry-misuse");
        assertThatThrownBy(() -> template.sendBody(uri("methods", device, ""), "{}"))
                .rootCause().hasMessageContaining("iothub-mqtt:methods only consumes: use it in from(...)");
        assertThatThrownBy(() -> template.sendBody(uri("c2d", device, ""), "{}"))
                .rootCause().hasMessageContaining("iothub-mqtt:c2d only consumes");
    }
}
