package io.github.iothubmqtt.catalog;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DirectMethodSourceKameletTest extends KameletTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Identity device = newDevice("method-source");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(kamelet("iothub-direct-method-source", device, "methodName=reboot")).routeId("methods")
                        .setHeader("CamelIotHubMqttMethodStatus", constant(202))
                        .setBody(simple("{\"method\":\"${header.CamelIotHubMqttMethodName}\",\"request\":${bodyAs(String)}}"));
            }
        };
    }

    @Test
    void theRoutesReplyAnswersAMethodInvokedThroughTheServiceApi() throws Exception {
        MethodResult result = hub.service()
                .invokeMethod(device, "reboot", "{\"delay\":5}", CALL_TIMEOUT, CALL_TIMEOUT)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(202);
        assertThat(JSON.readTree(result.payloadJson()))
                .isEqualTo(JSON.readTree("{\"method\":\"reboot\",\"request\":{\"delay\":5}}"));
    }
}
