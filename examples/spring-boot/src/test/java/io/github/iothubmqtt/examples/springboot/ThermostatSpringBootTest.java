package io.github.iothubmqtt.examples.springboot;

import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.examples.hub.CloudSide;
import io.github.iothubmqtt.examples.hub.DemoOutcome;
import io.github.iothubmqtt.examples.hub.ThermostatDemoTestSupport;
import io.github.iothubmqtt.test.EmulatedHub;
import io.github.iothubmqtt.test.IotHubTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Boot thermostat against the emulator: the test kit puts the emulator's device into the starter's
 * properties, and the cloud side plays the whole demo (telemetry, a C2D message, a desired update, two methods).
 */
// tag::test[]
@SpringBootTest(properties = "camel.main.run-controller = false")
@IotHubTest(devices = "thermostat-1")
class ThermostatSpringBootTest {

    @Autowired
    EmulatedHub hub;
    @Autowired
    HealthEndpoint health;

    @Test
    void playsTheDemoAgainstTheEmulator() throws Exception {
        CloudSide cloud = new CloudSide(hub.service(), hub.device("thermostat-1"));
        DemoOutcome outcome = cloud.play().get(90, TimeUnit.SECONDS);

        ThermostatDemoTestSupport.assertDemoOutcome(outcome);
        // Actuator's health shows each device connection through Camel's health checks
        assertThat(health.healthForPath("camelHealth")).isInstanceOfSatisfying(IndicatedHealthDescriptor.class,
                camel -> assertThat(camel.getDetails()).containsEntry("iothub-mqtt:emulator.azure-devices.net/thermostat-1",
                        "UP"));
    }
}
// end::test[]
