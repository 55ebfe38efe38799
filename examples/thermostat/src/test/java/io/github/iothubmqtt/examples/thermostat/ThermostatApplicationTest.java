package io.github.iothubmqtt.examples.thermostat;

import io.github.iothubmqtt.examples.hub.ThermostatDemoTestSupport;
import org.apache.camel.main.Main;

class ThermostatApplicationTest extends ThermostatDemoTestSupport {

    @Override
    protected Main newApplication() {
        return ThermostatApplication.newMain();
    }
}
