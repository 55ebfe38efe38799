package io.github.iothubmqtt.catalog;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kamelets in a {@code Pipe}, as Camel K and Camel JBang run them: the Pipe URL-encodes each property into the
 * Kamelet's URI, and the connection string must still arrive intact, written plainly or as a placeholder, with no
 * RAW().
 */
class PipeKameletTest extends KameletTestSupport {

    private final Identity device = newDevice("pipe");

    @Test
    void aPipeSendsTelemetryWithAPlaceholderConnectionString() throws Exception {
        loadPipe(pipe());

        template.sendBody("direct:pipe-readings", "{\"temperature\":18.5}");

        assertThat(received()).containsExactly("{\"temperature\":18.5}");
    }

    @Test
    void aPipeSendsTelemetryWithTheConnectionStringWrittenInIt() throws Exception {
        // the key of KameletTestSupport is all '+', '/' and '=': each is URL-encoded by the Pipe
        String pipe = pipe()
                .replace("\"{{device.connectionString}}\"", "\"" + hub.connectionString(device) + "\"");
        loadPipe(pipe);

        template.sendBody("direct:pipe-readings", "{\"temperature\":18.0}");

        assertThat(received()).containsExactly("{\"temperature\":18.0}");
    }

    @Test
    void aNullBodyFailsInsteadOfSendingEmptyTelemetry() throws Exception {
        loadPipe(pipe());

        assertThatThrownBy(() -> template.sendBody("direct:pipe-readings", null))
                .isInstanceOf(CamelExecutionException.class).cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iothub-telemetry-sink got a null body");
        template.sendBody("direct:pipe-readings", "after the null");

        assertThat(received()).containsExactly("after the null");
    }

    private String pipe() throws Exception {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context,
                "classpath:pipes/readings-to-hub.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void loadPipe(String yaml) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("device.connectionString", hub.connectionString(device));
        properties.setProperty("hub.port", String.valueOf(hub.mqttPort()));
        context.getPropertiesComponent().setOverrideProperties(properties);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("readings-to-hub.yaml", yaml));
    }

    private List<String> received() {
        return hub.service().awaitTelemetry(device, 1, WAIT).stream().map(TelemetryMessage::bodyAsString).toList();
    }
}
