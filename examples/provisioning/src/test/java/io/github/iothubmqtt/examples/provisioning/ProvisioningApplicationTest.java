package io.github.iothubmqtt.examples.provisioning;

import io.github.iothubmqtt.examples.hub.ThermostatDemoTestSupport;
import org.apache.camel.main.Main;

/**
 * The whole thermostat demo, on a device that only exists once it registered with the embedded DPS: the demo's
 * telemetry, twin and methods can only work after the registration.
 */
class ProvisioningApplicationTest extends ThermostatDemoTestSupport {

    @Override
    protected Main newApplication() {
        return ProvisioningApplication.newMain();
    }
}
