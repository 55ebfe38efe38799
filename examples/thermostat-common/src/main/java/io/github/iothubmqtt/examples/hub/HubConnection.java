package io.github.iothubmqtt.examples.hub;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.camel.IotHubMqttConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the iothub-mqtt component at a hub: yours, when the environment variable {@value #CONNECTION_STRING_VARIABLE}
 * holds a device connection string; otherwise an {@link EmbeddedHub} whose {@link CloudSide} plays the demo once
 * the routes run, and then stops the application.
 */
public class HubConnection implements CamelConfiguration {

    public static final String CONNECTION_STRING_VARIABLE = "IOTHUB_DEVICE_CONNECTION_STRING";
    public static final String DEVICE_ID = "thermostat-1";
    /** The registry name of the {@link CloudSide}, when there is one. */
    public static final String CLOUD_SIDE = "cloudSide";

    private static final Logger LOG = LoggerFactory.getLogger("hub");

    @Override
    public void configure(CamelContext context) throws Exception {
        IotHubMqttConfiguration device = context.getComponent("iothub-mqtt", IotHubMqttComponent.class).getConfiguration();
        String connectionString = System.getenv(CONNECTION_STRING_VARIABLE);
        if (connectionString != null && !connectionString.isBlank()) {
            LOG.info("Connecting to the IoT Hub given by {}", CONNECTION_STRING_VARIABLE);
            device.setConnectionString(connectionString);
            return;
        }
        LOG.info("{} is not set: starting an embedded IoT Hub emulator with device {} (it first generates its TLS"
                + " certificate authority, which takes a few seconds)", CONNECTION_STRING_VARIABLE, DEVICE_ID);
        EmbeddedHub hub = new EmbeddedHub(DEVICE_ID);
        hub.start();
        context.addService(hub); // so that it stops with Camel, after the routes
        device.setConnectionString(hub.connectionString());
        device.setPort(hub.port());
        device.setSslContextParameters(hub.trust());
        playDemoWhenStarted(context, hub);
    }

    /** Binds a {@link CloudSide} of the hub's device, which plays the demo once the routes run and then stops Camel. */
    public static void playDemoWhenStarted(CamelContext context, EmbeddedHub hub) throws Exception {
        CloudSide cloud = new CloudSide(hub.service(), hub.device());
        context.getRegistry().bind(CLOUD_SIDE, cloud);
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the routes are not running yet
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                cloud.play().whenComplete((outcome, failure) -> started.stop());
            }
        });
    }
}
