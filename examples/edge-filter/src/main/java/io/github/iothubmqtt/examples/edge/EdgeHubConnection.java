package io.github.iothubmqtt.examples.edge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.camel.IotHubMqttConfiguration;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.examples.hub.EmbeddedHub;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the two modules their connection strings: from {@value #SENSOR_VARIABLE} and {@value #FILTER_VARIABLE} when
 * both are set (module connection strings whose GatewayHostName is your edge device); otherwise from an emulator in
 * edge mode inside the application, routing by {@code edge-routes.json}, whose {@link UpstreamAlerts} stops the
 * application once {@value UpstreamAlerts#EXPECTED} alerts reached the cloud.
 */
public class EdgeHubConnection implements CamelConfiguration {

    public static final String SENSOR_VARIABLE = "EDGE_SENSOR_CONNECTION_STRING";
    public static final String FILTER_VARIABLE = "EDGE_FILTER_CONNECTION_STRING";
    public static final String DEVICE_ID = "edge-device-1";
    /** The registry name of the {@link UpstreamAlerts}, when the emulator runs. */
    public static final String UPSTREAM_ALERTS = "upstreamAlerts";

    private static final Logger LOG = LoggerFactory.getLogger("hub");

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        String sensor = System.getenv(SENSOR_VARIABLE);
        String filter = System.getenv(FILTER_VARIABLE);
        if (sensor != null && !sensor.isBlank() && filter != null && !filter.isBlank()) {
            LOG.info("Connecting the modules through the edge device given by {} and {}", SENSOR_VARIABLE, FILTER_VARIABLE);
            properties.addInitialProperty("sensor.connection-string", sensor);
            properties.addInitialProperty("filter.connection-string", filter);
            return;
        }
        LOG.info("{} and {} are not set: starting an embedded IoT Hub emulator in edge mode with the modules {}/sensor"
                + " and {}/filter", SENSOR_VARIABLE, FILTER_VARIABLE, DEVICE_ID, DEVICE_ID);
        IotHubEmulator hub = IotHubEmulator.builder().bindHost("127.0.0.1").mqttPort(0)
                .webSocketPort(IotHubEmulator.OFF).httpPort(IotHubEmulator.OFF)
                .device(DEVICE_ID).module(DEVICE_ID, "sensor").module(DEVICE_ID, "filter")
                .edgeRoutes(routesFile()).start();
        context.addService(hub, true); // stops (closes) with Camel, after the routes
        properties.addInitialProperty("sensor.connection-string", hub.connectionString(Identity.module(DEVICE_ID, "sensor")));
        properties.addInitialProperty("filter.connection-string", hub.connectionString(Identity.module(DEVICE_ID, "filter")));
        IotHubMqttConfiguration component = context.getComponent("iothub-mqtt", IotHubMqttComponent.class).getConfiguration();
        component.setPort(hub.mqttPort());
        component.setSslContextParameters(EmbeddedHub.trusting(hub));
        context.getRegistry().bind(UPSTREAM_ALERTS, new UpstreamAlerts(hub.service(), Identity.module(DEVICE_ID, "filter"),
                context));
    }

    /** The emulator reads routes from a file; the application carries them as a resource. */
    private static Path routesFile() throws IOException {
        Path file = Files.createTempFile("edge-routes-", ".json");
        file.toFile().deleteOnExit();
        try (InputStream routes = EdgeHubConnection.class.getResourceAsStream("/edge-routes.json")) {
            Files.copy(routes, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
