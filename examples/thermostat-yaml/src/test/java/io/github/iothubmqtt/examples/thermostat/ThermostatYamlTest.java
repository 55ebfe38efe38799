package io.github.iothubmqtt.examples.thermostat;

import io.github.iothubmqtt.examples.hub.ThermostatDemoTestSupport;
import org.apache.camel.main.Main;

/** The YAML routes, run as {@code java org.apache.camel.main.Main} runs them: configured by application.properties. */
class ThermostatYamlTest extends ThermostatDemoTestSupport {

    @Override
    protected Main newApplication() {
        return new Main();
    }
}
