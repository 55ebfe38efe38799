package io.github.iothubmqtt.examples.thermostat;

import io.github.iothubmqtt.examples.hub.HubConnection;
import org.apache.camel.main.Main;

/**
 * Runs the thermostat on camel-main, configured by application.properties. Without IOTHUB_DEVICE_CONNECTION_STRING
 * it runs against an embedded emulator, plays the cloud side of a short demo and stops.
 */
public final class ThermostatApplication {

    private ThermostatApplication() {
    }

    public static void main(String... args) throws Exception {
        newMain().run(args);
    }

    static Main newMain() {
        Main main = new Main();
        main.configure().addConfiguration(new HubConnection());
        main.configure().addRoutesBuilder(new ThermostatRoutes());
        return main;
    }
}
