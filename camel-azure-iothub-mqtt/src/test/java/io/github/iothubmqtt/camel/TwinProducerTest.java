package io.github.iothubmqtt.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwinProducerTest extends EmulatorTestSupport {

    @AfterEach
    void clearFaults() {
        hub.service().faults().clear();
    }

    @Test
    void getTwinReturnsBothSectionsAndTheirVersions() {
        Identity device = newDevice("twin-get");
        hub.service().updateDesired(device, "{\"targetTemperature\":21.5}");

        Exchange reply = template.request(uri("twin", device, "operation=getTwin&bodyType=JsonNode"), exchange -> {
        });

        assertThat(reply.getException()).isNull();
        JsonNode twin = reply.getMessage().getBody(JsonNode.class);
        assertThat(twin.path("desired").path("targetTemperature").asDouble()).isEqualTo(21.5);
        assertThat(reply.getMessage().getHeader(IotHubMqttConstants.DESIRED_VERSION, Long.class)).isEqualTo(2L);
        assertThat(reply.getMessage().getHeader(IotHubMqttConstants.REPORTED_VERSION, Long.class)).isEqualTo(1L);
    }

    @Test
    void getTwinAsStringOrMap() {
        Identity device = newDevice("twin-types");
        hub.service().updateDesired(device, "{\"mode\":\"eco\"}");

        String text = template.requestBody(uri("twin", device, "bodyType=String"), (Object) null, String.class);
        Object map = template.requestBody(uri("twin", device, "bodyType=Map"), (Object) null);

        assertThat(text).contains("\"mode\":\"eco\"");
        assertThat(map).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) ((Map<?, ?>) map).get("desired")).get("mode")).isEqualTo("eco");
    }

    @Test
    void updateReportedTakesMapsPojosAndJsonTextAndReturnsTheNewVersion() {
        Identity device = newDevice("twin-patch");
        String patch = uri("twin", device, "operation=updateReported");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("firmware", "1.2.3");

        Exchange first = template.request(patch, exchange -> exchange.getMessage().setBody(map));
        Exchange second = template.request(patch, exchange -> exchange.getMessage().setBody(new Reading(21.5, "°C & more")));
        Exchange third = template.request(patch, exchange -> exchange.getMessage().setBody("{\"firmware\":null}"));

        assertThat(first.getMessage().getHeader(IotHubMqttConstants.REPORTED_VERSION, Long.class)).isEqualTo(2L);
        assertThat(second.getMessage().getHeader(IotHubMqttConstants.REPORTED_VERSION, Long.class)).isEqualTo(3L);
        assertThat(third.getMessage().getHeader(IotHubMqttConstants.REPORTED_VERSION, Long.class)).isEqualTo(4L);
        JsonNode reported = hub.service().twin(device).path("reported");
        assertThat(reported.has("firmware")).isFalse();
        assertThat(reported.path("unit").asText()).isEqualTo("°C & more");
        assertThat(reported.path("temperature").asDouble()).isEqualTo(21.5);
    }

    @Test
    void theOperationHeaderOverridesTheUri() {
        Identity device = newDevice("twin-header");
        Exchange reply = template.request(uri("twin", device, "operation=getTwin"), exchange -> {
            exchange.getMessage().setHeader(IotHubMqttConstants.TWIN_OPERATION, "updateReported");
            exchange.getMessage().setBody(Map.of("on", true));
        });
        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getHeader(IotHubMqttConstants.REPORTED_VERSION, Long.class)).isEqualTo(2L);
    }

    @Test
    void aPatchBasedOnAStaleVersionFailsWith412() {
        Identity device = newDevice("twin-412");
        String patch = uri("twin", device, "operation=updateReported");
        template.requestBody(patch, Map.of("a", 1));

        Exchange current = template.request(patch, exchange -> {
            exchange.getMessage().setHeader(IotHubMqttConstants.REPORTED_BASE_VERSION, 2L);
            exchange.getMessage().setBody(Map.of("b", 2));
        });
        Exchange stale = template.request(patch, exchange -> {
            exchange.getMessage().setHeader(IotHubMqttConstants.REPORTED_BASE_VERSION, 2L);
            exchange.getMessage().setBody(Map.of("c", 3));
        });

        assertThat(current.getMessage().getHeader(IotHubMqttConstants.REPORTED_VERSION, Long.class)).isEqualTo(3L);
        assertThat(stale.getException()).isInstanceOf(IotHubStatusException.class);
        assertThat(((IotHubStatusException) stale.getException()).getErrorCode()).isEqualTo(412001);
        assertThat(hub.service().twin(device).path("reported").has("c")).isFalse();
    }

    @Test
    void throttledRequestsAreRetriedThenSucceed() {
        Identity device = newDevice("twin-429");
        template.requestBody(uri("twin", device, "operation=getTwin"), (Object) null);
        hub.service().faults().throttleTwin(2);

        Exchange reply = template.request(uri("twin", device, "operation=updateReported&retryDelay=50"),
                exchange -> exchange.getMessage().setBody(Map.of("after", "throttling")));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getHeader(IotHubMqttConstants.REPORTED_VERSION, Long.class)).isEqualTo(2L);
    }

    @Test
    void retriesAreBoundedAndTheFailureCarriesStatusAndErrorCode() {
        Identity device = newDevice("twin-429-fail");
        template.requestBody(uri("twin", device, "operation=getTwin"), (Object) null);
        hub.service().faults().throttleTwin(3);

        Exchange reply = template.request(uri("twin", device, "operation=getTwin&retryAttempts=1&retryDelay=10"), exchange -> {
        });

        assertThat(reply.getException()).isInstanceOf(IotHubStatusException.class).hasMessageContaining("answered 429");
        IotHubStatusException failure = (IotHubStatusException) reply.getException();
        assertThat(failure.getStatus()).isEqualTo(429);
        assertThat(failure.getErrorCode()).isEqualTo(429001);
    }

    @Test
    void patchesBreakingTheHubsRulesFailBeforeTheWire() {
        Identity device = newDevice("twin-rules");
        String patch = uri("twin", device, "operation=updateReported");

        assertThatThrownBy(() -> template.requestBody(patch, Map.of("a.b", 1)))
                .isInstanceOf(CamelExecutionException.class).cause()
                .hasMessageContaining("forbids control characters, '.', '$'");
        assertThatThrownBy(() -> template.requestBody(patch, "{\"big\":\"" + "x".repeat(33_000) + "\"}"))
                .cause().hasMessageContaining("at most 32768 bytes");
        assertThatThrownBy(() -> template.requestBody(patch, "{not json"))
                .cause().hasMessageContaining("the reported patch is not valid JSON");
        assertThat(hub.service().twin(device).path("reported").path("$version").asLong()).isEqualTo(1L);
    }

    /** A POJO the route reports. */
    public record Reading(double temperature, String unit) {
    }
}
