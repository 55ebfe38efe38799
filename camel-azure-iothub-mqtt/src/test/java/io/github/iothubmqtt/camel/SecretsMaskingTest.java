package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.session.DisconnectReason;
import io.github.iothubmqtt.camel.test.CapturedLogs;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SecretsMaskingTest extends EmulatorTestSupport {

    @Test
    void keysAndTokensAppearNowhere() throws Exception {
        Identity device = newDevice("secrets");
        String key = hub.registry().get(device).primaryKey();
        CapturedLogs.clear();

        String byConnectionString = uri("telemetry", device, "");
        String byKey = "iothub-mqtt:telemetry?hostName=" + hub.hubHostName() + "&deviceId=" + device.deviceId()
                + "&gatewayHostName=localhost&port=" + hub.mqttPort() + "&sslContextParameters=#hubTls"
                + "&sharedAccessKey=RAW(" + key + ")";
        template.sendBody(byConnectionString, "one");
        hub.service().dropAllConnections();
        template.sendBody(byKey, "two");

        for (Endpoint endpoint : context.getEndpoints()) {
            assertThat(endpoint.toString()).doesNotContain(key);
            if (endpoint instanceof IotHubMqttEndpoint iothub) {
                assertThat(iothub.identities().only().settings().toString()).doesNotContain(key).doesNotContain("sig=");
            }
        }
        assertThat(CapturedLogs.events()).noneMatch(e -> e.message().contains(key) || e.message().contains("sig="));
    }

    @Test
    void failuresDoNotRevealTheKey() throws Exception {
        Identity device = newDevice("secrets-wrong");
        String wrongKey = "d3JvbmcgYnV0IHdlbGwtZm9ybWVkIGtleSE=";
        String wrong = "iothub-mqtt:telemetry?hostName=" + hub.hubHostName() + "&deviceId=" + device.deviceId()
                + "&gatewayHostName=localhost&port=" + hub.mqttPort() + "&sslContextParameters=#hubTls"
                + "&sendTimeout=2000&sharedAccessKey=RAW(" + wrongKey + ")";
        Exchange failed = template.request(wrong, exchange -> exchange.getMessage().setBody("x"));

        assertThat(failed.getException()).isNotNull();
        assertThat(failed.getException().toString()).doesNotContain(wrongKey);
        IotHubMqttComponent component = context.getComponent("iothub-mqtt", IotHubMqttComponent.class);
        await().atMost(WAIT).untilAsserted(() -> assertThat(component.getSessionHealthChecks().keySet())
                .anySatisfy(s -> assertThat(s.status().lastDisconnectReason()).isEqualTo(DisconnectReason.NOT_AUTHORIZED)));

        String malformed = "not base64 &&& secret";
        assertThatThrownBy(() -> context.getEndpoint("iothub-mqtt:telemetry?hostName=h.azure-devices.net&deviceId=d"
                + "&sharedAccessKey=RAW(" + malformed + ")"))
                .satisfies(e -> assertThat(stackOfMessages(e)).doesNotContain(malformed));
    }

    private static String stackOfMessages(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        return messages.toString();
    }
}
