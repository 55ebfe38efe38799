package io.github.iothubmqtt.catalog;

import java.util.List;
import java.util.Properties;

import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A Kamelet used from a canonical YAML DSL route, its connection string coming from a property placeholder. */
class YamlRouteKameletTest extends KameletTestSupport {

    private final Identity device = newDevice("yaml-route");

    @Test
    void theYamlRouteSendsTelemetryThroughTheKamelet() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("device.connectionString", hub.connectionString(device));
        properties.setProperty("hub.port", String.valueOf(hub.mqttPort()));
        context.getPropertiesComponent().setOverrideProperties(properties);
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(ResourceHelper.resolveResource(context, "classpath:routes/telemetry-sink.camel.yaml"));

        template.sendBody("direct:yaml-readings", "{\"temperature\":19.0}");

        List<TelemetryMessage> received = hub.service().awaitTelemetry(device, 1, WAIT);
        assertThat(received).singleElement().extracting(TelemetryMessage::bodyAsString).isEqualTo("{\"temperature\":19.0}");
    }
}
