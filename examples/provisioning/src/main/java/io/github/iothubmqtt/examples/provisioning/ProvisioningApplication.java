package io.github.iothubmqtt.examples.provisioning;

import io.github.iothubmqtt.examples.thermostat.ThermostatRoutes;
import org.apache.camel.main.Main;

/**
 * The thermostat, provisioned through the Device Provisioning Service: its first connect registers with an
 * enrollment-group key and connects to the hub DPS assigns. Without the IOTHUB_DPS_* variables it runs against an
 * embedded emulator with a DPS endpoint, plays the cloud side of a short demo and stops.
 */
public final class ProvisioningApplication {

    private ProvisioningApplication() {
    }

    public static void main(String... args) throws Exception {
        newMain().run(args);
    }

    static Main newMain() {
        Main main = new Main();
        main.configure().addConfiguration(new ProvisionedConnection());
        main.configure().addRoutesBuilder(new ThermostatRoutes());
        return main;
    }
}
